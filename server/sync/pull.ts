import { and, eq, gt, inArray, sql, type Column } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import type { Tx } from './mutation-registry.ts';
import { accounts, claimEvents, claims, contributions, employers, jhtBalances, memberships, participants, syncDevices, syncTombstones } from '../db/schema.ts';
import { formatCursor, parseCursor, type PullResponse, type Tombstone } from '../../shared/sync/protocol.ts';
import type { SyncEntities } from '../../shared/sync/entities.ts';
import { maskNik } from '../../shared/ids/nik.ts';
import { loadSyncScope, type SyncScope } from './sync-scope.ts';
import { readServiceChanges } from './pull-services.ts';
import type { AuthContext } from '../app-env.ts';
import type { CardSigner } from '../features/cards/card-signing.ts';
import { jakartaDate } from '../jakarta-date.ts';

/** Server table name in a tombstone → the phone's table. */
const TOMBSTONE_ENTITIES: Record<string, keyof SyncEntities> = {
  memberships: 'memberships',
  jht_balances: 'balances',
  contributions: 'contributions',
  claims: 'claims',
  claim_events: 'claimEvents',
  complaints: 'complaints',
  complaint_messages: 'complaintMessages',
  payments: 'payments',
  notifications: 'notifications',
};

export type PullOutcome = { kind: 'not-modified'; etag: string } | { kind: 'changes'; etag: string; body: PullResponse };

/**
 * One consistent snapshot (repeatable read) for the version watermark and the rows, so the
 * returned cursor never claims rows the response did not carry.
 */
