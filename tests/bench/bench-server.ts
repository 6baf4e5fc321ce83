import { serve, type ServerType } from '@hono/node-server';
import { eq } from 'drizzle-orm';
import { createApp } from '../../server/app.ts';
import { testConfig } from '../../server/config.ts';
import { openDatabase, type DatabaseHandle, type DatabaseLocation } from '../../server/db/database.ts';
import { accounts } from '../../server/db/schema.ts';
import { seedIfEmpty } from '../../server/seed/seed-database.ts';
import { createSession, sessionCookieName } from '../../server/auth/session.ts';
import { ephemeralCardSigner } from '../../server/features/cards/card-signing.ts';
import { systemClock } from '../../server/app-env.ts';
import { jakartaDate } from '../../server/jakarta-date.ts';
import { databaseRateLimiter, type RateLimiter } from '../../server/security/rate-limiter.ts';
import { createLogger } from '../../server/logging/logger.ts';

export interface BenchServer {
  url: string;
  database: DatabaseHandle;
  cookieFor(email: string): Promise<string>;
  close(): Promise<void>;
}

/** Counts every hit in the database as usual, so the cost is real, but never refuses. */
function raisedLimits(limiter: RateLimiter): RateLimiter {
  return { ...limiter, hit: (key, rule, now) => limiter.hit(key, { ...rule, limit: Number.MAX_SAFE_INTEGER }, now) };
}

/** The real app on a loopback port with seeded data; sessions are made directly for speed. */
export async function startBenchServer(location: DatabaseLocation, extraParticipants = 50, options: { raisedRateLimits?: boolean } = {}): Promise<BenchServer> {
  const database = await openDatabase(location);
  await seedIfEmpty(database.db, { today: jakartaDate(new Date()), extraParticipants });
  const rateLimiter = databaseRateLimiter(database.db);
  const app = createApp({ db: database.db, dbKind: database.kind, changes: database.changes, config: testConfig({ database: location, claimSimulator: false }), clock: systemClock, log: createLogger({ level: 'silent' }), cardSigner: ephemeralCardSigner(), rateLimiter: options.raisedRateLimits ? raisedLimits(rateLimiter) : rateLimiter });
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    database,
    async cookieFor(email) {
      const [account] = await database.db.select().from(accounts).where(eq(accounts.email, email));
      const { token } = await createSession(database.db, account!.id, { now: new Date() });
      return `${sessionCookieName(false)}=${token}`;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}
