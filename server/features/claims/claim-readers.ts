import { and, eq, gt } from 'drizzle-orm';
import { claimEvents, claims, memberships } from '../../db/schema.ts';
import type { PullReader } from '../../sync/pull-readers.ts';

export const claimReader: PullReader<'claims'> = {
  entity: 'claims',
  table: 'claims',
  async read({ tx, scope, since }) {
    const rows = await tx
      .select({ c: claims, kpj: memberships.kpj })
      .from(claims)
      .innerJoin(memberships, eq(memberships.id, claims.membershipId))
      .where(and(eq(claims.participantId, scope.participantId), gt(claims.version, since)));
    return rows.map(({ c, kpj }) => ({
      key: String(c.id),
      claimNo: c.claimNo,
      draftId: c.draftId,
      kpj,
      program: c.program,
      type: c.type,
      cause: c.cause,
      channel: c.channel,
      requestedAmount: c.requestedAmount,
      approvedAmount: c.approvedAmount,
      tax: c.tax,
      status: c.status,
      requestedDocumentId: c.requestedDocumentId,
      createdAt: c.createdAt.toISOString(),
    }));
  },
};

/** Each claim's status history, oldest first. */
export const claimEventReader: PullReader<'claimEvents'> = {
  entity: 'claimEvents',
  table: 'claim_events',
  async read({ tx, scope, since }) {
    const rows = await tx
      .select()
      .from(claimEvents)
      .where(and(eq(claimEvents.participantId, scope.participantId), gt(claimEvents.version, since)))
      .orderBy(claimEvents.id);
    return rows.map((e) => ({ key: String(e.id), claimKey: String(e.claimId), status: e.status, note: e.note, at: e.at.toISOString() }));
  },
};
