import { randomUUID } from 'node:crypto';

export interface ThrowawayPostgres {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database (`<prefix>_<random>`) on the server `adminUrl` points at, for one test run. */
export async function createThrowawayPostgres(adminUrl: string, prefix: string): Promise<ThrowawayPostgres> {
  const pg = (await import('pg')).default;
  const name = `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const asAdmin = async (sql: string) => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };
  await asAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
