import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, migrationsFolder, type DatabaseHandle } from '../../server/db/database.ts';
import { seedIfEmpty } from '../../server/seed/seed-database.ts';
import { createThrowawayPostgres } from './throwaway-postgres.ts';

/** The database the integration tests run on: PostgreSQL when TEST_DATABASE_URL is set. */
export const testDatabaseKind = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

/** The date the test clock starts on; the demo data's relative dates are computed from it. */
export const TEST_TODAY = '2026-11-25';
/** Random participants beside the named demo people: enough to prove queries stay scoped. */
const TEST_EXTRA_PARTICIPANTS = 12;

/**
 * A fresh, migrated database with the demo people for one test file. PGlite starts from a
 * cached dump (about 1 s instead of 6 s); PostgreSQL gets a throwaway database of its own.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const handle = await createPgliteDatabase();
    await seedIfEmpty(handle.db, { today: TEST_TODAY, extraParticipants: TEST_EXTRA_PARTICIPANTS });
    return handle;
  }
  const { handle, databaseUrl, readUrl } = await createPostgresDatabase(url);
  await seedIfEmpty(handle.db, { today: TEST_TODAY, extraParticipants: TEST_EXTRA_PARTICIPANTS });
  if (readUrl) await waitForReplay(databaseUrl, readUrl);
  return handle;
}

/** A PGlite database of its own, started from the seeded dump (made once per inputs). */
export async function createPgliteDatabase(): Promise<DatabaseHandle> {
  const dumpPath = join(tmpdir(), `jmo-lite-pglite-${inputsHash()}.tar.gz`);
  if (!existsSync(dumpPath)) {
    const partial = `${dumpPath}.${process.pid}.tmp`;
    writeFileSync(partial, await seededDump());
    renameSync(partial, dumpPath);
  }
  return openDatabase({ kind: 'pglite-memory', loadDataDir: readFileSync(dumpPath) });
}

/** Made in this thread: the dump is PGlite's own API, which the worker's wire protocol does not carry. */
async function seededDump(): Promise<Uint8Array> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const schema = await import('../../server/db/schema.ts');
  const client = new PGlite();
  try {
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder });
    await seedIfEmpty(db as unknown as DatabaseHandle['db'], { today: TEST_TODAY, extraParticipants: TEST_EXTRA_PARTICIPANTS });
    const dump = await client.dumpDataDir('gzip');
    return new Uint8Array(await dump.arrayBuffer());
  } finally {
    await client.close();
  }
}

// The cached dump is valid only for the migrations and seed code that made it.
const dumpInputs = [migrationsFolder, 'server/seed', 'shared/rules', 'server/auth/password.ts'];

function inputsHash(): string {
  const hash = createHash('sha256');
  for (const input of dumpInputs) {
    const files = statSync(input).isDirectory() ? readdirSync(input, { recursive: true }).map((entry) => join(input, String(entry))) : [input];
    for (const path of files.sort()) {
      if (/\.(sql|json|ts)$/.test(path)) hash.update(path).update(readFileSync(path));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

async function createPostgresDatabase(url: string): Promise<{ handle: DatabaseHandle; databaseUrl: string; readUrl?: string }> {
  const database = await createThrowawayPostgres(url, 'jmo_test');
  // TEST_DATABASE_READ_URL names a hot standby of TEST_DATABASE_URL's server; the throwaway
  // database reaches it by replication, under the same name.
  const readUrl = process.env.TEST_DATABASE_READ_URL ? sameDatabaseOn(process.env.TEST_DATABASE_READ_URL, database.url) : undefined;
  const handle = await openDatabase({ kind: 'postgres', url: database.url, ...(readUrl ? { readUrl } : {}) });
  const close = async () => {
    await handle.close();
    await database.drop();
  };
  return { handle: { ...handle, close }, databaseUrl: database.url, ...(readUrl ? { readUrl } : {}) };
}

/**
 * After a test writes straight into the database (as the back office or another instance
 * would), waits until the standby has it too; without a standby there is nothing to wait for.
 * Those writes reach phones on a later pull in production; a test asserting the very next
 * pull needs the replay first.
 */
export async function replicaCaughtUp(): Promise<void> {
  const primaryUrl = process.env.TEST_DATABASE_URL;
  const standbyUrl = process.env.TEST_DATABASE_READ_URL;
  if (primaryUrl && standbyUrl) await waitForReplay(primaryUrl, standbyUrl);
}

function sameDatabaseOn(serverUrl: string, databaseUrl: string): string {
  const url = new URL(serverUrl);
  url.pathname = new URL(databaseUrl).pathname;
  return url.toString();
}

/**
 * Until the standby has replayed everything the primary has written so far (polled, not
 * timed): a test then starts from a standby that can answer.
 */
export async function waitForReplay(primaryUrl: string, standbyUrl: string): Promise<void> {
  const pg = (await import('pg')).default;
  const primary = new pg.Client({ connectionString: primaryUrl });
  await primary.connect();
  let target: string;
  try {
    target = (await primary.query<{ lsn: string }>('select pg_current_wal_lsn()::text as lsn')).rows[0]!.lsn;
  } finally {
    await primary.end();
  }
  // The postgres database exists on both from the start; the throwaway one may not have arrived yet.
  const standbyServer = new URL(standbyUrl);
  standbyServer.pathname = '/postgres';
  const standby = new pg.Client({ connectionString: standbyServer.toString() });
  await standby.connect();
  try {
    for (;;) {
      const { rows } = await standby.query<{ caught_up: boolean }>('select pg_last_wal_replay_lsn() >= $1::pg_lsn as caught_up', [target]);
      if (rows[0]?.caught_up) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    await standby.end();
  }
}
