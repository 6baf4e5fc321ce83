import { randomUUID } from 'node:crypto';
import { openLocalDb, type JmoDb } from '../../client/data/local-db.ts';
import { createSyncEngine, type SyncEngine } from '../../client/sync/sync-engine.ts';
import { appMutationOutcomes } from '../../client/mutation-outcomes.ts';
import type { TestApp } from './test-app.ts';
import * as v from 'valibot';
import { eq, sql } from 'drizzle-orm';
import { participants } from '../../server/db/schema.ts';
import type { MutationDefinition } from '../../server/sync/mutation-registry.ts';
import type { Tx } from '../../server/db/database.ts';

const PoisonArgsSchema = v.object({ address: v.string() });

/** A test-only mutation that writes the participant's address, then fails as `fail` does. */
function writesThenFails(name: string, fail: (tx: Tx) => Promise<unknown>): MutationDefinition<typeof PoisonArgsSchema> {
  return {
    name,
    schema: PoisonArgsSchema,
    async apply({ tx, auth }, args) {
      await tx.update(participants).set({ address: args.address }).where(eq(participants.id, auth.participantId));
      await fail(tx);
      return { status: 'applied' };
    },
  };
}

// Never in the production registry. `test.poison` fails the way a real handler fails on data
// PostgreSQL refuses (a non-transient SQL error); the other two fail transiently.
export const poisonMutation = writesThenFails('test.poison', (tx) => tx.execute(sql`select 1 / 0`));
export const busyMutation = writesThenFails('test.busy', () => Promise.reject(Object.assign(new Error('could not serialize access due to concurrent update'), { code: '40001' })));
/** A real statement timeout raised by the database (SQLSTATE 57014); PGlite never cancels, so PostgreSQL only. */
export const slowMutation = writesThenFails('test.slow', async (tx) => {
  await tx.execute(sql`set local statement_timeout = '20ms'`);
  await tx.execute(sql`select pg_sleep(1)`);
});

export type Fault = 'none' | 'network-down' | 'answer-lost' | 'timeout-after-commit' | 'server-error' | 'duplicate-send' | 'reorder';

/** A simple in-process mutex standing in for Web Locks. */
export function createMutex() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}

export interface PhoneHarness {
  db: JmoDb;
  engine: SyncEngine;
  /** Applies to every request until changed. */
  setFault(fault: Fault): void;
  setCookie(cookie: string | null): void;
  /** The app is killed and started again: a new engine on the same database. */
  restartEngine(): void;
  requests: { method: string; path: string; status: number }[];
}

/**
 * A phone as the engine sees it: its own IndexedDB (fake-indexeddb) and a network that
 * reaches the real app in-process, where a test can cut the line before the request or
 * lose the answer after the server has acted on it.
 */
export function createPhone(t: TestApp, cookie: string | null, options: { clockSkewMs?: number } = {}): PhoneHarness {
  let fault: Fault = 'none';
  let currentCookie = cookie;
  const requests: PhoneHarness['requests'] = [];
  const db = openLocalDb(`phone-${randomUUID()}`);
  const fetchThroughFaults: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    if (fault === 'network-down') throw new TypeError('Failed to fetch');
    if (fault === 'server-error') return new Response('{"code":"INTERNAL_ERROR"}', { status: 503 });
    const headers = new Headers(init?.headers);
    if (currentCookie) headers.set('Cookie', currentCookie);
    let body = init?.body;
    if (fault === 'reorder' && typeof body === 'string' && url.pathname === '/api/sync/push') {
      const batch = JSON.parse(body) as { mutations: unknown[] };
      body = JSON.stringify({ ...batch, mutations: [...batch.mutations].reverse() });
    }
    const send = () => t.app.request(url.pathname + url.search, { ...init, body, headers });
    if (fault === 'duplicate-send') await send();
    const response = await send();
    requests.push({ method: init?.method ?? 'GET', path: url.pathname, status: response.status });
    if (fault === 'answer-lost') throw new TypeError('Failed to fetch');
    if (fault === 'timeout-after-commit') throw new DOMException('The operation timed out.', 'TimeoutError');
    return response;
  };
  const newEngine = () =>
    createSyncEngine({
      db,
      fetch: fetchThroughFaults,
      now: () => t.clock.now().getTime() + (options.clockSkewMs ?? 0),
      withLock: createMutex(),
      randomUUID,
      outcomeHooks: appMutationOutcomes,
      baseUrl: 'http://localhost',
    });
  let engine = newEngine();
  return {
    db,
    get engine() {
      return engine;
    },
    restartEngine: () => (engine = newEngine()),
    setFault: (next) => (fault = next),
    setCookie: (next) => (currentCookie = next),
    requests,
  };
}
