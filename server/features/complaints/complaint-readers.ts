import { and, eq, gt } from 'drizzle-orm';
import { complaintMessages, complaints, memberships } from '../../db/schema.ts';
import type { PullReader } from '../../sync/pull-readers.ts';

export const complaintReader: PullReader<'complaints'> = {
  entity: 'complaints',
  table: 'complaints',
  async read({ tx, scope, since }) {
    const rows = await tx
      .select({ c: complaints, kpj: memberships.kpj })
      .from(complaints)
      .leftJoin(memberships, eq(memberships.id, complaints.membershipId))
      .where(and(eq(complaints.participantId, scope.participantId), gt(complaints.version, since)));
    return rows.map(({ c, kpj }) => ({
      key: String(c.id),
      ticketNo: c.ticketNo,
      draftId: c.draftId,
      kpj,
      category: c.category,
      description: c.description,
      status: c.status,
      createdAt: c.createdAt.toISOString(),
    }));
  },
};

/** The conversation of each complaint, oldest first. */
export const complaintMessageReader: PullReader<'complaintMessages'> = {
  entity: 'complaintMessages',
  table: 'complaint_messages',
  async read({ tx, scope, since }) {
    const rows = await tx
      .select()
      .from(complaintMessages)
      .where(and(eq(complaintMessages.participantId, scope.participantId), gt(complaintMessages.version, since)))
      .orderBy(complaintMessages.id);
    return rows.map((m) => ({ key: String(m.id), complaintKey: String(m.complaintId), author: m.author, body: m.body, at: m.at.toISOString() }));
  },
};
