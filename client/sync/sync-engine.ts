import type { JmoDb, OutboxRow } from '../data/local-db.ts';
import { readMeta, writeMeta, type SyncStatus } from '../data/meta.ts';
import { MAX_PUSH_BATCH, type MutationResult, type PushResponse } from '../../shared/sync/protocol.ts';
import { ensureDeviceId, type MutationOutcomeHooks } from './outbox.ts';
import { applyPullResponse, recordConfirmation } from './apply-pull.ts';
import type { PullResponse } from '../../shared/sync/protocol.ts';
import type { NotificationRecord } from '../../shared/sync/entities.ts';
import type { SyncAttemptOutcome } from '../../shared/rules/freshness.ts';

export interface SyncDeps {
  db: JmoDb;
  fetch: typeof fetch;
  now: () => number;
  /** One flush at a time across tabs, the worker and the service worker (Web Locks in browsers). */
  withLock: <T>(job: () => Promise<T>) => Promise<T>;
  randomUUID: () => string;
  /**
   * What the features do when the server answers their mutations (drafts learn "sent" or
   * "refused"): the engine knows no feature and writes no feature's rows itself.
   */
  outcomeHooks: MutationOutcomeHooks;
  /** '' in the browser (same origin); an absolute origin in Node tests. */
  baseUrl?: string;
  requestTimeoutMs?: number;
}

export type SyncOutcome =
  | { kind: 'ok'; pushed: number; rejected: number; pulled: 'changes' | 'unchanged'; newNotifications: NotificationRecord[] }
  | { kind: 'offline' }
  /** `retryAfterMs`: the server asked to wait this long (a 503 with Retry-After). */
  | { kind: 'server-error'; status: number; retryAfterMs?: number }
  | { kind: 'signed-out' };

