import { and, eq, gt, sql } from 'drizzle-orm';
import { rowsOf, type Database, type Tx } from '../db/database.ts';
import { syncTombstones } from '../db/schema.ts';
import { formatCursor, parseCursor, type PullResponse, type Tombstone } from '../../shared/sync/protocol.ts';
import type { SyncScope } from './sync-scope.ts';
import type { PullReadContext, PullReader, PullReaderRegistry } from './pull-readers.ts';
import type { AuthContext } from '../app-env.ts';
import { ChangeCache } from '../db/change-cache.ts';
import { SYNC_CHANNEL, type ChangeFeed } from '../db/change-feed.ts';

export type PullOutcome = { kind: 'not-modified'; etag: string } | { kind: 'changes'; etag: string; body: PullResponse };
/** What the phone has already seen; a read replica that has not replayed that far must not answer. */
export interface SeenByPhone {
  scopeEpoch: number;
  version: number;
  mutationId: number;
}

// About 200 bytes each: the devices that pulled lately, a few megabytes at most.
const KNOWN_DEVICES_MAX = 50_000;

/**
 * The ETag each device's pull would get, kept in memory so that the common pull, "anything
 * new?" answered "no", reads no table. An entry belongs to the participant: the database
 * announces every change of that participant's rows, tombstones, cards, scope epoch and
 * devices (migration 0005), and the entry is dropped. Unknown or doubtful: read the database.
 */
export class DeviceEtags {
  readonly #cache: ChangeCache<string>;

  constructor(
    private readonly changes: ChangeFeed,
    maxEntries = KNOWN_DEVICES_MAX,
  ) {
    this.#cache = new ChangeCache(maxEntries, changes, SYNC_CHANNEL);
  }

