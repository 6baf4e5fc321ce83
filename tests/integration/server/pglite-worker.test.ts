import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPgliteWorker, type PgliteWorker } from '../../../server/db/pglite-worker.ts';
import { openDatabase, readSchemaVersion, rowsOf } from '../../../server/db/database.ts';

// PGlite is one backend shared by every connection of the pool: these pin down that the worker
// gives each connection the isolation a PostgreSQL connection has.
describe('PGlite in its worker thread, shared by a pool of connections', () => {
  let worker: PgliteWorker;
  let pool: pg.Pool;
  beforeAll(async () => {
    worker = await startPgliteWorker();
    pool = new pg.Pool({ ...worker.connection, max: 10 });
    await pool.query('CREATE TABLE items (id int PRIMARY KEY, note text)');
  });
  afterAll(async () => {
    await pool?.end();
    await worker?.close();
  });

  it('answers each of many concurrent parameterised statements with its own result', async () => {
    // The extended protocol (Parse, Bind, Execute, Sync) from ten connections at once: a
    // statement landing between another's Parse and Execute would bind the wrong one.
    const answers = await Promise.all(Array.from({ length: 400 }, (_, i) => pool.query<{ n: number; s: string }>('SELECT $1::int AS n, $2::text AS s', [i, `teks ${i}`])));
    expect(answers.map((answer) => answer.rows[0])).toEqual(Array.from({ length: 400 }, (_, i) => ({ n: i, s: `teks ${i}` })));
  });

  it('keeps a statement of another connection out of an open transaction', async () => {
    const inTransaction = await pool.connect();
    try {
      await inTransaction.query('BEGIN');
      await inTransaction.query('INSERT INTO items VALUES (1, $1)', ['belum tetap']);
      // Sent while the transaction is open; run inside it, it would count the uncommitted row.
      const outside = pool.query<{ n: number }>('SELECT count(*)::int AS n FROM items');
      await inTransaction.query('ROLLBACK');
      expect((await outside).rows[0]!.n).toBe(0);
    } finally {
      inTransaction.release();
    }
  });

  it('rolls back the transaction of a connection that goes away, and serves the others', async () => {
    const leaving = await pool.connect();
    await leaving.query('BEGIN');
    await leaving.query('INSERT INTO items VALUES (2, $1)', ['ditinggal']);
    const waiting = pool.query<{ n: number }>('SELECT count(*)::int AS n FROM items WHERE id = 2');
    // Destroys the connection instead of returning it to the pool.
    leaving.release(true);
    expect((await waiting).rows[0]!.n).toBe(0);
  });

  it('passes the SQLSTATE of a failed statement, and keeps the failed transaction to its connection', async () => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await expect(client.query('SELECT 1 / $1::int', [0])).rejects.toMatchObject({ code: '22012' });
      // Waits for the failed transaction to end, as it waits for any open one.
      const other = pool.query<{ ok: number }>('SELECT 1 AS ok');
      await expect(client.query('SELECT 1')).rejects.toMatchObject({ code: '25P02' });
      await client.query('ROLLBACK');
      expect((await other).rows[0]!.ok).toBe(1);
      expect((await client.query<{ ok: number }>('SELECT 1 AS ok')).rows[0]!.ok).toBe(1);
    } finally {
      client.release();
    }
  });
});

describe('the embedded database under DATA_DIR, through the worker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jmo-pglite-worker-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is migrated at open, and keeps what was written after close and reopen', async () => {
    const first = await openDatabase({ kind: 'pglite', dataDir: dir });
    const version = await readSchemaVersion(first.db);
    expect(version).toBeGreaterThan(0);
    expect(first.kind).toBe('pglite');
    await first.db.execute(sql`CREATE TABLE kept (note text)`);
    await first.db.execute(sql`INSERT INTO kept VALUES ('tersimpan')`);
    await first.close();

    const second = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      expect(await readSchemaVersion(second.db)).toBe(version);
      expect(rowsOf<{ note: string }>(await second.db.execute(sql`SELECT note FROM kept`))).toEqual([{ note: 'tersimpan' }]);
    } finally {
      await second.close();
    }
  });
});
