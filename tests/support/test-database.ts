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
  const handle = url ? await createPostgresDatabase(url) : await createPgliteDatabase();
  await seedIfEmpty(handle.db, { today: TEST_TODAY, extraParticipants: TEST_EXTRA_PARTICIPANTS });
  return handle;
}

async function createPgliteDatabase(): Promise<DatabaseHandle> {
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

async function createPostgresDatabase(url: string): Promise<DatabaseHandle> {
  const database = await createThrowawayPostgres(url, 'jmo_test');
  const handle = await openDatabase({ kind: 'postgres', url: database.url });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await database.drop();
    },
  };
}
