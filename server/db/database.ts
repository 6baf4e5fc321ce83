import { mkdirSync, accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import * as schema from './schema.ts';
import { StartupError } from '../startup-error.ts';
import { workerChangeFeed, postgresChangeFeed, type ChangeFeed } from './change-feed.ts';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle: the same query API as the database. */
export type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
export type DatabaseKind = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  /** A hot standby for pulls (DATABASE_READ_URL); its data may lag the primary's. */
  readDb?: Database;
  /** The database's committed-change announcements, for in-memory caches (server/db/change-feed.ts). */
  changes: ChangeFeed;
  close(): Promise<void>;
}

/** The rows of a raw `execute`: node-postgres and PGlite both answer `{ rows }` through drizzle. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export type DatabaseLocation =
  | { kind: 'postgres'; url: string; readUrl?: string }
  | { kind: 'pglite'; dataDir: string }
  /** In memory, empty or started from a `dumpDataDir` archive. */
  | { kind: 'pglite-memory'; loadDataDir?: Uint8Array };

/** Opens the database and applies every committed migration before anything else touches it. */
export async function openDatabase(location: DatabaseLocation): Promise<DatabaseHandle> {
  return location.kind === 'postgres' ? openPostgres(location.url, location.readUrl) : openPglite(location);
}

/**
 * PGlite runs in a worker thread behind the PostgreSQL wire protocol (pglite-worker.ts), so its
 * WebAssembly never holds the thread that answers HTTP; the app reaches it with the same `pg`
 * pool and drizzle driver as PostgreSQL.
 */
async function openPglite(location: Exclude<DatabaseLocation, { kind: 'postgres' }>): Promise<DatabaseHandle> {
  const { startPgliteWorker } = await import('./pglite-worker.ts');
  const pg = (await import('pg')).default;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  let dataDir: string | undefined;
  if (location.kind === 'pglite') {
    dataDir = location.dataDir;
    try {
      mkdirSync(dataDir, { recursive: true });
      accessSync(dataDir, constants.W_OK);
    } catch {
      throw new StartupError(`DATA_DIR ${location.dataDir} tidak bisa ditulis (cannot write the data directory)`);
    }
  }
  const worker = await startPgliteWorker(location.kind === 'pglite' ? { dataDir } : { loadDataDir: location.loadDataDir });
  // PGlite runs one statement at a time; many connections keep the next ones queued in the
  // worker, ready to run the moment the previous one ends, instead of each waiting for a round
  // trip through this thread (a connection here costs a few objects, not a backend).
  const pool = new pg.Pool({ ...worker.connection, max: 50 });
  // As on PostgreSQL: an idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  const changes = workerChangeFeed(worker.port);
  const close = async () => {
    await changes.close();
    await pool.end();
    await worker.close();
  };
  const db = drizzle(pool, { schema });
  try {
    await migrate(db, { migrationsFolder });
  } catch (error) {
    await close();
    throw error;
  }
  return { db: db as unknown as Database, kind: 'pglite', changes, close };
}

async function openPostgres(url: string, readUrl: string | undefined): Promise<DatabaseHandle> {
  const pg = (await import('pg')).default;
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  // Several instances may start at once on one PostgreSQL: one migrates while the others wait.
  const lockClient = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await lockClient.connect();
  } catch (error) {
    throw new StartupError(`DATABASE_URL tidak bisa dihubungi (cannot connect to PostgreSQL: ${describe(error)})`);
  }
  try {
    await lockClient.query('SELECT pg_advisory_lock(7300)');
    await migrate(drizzle(lockClient, { schema }), { migrationsFolder });
    await lockClient.query('SELECT pg_advisory_unlock(7300)');
  } finally {
    await lockClient.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const db = drizzle(pool, { schema }) as unknown as Database;
  const changes = postgresChangeFeed(url);
  if (!readUrl) return { db, kind: 'postgres', changes, close: () => changes.close().then(() => pool.end()) };
  // No migrations here: a standby replays the primary's. A standby down at start-up is not
  // fatal; pulls go to the primary until it answers (server/sync/replica-routing.ts).
  const readPool = new pg.Pool({ connectionString: readUrl, max: 10, connectionTimeoutMillis: 2000 });
  readPool.on('error', () => {});
  const readDb = drizzle(readPool, { schema }) as unknown as Database;
  return { db, readDb, kind: 'postgres', changes, close: () => changes.close().then(async () => void (await Promise.all([pool.end(), readPool.end()]))) };
}

function describe(error: unknown): string {
  if (error instanceof Error) return (error as NodeJS.ErrnoException).code ?? error.message;
  return String(error);
}

/** Number of migrations applied: the schema version reported by /api/health. */
export async function readSchemaVersion(db: Database): Promise<number> {
  const result = await db.execute(sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
  const rows = (result as unknown as { rows: Array<{ n: number }> }).rows;
  return rows[0]?.n ?? 0;
}
