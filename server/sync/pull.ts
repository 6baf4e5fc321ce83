import { and, eq, gt, inArray, sql, type Column } from 'drizzle-orm';
import { rowsOf, type Database, type Tx } from '../db/database.ts';
import { accounts, claimEvents, claims, contributions, employers, jhtBalances, memberships, participants, syncTombstones } from '../db/schema.ts';
import { formatCursor, parseCursor, type PullResponse, type Tombstone } from '../../shared/sync/protocol.ts';
import type { SyncEntities } from '../../shared/sync/entities.ts';
import { maskNik } from '../../shared/ids/nik.ts';
import type { SyncScope } from './sync-scope.ts';
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
  // Most pulls change nothing. One statement is a consistent snapshot of its own, so "304"
  // is answered from it without opening a transaction.
  if (request.cursor && request.ifNoneMatch) {
    const state = await readSyncState(db, auth, request.deviceId);
    if (request.ifNoneMatch === state.etag) return { kind: 'not-modified', etag: state.etag };
  }
  return db.transaction(
    async (tx) => {
      const { scope, lastMutationId, versions, watermark, etag } = await readSyncState(tx, auth, request.deviceId);
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
        changes: await readChanges(tx, scope, since, (table) => versions[table] > since, request.cardSigner, jakartaDate(request.now)),
        deletes: canServeDelta && versions.sync_tombstones > since ? await readTombstones(tx, scope.participantId, since) : [],
      };
      return { kind: 'changes', etag, body };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

const VERSIONED_TABLES = ['participants', 'memberships', 'contributions', 'jht_balances', 'claims', 'claim_events', 'complaints', 'complaint_messages', 'payments', 'notifications', 'sync_tombstones'] as const;
export type VersionedTable = (typeof VERSIONED_TABLES)[number];
type TableVersions = Record<VersionedTable, number>;

/**
 * In one statement: the account's scope (epoch and cards), this device's last applied
 * mutation, and the newest version of this participant's rows in each table. Their maximum
 * is the watermark; and a delta pull only reads the tables with anything newer than the
 * phone's cursor (usually one or two of eleven), which keeps the common pull cheap.
 */
async function readSyncState(db: Pick<Database, 'execute'>, auth: AuthContext, deviceId: string | undefined) {
  const versionColumns = VERSIONED_TABLES.map((table) =>
    table === 'participants'
      ? sql`(select coalesce(max(version), 0) from participants where id = ${auth.participantId}) as ${sql.identifier(table)}`
      : sql`(select coalesce(max(version), 0) from ${sql.identifier(table)} where participant_id = ${auth.participantId}) as ${sql.identifier(table)}`,
  );
  const lastMutation = deviceId ? sql`(select last_mutation_id from sync_devices where account_id = ${auth.accountId} and device_id = ${deviceId})` : sql`0`;
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      select a.scope_epoch,
        (select coalesce(array_agg(membership_id order by membership_id), '{}') from account_cards where account_id = a.id) as card_ids,
        ${lastMutation} as last_mutation_id,
        ${sql.join(versionColumns, sql`, `)}
      from accounts a where a.id = ${auth.accountId}`),
  );
  const scope: SyncScope = {
    accountId: auth.accountId,
    participantId: auth.participantId,
    scopeEpoch: Number(row?.scope_epoch ?? 0),
    membershipIds: ((row?.card_ids as number[] | undefined) ?? []).map(Number),
  };
  const versions = Object.fromEntries(VERSIONED_TABLES.map((table) => [table, Number(row?.[table] ?? 0)])) as TableVersions;
  const lastMutationId = Number(row?.last_mutation_id ?? 0);
  const watermark = Math.max(...Object.values(versions));
  return { scope, lastMutationId, versions, watermark, etag: `"s${scope.scopeEpoch}-v${watermark}-m${lastMutationId}"` };
}

async function readChanges(tx: Tx, scope: SyncScope, since: number, hasNewer: (table: VersionedTable) => boolean, cardSigner: CardSigner, today: string): Promise<PullResponse['changes']> {
  const cardIds = scope.membershipIds.length > 0 ? scope.membershipIds : [-1];
  const ofCards = (column: Column) => inArray(column, cardIds);
  // One query at a time: inside a transaction they share one connection (pg@9 forbids overlap).
  const profile = hasNewer('participants')
    ? await tx
        .select({ p: participants, email: accounts.email, phone: accounts.phoneE164 })
        .from(participants)
        .innerJoin(accounts, eq(accounts.participantId, participants.id))
        .where(and(eq(participants.id, scope.participantId), gt(participants.version, since)))
    : [];
  const membershipRows = hasNewer('memberships')
    ? await tx
        .select({ m: memberships, employerName: employers.name })
        .from(memberships)
        .leftJoin(employers, eq(employers.id, memberships.employerId))
        .where(and(ofCards(memberships.id), gt(memberships.version, since)))
    : [];
  const balanceRows = hasNewer('jht_balances')
    ? await tx
        .select({ b: jhtBalances, kpj: memberships.kpj })
        .from(jhtBalances)
        .innerJoin(memberships, eq(memberships.id, jhtBalances.membershipId))
        .where(and(ofCards(jhtBalances.membershipId), gt(jhtBalances.version, since)))
    : [];
  const contributionRows = hasNewer('contributions')
    ? await tx
        .select({ c: contributions, kpj: memberships.kpj })
        .from(contributions)
        .innerJoin(memberships, eq(memberships.id, contributions.membershipId))
        .where(and(eq(contributions.participantId, scope.participantId), ofCards(contributions.membershipId), gt(contributions.version, since)))
        .orderBy(contributions.membershipId, contributions.period)
    : [];
  const claimRows = hasNewer('claims')
    ? await tx
        .select({ c: claims, kpj: memberships.kpj })
        .from(claims)
        .innerJoin(memberships, eq(memberships.id, claims.membershipId))
        .where(and(eq(claims.participantId, scope.participantId), gt(claims.version, since)))
    : [];
  const eventRows = hasNewer('claim_events')
    ? await tx
        .select()
        .from(claimEvents)
        .where(and(eq(claimEvents.participantId, scope.participantId), gt(claimEvents.version, since)))
        .orderBy(claimEvents.id)
    : [];
  const ownerName = membershipRows.length > 0 ? await readOwnerName(tx, scope.participantId) : '';
  const serviceRows = await readServiceChanges(tx, scope, since, hasNewer);
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
