import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DatabaseLocation } from '../../server/db/database.ts';
import { seedIfEmpty } from '../../server/seed/seed-database.ts';
import { jakartaDate } from '../../server/jakarta-date.ts';
import { addLoadParticipants } from '../support/load-population.ts';
import { runMixedLoad, type MixedLoadReport } from '../support/mixed-load.ts';
import { startServer } from '../support/server-child.ts';
import { createThrowawayPostgres } from '../support/throwaway-postgres.ts';
import { freePort } from '../e2e/support/server-process.ts';

/**
 * The 500-phone mixed load against the real server in its own process, as deployed: the
 * load generator must not share the server's threads (HTTP on one, PGlite in its worker
 * thread). The population is written first, then the server opens the same database.
 */
export async function measureMixedLoad(database: 'PGlite' | 'PostgreSQL', options: { participants: number; seconds: number; postgresUrl?: string }): Promise<Omit<MixedLoadReport, 'phones'>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jmo-bench-load-'));
  const location: DatabaseLocation = database === 'PGlite' ? { kind: 'pglite', dataDir: join(dataDir, 'pglite') } : { kind: 'postgres', url: (await createThrowawayPostgres(options.postgresUrl!, 'jmo_bench')).url };
  const handle = await openDatabase(location);
  const today = jakartaDate(new Date());
  await seedIfEmpty(handle.db, { today, extraParticipants: 50 });
  const { cookies } = await addLoadParticipants(handle.db, { count: options.participants, today, historyMonths: 60, now: new Date() });
  await handle.close();

  const port = await freePort();
  const server = await startServer(port, location.kind === 'postgres' ? { DATABASE_URL: location.url, DATA_DIR: dataDir } : { DATA_DIR: dataDir });
  try {
    const { phones: _phones, ...figures } = await runMixedLoad({ baseUrl: `http://127.0.0.1:${port}`, cookies, seconds: options.seconds });
    return figures;
  } finally {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
