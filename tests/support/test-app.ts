import { createApp } from '../../server/app.ts';
import { testConfig, type AppConfig } from '../../server/config.ts';
import type { AppDeps, Clock } from '../../server/app-env.ts';
import type { DatabaseHandle } from '../../server/db/database.ts';
import { createTestDatabase } from './test-database.ts';
import { ephemeralCardSigner } from '../../server/features/cards/card-signing.ts';
import { databaseRateLimiter } from '../../server/security/rate-limiter.ts';
import type { MutationDefinition } from '../../server/sync/mutation-registry.ts';
import { createLogger } from '../../server/logging/logger.ts';
import { readReplica } from '../../server/sync/replica-routing.ts';

/** A clock the test moves by hand. */
function manualClock(startIso = '2026-11-25T03:00:00.000Z'): Clock & { set(iso: string): void; advance(ms: number): void } {
  let current = new Date(startIso).getTime();
  return {
    now: () => new Date(current),
    set: (iso) => {
      current = new Date(iso).getTime();
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  database: DatabaseHandle;
  clock: ReturnType<typeof manualClock>;
  /** Every log line the app wrote, as JSON text. */
  logLines: string[];
  close(): Promise<void>;
}

/** The real app on a fresh database, driven with `app.request` (no sockets). */
export async function createTestApp(options: { config?: Partial<AppConfig>; database?: DatabaseHandle; testMutations?: MutationDefinition[] } = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const clock = manualClock();
  const logLines: string[] = [];
  const deps: AppDeps = {
    db: database.db,
    dbKind: database.kind,
    changes: database.changes,
    ...(database.readDb ? { readReplica: readReplica(database.readDb) } : {}),
    config: testConfig(options.config),
    clock,
    log: createLogger({ destination: { write: (line: string) => void logLines.push(line) } }),
    cardSigner: ephemeralCardSigner(),
    rateLimiter: databaseRateLimiter(database.db),
  };
  return { app: createApp(deps, { testMutations: options.testMutations }), deps, database, clock, logLines, close: () => database.close() };
}

/** The bindings @hono/node-server gives a request from this machine (third `app.request` argument). */
export const fromLoopback = { incoming: { socket: { remoteAddress: '127.0.0.1' } } };

/** JSON request options the API accepts (it refuses non-JSON state-changing requests). */
export function jsonRequest(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers } };
}