export async function pullChanges(
  db: Database,
  auth: AuthContext,
  request: { cursor?: string; deviceId?: string; ifNoneMatch?: string; now: Date; cardSigner: CardSigner },
): Promise<PullOutcome> {
  return db.transaction(
    async (tx) => {
      const scope = await loadSyncScope(tx, auth);
      const lastMutationId = request.deviceId ? await readLastMutationId(tx, scope.accountId, request.deviceId) : 0;
      const watermark = await maxVersion(tx, scope.participantId);
      const etag = `"s${scope.scopeEpoch}-v${watermark}-m${lastMutationId}"`;
      if (request.ifNoneMatch === etag && request.cursor) return { kind: 'not-modified', etag };

      const parsed = parseCursor(request.cursor);
      const canServeDelta = parsed !== null && parsed.scopeEpoch === scope.scopeEpoch && parsed.version <= watermark;
      const since = canServeDelta ? parsed.version : 0;
      const body: PullResponse = {
        kind: canServeDelta ? 'delta' : 'snapshot',
        reset: request.cursor !== undefined && !canServeDelta,
        cursor: formatCursor(scope.scopeEpoch, watermark),
        serverTime: request.now.toISOString(),
        lastMutationId,
        changes: await readChanges(tx, scope, since, request.cardSigner, jakartaDate(request.now)),
        deletes: canServeDelta ? await readTombstones(tx, scope.participantId, since) : [],
      };
      return { kind: 'changes', etag, body };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

async function readLastMutationId(tx: Tx, accountId: number, deviceId: string): Promise<number> {
  const [row] = await tx
    .select({ last: syncDevices.lastMutationId })
    .from(syncDevices)
    .where(and(eq(syncDevices.accountId, accountId), eq(syncDevices.deviceId, deviceId)));
  return row?.last ?? 0;
}

async function maxVersion(tx: Tx, participantId: number): Promise<number> {
  const tables = ['memberships', 'contributions', 'jht_balances', 'claims', 'claim_events', 'complaints', 'complaint_messages', 'payments', 'notifications', 'sync_tombstones'];
  const parts = tables.map((table) => sql`(select coalesce(max(version), 0) from ${sql.identifier(table)} where participant_id = ${participantId})`);
  const [row] = await tx
    .select({ v: sql<string>`greatest(${participants.version}, ${sql.join(parts, sql`, `)})` })
    .from(participants)
    .where(eq(participants.id, participantId));
  return Number(row?.v ?? 0);
}

async function readChanges(tx: Tx, scope: SyncScope, since: number, cardSigner: CardSigner, today: string): Promise<PullResponse['changes']> {
  const cardIds = scope.membershipIds.length > 0 ? scope.membershipIds : [-1];
  const ofCards = (column: Column) => inArray(column, cardIds);
  // One query at a time: inside a transaction they share one connection (pg@9 forbids overlap).
  const profile = await tx
    .select({ p: participants, email: accounts.email, phone: accounts.phoneE164 })
    .from(participants)
    .innerJoin(accounts, eq(accounts.participantId, participants.id))
    .where(and(eq(participants.id, scope.participantId), gt(participants.version, since)));
  const membershipRows = await tx
    .select({ m: memberships, employerName: employers.name })
    .from(memberships)
    .leftJoin(employers, eq(employers.id, memberships.employerId))
    .where(and(ofCards(memberships.id), gt(memberships.version, since)));
  const balanceRows = await tx
    .select({ b: jhtBalances, kpj: memberships.kpj })
    .from(jhtBalances)
    .innerJoin(memberships, eq(memberships.id, jhtBalances.membershipId))
    .where(and(ofCards(jhtBalances.membershipId), gt(jhtBalances.version, since)));
  const contributionRows = await tx
    .select({ c: contributions, kpj: memberships.kpj })
    .from(contributions)
    .innerJoin(memberships, eq(memberships.id, contributions.membershipId))
    .where(and(eq(contributions.participantId, scope.participantId), ofCards(contributions.membershipId), gt(contributions.version, since)))
    .orderBy(contributions.membershipId, contributions.period);
  const claimRows = await tx
    .select({ c: claims, kpj: memberships.kpj })
    .from(claims)
    .innerJoin(memberships, eq(memberships.id, claims.membershipId))
    .where(and(eq(claims.participantId, scope.participantId), gt(claims.version, since)));
  const eventRows = await tx
    .select()
    .from(claimEvents)
    .where(and(eq(claimEvents.participantId, scope.participantId), gt(claimEvents.version, since)))
    .orderBy(claimEvents.id);
  const ownerName = await readOwnerName(tx, scope.participantId);
  const serviceRows = await readServiceChanges(tx, scope, since);
  const changes: PullResponse['changes'] = {};
  const put = <K extends keyof SyncEntities>(entity: K, rows: SyncEntities[K][]) => {
    if (rows.length > 0) changes[entity] = rows as never;
  };
  put(
    'profile',
    profile.map(({ p, email, phone }) => ({
      key: 'me' as const,
      nikMasked: maskNik(p.nik),
      fullName: p.fullName,
      birthDate: p.birthDate,
      sex: p.sex,
      email,
      phone,
      address: p.address,
      npwp: p.npwp,
      bankCode: p.bankCode,
      bankAccount: p.bankAccount,
      faceVerified: p.faceVerifiedAt !== null,
      dataUpdated: p.dataUpdatedAt !== null,
    })),
  );
  put(
    'memberships',
    membershipRows.map(({ m, employerName }) => ({
      key: String(m.id),
      kpj: m.kpj,
      segment: m.segment,
      employerName,
      programs: m.programs,
      status: m.status,
      startDate: m.startDate,
      endDate: m.endDate,
      endReason: m.endReason,
      reportedWage: m.reportedWage,
      declaredIncome: m.declaredIncome,
      cardToken: cardSigner.sign({ v: 1, kpj: m.kpj, name: ownerName, status: m.status, programs: m.programs, issued: today }),
    })),
  );
  put(
    'balances',
    balanceRows.map(({ b, kpj }) => ({
      key: String(b.membershipId),
      kpj,
      asOf: b.asOf,
      contributionTotal: b.contributionTotal,
      developmentTotal: b.developmentTotal,
      paidOutTotal: b.paidOutTotal,
      total: b.total,
    })),
  );
  put(
    'contributions',
    contributionRows.map(({ c, kpj }) => ({
      key: String(c.id),
      kpj,
      period: c.period,
      wageBase: c.wageBase,
      jhtEmployer: c.jhtEmployer,
      jhtWorker: c.jhtWorker,
      jpEmployer: c.jpEmployer,
      jpWorker: c.jpWorker,
      jkk: c.jkk,
      jkm: c.jkm,
      jkp: c.jkp,
      status: c.status,
      paidAt: c.paidAt,
    })),
  );
  put(
    'claims',
    claimRows.map(({ c, kpj }) => ({
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
      createdAt: c.createdAt.toISOString(),
    })),
  );
  put(
    'claimEvents',
    eventRows.map((e) => ({ key: String(e.id), claimKey: String(e.claimId), status: e.status, note: e.note, at: e.at.toISOString() })),
  );
  put('complaints', serviceRows.complaints);
  put('complaintMessages', serviceRows.complaintMessages);
  put('payments', serviceRows.payments);
  put('notifications', serviceRows.notifications);
  return changes;
}

async function readTombstones(tx: Tx, participantId: number, since: number): Promise<Tombstone[]> {
  const rows = await tx
    .select({ entity: syncTombstones.entity, key: syncTombstones.entityKey })
    .from(syncTombstones)
    .where(and(eq(syncTombstones.participantId, participantId), gt(syncTombstones.version, since)))
    .orderBy(syncTombstones.version);
  return rows.flatMap((row) => {
    const entity = TOMBSTONE_ENTITIES[row.entity];
    return entity ? [{ entity, key: row.key }] : [];
  });
}

async function readOwnerName(tx: Tx, participantId: number): Promise<string> {
  const [row] = await tx.select({ fullName: participants.fullName }).from(participants).where(eq(participants.id, participantId));
  return row?.fullName ?? '';
}