class StopSync extends Error {
  constructor(readonly outcome: Exclude<SyncOutcome, { kind: 'ok' }>) {
    super(outcome.kind);
  }
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** The sync loop of DESIGN.md "Sync protocol (v1)": no DOM, every dependency injected. */
export function createSyncEngine(deps: SyncDeps) {
  const setStatus = (status: Omit<SyncStatus, 'updatedAt'>) => writeMeta(deps.db, 'status', { ...status, updatedAt: deps.now() });
  const recordAttempt = (outcome: SyncAttemptOutcome) => writeMeta(deps.db, 'lastAttempt', { outcome, at: deps.now() });

  async function call(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    let response: Response;
    try {
      response = await deps.fetch(`${deps.baseUrl ?? ''}${path}`, {
        method,
        headers: body === undefined ? headers : { 'Content-Type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
        signal: AbortSignal.timeout(deps.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch {
      // Network down, DNS, timeout: all mean "try again later", never "drop the item".
      await recordAttempt('unreachable');
      throw new StopSync({ kind: 'offline' });
    }
    if (response.status === 401) {
      await recordAttempt('session-ended');
      throw new StopSync({ kind: 'signed-out' });
    }
    if (response.status >= 500) {
      await recordAttempt('unreachable');
      const retryAfterMs = retryAfterOf(response);
      throw new StopSync(retryAfterMs === undefined ? { kind: 'server-error', status: response.status } : { kind: 'server-error', status: response.status, retryAfterMs });
    }
    return response;
  }

  async function pushPending(): Promise<{ pushed: number; rejected: number }> {
    const deviceId = await ensureDeviceId(deps.db, deps.randomUUID);
    const total = await deps.db.outbox.count();
    let pushed = 0;
    let rejected = 0;
    let batchSize = MAX_PUSH_BATCH;
    for (;;) {
      const batch = await deps.db.outbox.orderBy('id').limit(batchSize).toArray();
      if (batch.length === 0) break;
      await setStatus({ state: 'syncing', progress: { done: pushed + rejected, total } });
      const response = await call('POST', '/api/sync/push', {
        deviceId,
        mutations: batch.map(({ id, name, args, createdAt }) => ({ id, name, args, createdAt })),
      });
      if (!response.ok) {
        // A batch the server cannot read at all (too large, malformed): halve it until the
        // one bad item is alone, then keep that item as refused so the rest can go.
        if (batch.length > 1) batchSize = Math.max(1, Math.floor(batch.length / 2));
        else await storeResults([localRefusal(batch[0]!, await readErrorBody(response))]);
        continue;
      }
      const answer = (await response.json()) as PushResponse;
      await storeResults(answer.results);
      for (const result of answer.results) {
        if (result.status === 'applied') pushed++;
        else rejected++;
      }
      await writeMeta(deps.db, 'lastMutationId', answer.lastMutationId);
      if (answer.gap) {
        const { expectedId } = answer.gap;
        const firstUnseen = await deps.db.outbox.where('id').aboveOrEqual(expectedId).first();
        // The expected id is in the outbox, so nothing is missing: the batch arrived out of
        // order (a proxy retry, a racing tab). Try again later rather than renumber anything.
        if (firstUnseen?.id === expectedId) throw new StopSync({ kind: 'server-error', status: 409 });
        await renumberFrom(expectedId);
      } else if (answer.results.length === 0) break;
    }
    return { pushed, rejected };
  }

  // A Map, so a mutation named like an Object method ("toString") finds no hook.
  const outcomeHooks = new Map(Object.entries(deps.outcomeHooks));
  const hookTables = [...new Set([...outcomeHooks.values()].flatMap((hook) => hook.tables))];

  /**
   * Result, the feature's own effect of it and the outbox delete in one transaction: a crash
   * in between must resend (the server dedupes by mutation id), never lose the item.
   */
  async function storeResults(results: MutationResult[]): Promise<void> {
    if (results.length === 0) return;
    const { db } = deps;
    await db.transaction('rw', [db.outbox, db.results, ...hookTables.map((name) => db.table(name))], async () => {
      for (const result of results) {
        const row = await db.outbox.get(result.id);
        if (!row) continue;
        const now = deps.now();
        await db.results.put({
          id: result.id,
          name: row.name,
          status: result.status,
          ref: result.status === 'applied' ? result.ref : undefined,
          ...(result.status === 'rejected' ? { code: result.code, message: result.message } : {}),
          draftId: row.draftId,
          receivedAt: now,
        });
        await outcomeHooks.get(row.name)?.settle(db, row, result, now);
        await db.outbox.delete(result.id);
      }
    });
  }

  /**
   * The server has never seen ids at or above `expectedId`, and ids below it are already
   * applied (they keep their numbers and get their stored answers). Only the unseen rows are
   * moved down, in order, to start at `expectedId`: renumbering an applied one would apply it twice.
   */
  async function renumberFrom(expectedId: number): Promise<void> {
    const { db } = deps;
    await db.transaction('rw', [db.outbox, db.meta], async () => {
      const rows = await db.outbox.where('id').aboveOrEqual(expectedId).sortBy('id');
      await db.outbox.bulkDelete(rows.map((row) => row.id));
      let id = expectedId;
      for (const row of rows) await db.outbox.add({ ...row, id: id++ });
      await writeMeta(db, 'nextMutationId', id);
    });
  }

  async function pullChanges(): Promise<{ pulled: 'changes' | 'unchanged'; newNotifications: NotificationRecord[] }> {
    const { db } = deps;
    const [cursor, etag, deviceId, lastMutationId] = await Promise.all([readMeta(db, 'cursor'), readMeta(db, 'etag'), ensureDeviceId(db, deps.randomUUID), readMeta(db, 'lastMutationId')]);
    const query = new URLSearchParams({ deviceId });
    if (cursor) query.set('cursor', cursor);
    // A server reading from a replica must not answer from before this phone's own pushes.
    if (lastMutationId) query.set('lastMutationId', String(lastMutationId));
    const response = await call('GET', `/api/sync/pull?${query}`, undefined, cursor && etag ? { 'If-None-Match': etag } : {});
    const serverNow = Date.parse(response.headers.get('Date') ?? '') || undefined;
    if (response.status === 304) {
      await recordConfirmation(db, serverNow ?? deps.now() + ((await readMeta(db, 'serverOffsetMs')) ?? 0));
      await recordAttempt('ok');
      return { pulled: 'unchanged', newNotifications: [] };
    }
    if (!response.ok) throw new StopSync({ kind: 'server-error', status: response.status });
    const body = (await response.json()) as PullResponse;
    const newNotifications = await applyPullResponse(db, body, { etag: response.headers.get('ETag') ?? '', localNow: deps.now() });
    await recordAttempt('ok');
    return { pulled: 'changes', newNotifications };
  }

  /** Push everything waiting, then pull: the user's own changes come back confirmed. */
  async function sync(): Promise<SyncOutcome> {
    return deps.withLock(async () => {
      try {
        const { pushed, rejected } = await pushPending();
        await setStatus({ state: 'syncing' });
        const { pulled, newNotifications } = await pullChanges();
        await setStatus({ state: 'idle' });
        return { kind: 'ok', pushed, rejected, pulled, newNotifications };
      } catch (error) {
        if (!(error instanceof StopSync)) {
          await setStatus({ state: 'error', lastError: error instanceof Error ? error.message : String(error) });
          throw error;
        }
        const state = error.outcome.kind === 'offline' ? 'offline' : error.outcome.kind === 'signed-out' ? 'signed-out' : 'error';
        await setStatus({ state, lastError: error.outcome.kind });
        return error.outcome;
      }
    });
  }

  return { sync, pushPending: () => deps.withLock(pushPending), pullChanges: () => deps.withLock(pullChanges) };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;

/** Retry-After in seconds (what the server sends); an HTTP date is not worth parsing here. */
function retryAfterOf(response: Response): number | undefined {
  const seconds = Number(response.headers.get('Retry-After') ?? NaN);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 3600) * 1000 : undefined;
}

async function readErrorBody(response: Response): Promise<{ code: string; message: string }> {
  try {
    const body = (await response.json()) as { code?: string; message?: string };
    return { code: body.code ?? `HTTP_${response.status}`, message: body.message ?? 'Data ini ditolak server.' };
  } catch {
    return { code: `HTTP_${response.status}`, message: 'Data ini ditolak server.' };
  }
}

function localRefusal(row: OutboxRow, error: { code: string; message: string }): MutationResult {
  return { id: row.id, status: 'rejected', code: error.code, message: error.message };
}