  /** The current ETag, when memory knows it for certain as of `mark` (the request's arrival). */
  async current(auth: AuthContext, deviceId: string | undefined, mark: number): Promise<string | undefined> {
    const key = deviceKey(auth, deviceId);
    if (this.#cache.get(key) === undefined || !(await this.changes.caughtUp(mark))) return undefined;
    return this.#cache.get(key);
  }

  ticket(): number {
    return this.#cache.ticket();
  }

  remember(auth: AuthContext, deviceId: string | undefined, etag: string, ticket: number): void {
    this.#cache.set(deviceKey(auth, deviceId), auth.participantId, etag, ticket);
  }
}

const deviceKey = (auth: AuthContext, deviceId: string | undefined) => `${auth.accountId}:${deviceId ?? ''}`;

export interface KnownEtags {
  etags: DeviceEtags;
  /** When the request arrived, in announcements received (server/db/change-feed.ts). */
  mark: number;
}

/** Whether memory knows for certain that the phone's ETag is still the current one. */
export async function unchangedInMemory(known: KnownEtags, auth: AuthContext, request: { cursor?: string; deviceId?: string; ifNoneMatch?: string }): Promise<boolean> {
  if (!request.cursor || !request.ifNoneMatch) return false;
  return (await known.etags.current(auth, request.deviceId, known.mark)) === request.ifNoneMatch;
}

/**
 * One consistent snapshot (repeatable read) for the version watermark and the rows, so the
 * returned cursor never claims rows the response did not carry.
 */
export async function pullChanges(
  db: Database,
  registry: PullReaderRegistry,
  auth: AuthContext,
  request: { cursor?: string; deviceId?: string; ifNoneMatch?: string; now: Date; mustHaveSeen?: SeenByPhone },
  /**
   * The primary's ETags in memory, to remember what this read finds; never given for a standby,
   * whose answers may lag the announcements. Looked up by the caller before any database
   * (`pullPreferringReplica`), so not again here.
   */
  known?: KnownEtags,
): Promise<PullOutcome | { kind: 'behind' }> {
  const readers = registry.readers();
  const behind = (state: SyncState) => request.mustHaveSeen !== undefined && isBehind(state, request.mustHaveSeen);
  // Most pulls change nothing: one statement is a consistent snapshot of its own, so "304" is
  // answered from it without opening a transaction.
  if (request.cursor && request.ifNoneMatch) {
    const ticket = known?.etags.ticket();
    const state = await readSyncState(db, readers, auth, request.deviceId);
    if (behind(state)) return { kind: 'behind' };
    if (known) known.etags.remember(auth, request.deviceId, state.etag, ticket!);
    if (request.ifNoneMatch === state.etag) return { kind: 'not-modified', etag: state.etag };
  }
  const ticket = known?.etags.ticket();
  const outcome = await db.transaction<PullOutcome | { kind: 'behind' }>(
    async (tx) => {
      const state = await readSyncState(tx, readers, auth, request.deviceId);
      if (behind(state)) return { kind: 'behind' as const };
      const { scope, lastMutationId, versions, watermark, etag } = state;
      if (request.ifNoneMatch === etag && request.cursor) return { kind: 'not-modified', etag };

      const parsed = parseCursor(request.cursor);
      const canServeDelta = parsed !== null && parsed.scopeEpoch === scope.scopeEpoch && parsed.version <= watermark;
      const since = canServeDelta ? parsed.version : 0;
      const hasNewer = (table: string) => (versions.get(table) ?? 0) > since;
      const body: PullResponse = {
        kind: canServeDelta ? 'delta' : 'snapshot',
        reset: request.cursor !== undefined && !canServeDelta,
        cursor: formatCursor(scope.scopeEpoch, watermark),
        serverTime: request.now.toISOString(),
        lastMutationId,
        changes: await readChanges(readers, { tx, scope, since, now: request.now }, hasNewer),
        deletes: canServeDelta && hasNewer(TOMBSTONES) ? await readTombstones(tx, readers, scope.participantId, since) : [],
      };
      return { kind: 'changes', etag, body };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
  if (known && outcome.kind !== 'behind') known.etags.remember(auth, request.deviceId, outcome.etag, ticket!);
  return outcome;
}

const TOMBSTONES = 'sync_tombstones';

type SyncState = Awaited<ReturnType<typeof readSyncState>>;

/** Versions come from one shared sequence and epochs only grow, so "older" is a comparison. */
function isBehind(state: SyncState, seen: SeenByPhone): boolean {
  return state.scope.scopeEpoch < seen.scopeEpoch || state.watermark < seen.version || state.lastMutationId < seen.mutationId;
}

/**
 * In one statement: the account's scope (epoch and cards), this device's last applied
 * mutation, and the newest version of this participant's rows in each reader's table and in
 * the tombstones. Their maximum is the watermark; and a delta pull only reads the tables with
 * anything newer than the phone's cursor (usually one or two of eleven), which keeps the
 * common pull cheap.
 */
async function readSyncState(db: Pick<Database, 'execute'>, readers: PullReader[], auth: AuthContext, deviceId: string | undefined) {
  const owned = [...readers.map(({ table, ownerColumn }) => ({ table, ownerColumn: ownerColumn ?? 'participant_id' })), { table: TOMBSTONES, ownerColumn: 'participant_id' }];
  const versionColumns = owned.map(
    ({ table, ownerColumn }) => sql`(select coalesce(max(version), 0) from ${sql.identifier(table)} where ${sql.identifier(ownerColumn)} = ${auth.participantId}) as ${sql.identifier(table)}`,
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
  const versions = new Map(owned.map(({ table }) => [table, Number(row?.[table] ?? 0)]));
  const lastMutationId = Number(row?.last_mutation_id ?? 0);
  const watermark = Math.max(...versions.values());
  return { scope, lastMutationId, versions, watermark, etag: `"s${scope.scopeEpoch}-v${watermark}-m${lastMutationId}"` };
}

/** One query at a time: inside a transaction they share one connection (pg@9 forbids overlap). */
async function readChanges(readers: PullReader[], ctx: PullReadContext, hasNewer: (table: string) => boolean): Promise<PullResponse['changes']> {
  const changes: PullResponse['changes'] = {};
  for (const reader of readers) {
    if (!hasNewer(reader.table)) continue;
    const rows = await reader.read(ctx);
    if (rows.length > 0) changes[reader.entity] = rows as never;
  }
  return changes;
}

async function readTombstones(tx: Tx, readers: PullReader[], participantId: number, since: number): Promise<Tombstone[]> {
  const entityOfTable = new Map(readers.map((reader) => [reader.table, reader.entity]));
  const rows = await tx
    .select({ entity: syncTombstones.entity, key: syncTombstones.entityKey })
    .from(syncTombstones)
    .where(and(eq(syncTombstones.participantId, participantId), gt(syncTombstones.version, since)))
    .orderBy(syncTombstones.version);
  return rows.flatMap((row) => {
    const entity = entityOfTable.get(row.entity);
    return entity ? [{ entity, key: row.key }] : [];
  });
}
