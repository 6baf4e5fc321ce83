import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { ERRORS, MemoryLocker } from '@tus/server';
import type { Client } from 'pg';
import { lockKey, PostgresLocker, uploadLocker } from '../../../../server/features/uploads/upload-locker.ts';
import type { Database } from '../../../../server/db/database.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;
const never = () => new AbortController().signal;
const held = (id: string) => ({ id, key: lockKey(id) });

describe('the upload locker on PGlite', () => {
  it('is tus’s in-memory locker, and never looks for a PostgreSQL connection', () => {
    // A database with no node-postgres pool behind it: asking it for one would throw.
    expect(uploadLocker({} as Database, 'pglite')).toBeInstanceOf(MemoryLocker);
    expect(() => uploadLocker({} as Database, 'postgres')).toThrow(/node-postgres pool/);
  });
});

// Needs a real PostgreSQL: runs in `npm run test:pg` (and CI), where TEST_DATABASE_URL is set.
describe.runIf(databaseUrl)('the upload locker on PostgreSQL (advisory locks)', () => {
  let observer: Client;
  const lockers: PostgresLocker[] = [];
  const children: ChildProcess[] = [];
  const newLocker = (options: { acquireLockTimeoutMs?: number; applicationName?: string } = {}) => {
    const locker = new PostgresLocker({ connection: { connectionString: databaseUrl! }, ...options });
    lockers.push(locker);
    return locker;
  };
  /** Whether any session holds the advisory lock for this upload, and how many sessions of `app` are connected. */
  const advisoryHeld = async (id: string) => {
    const key = BigInt(lockKey(id));
    const objid = Number(key & 0xffffffffn);
    const classid = Number((key >> 32n) & 0xffffffffn);
    const { rows } = await observer.query<{ n: number }>(
      "select count(*)::int as n from pg_locks where locktype = 'advisory' and granted and classid::bigint = $1 and objid::bigint = $2 and objsubid = 1",
      [classid, objid],
    );
    return rows[0]!.n > 0;
  };
  const connections = async (applicationName: string) =>
    (await observer.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where application_name = $1', [applicationName])).rows[0]!.n;

  beforeAll(async () => {
    const pg = (await import('pg')).default;
    observer = new pg.Client({ connectionString: databaseUrl });
    await observer.connect();
  });
  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL');
    await Promise.all(lockers.splice(0).map((locker) => locker.close()));
  });
  afterAll(async () => {
    await observer?.end();
  });

  it('holds a PostgreSQL advisory lock while locked, and lets it go on unlock', async () => {
    const { id } = held(randomUUID());
    const lock = newLocker().newLock(id);
    await lock.lock(never(), () => undefined);
    expect(await advisoryHeld(id)).toBe(true);
    await lock.unlock();
    expect(await advisoryHeld(id)).toBe(false);
  });

  it('makes another instance wait; the holder is asked to release, and the waiter gets the lock once it does', async () => {
    const { id } = held(randomUUID());
    const a = newLocker().newLock(id);
    let releaseAsked = 0;
    await a.lock(never(), () => {
      releaseAsked++;
    });
    const b = newLocker().newLock(id);
    let bLocked = false;
    const waiting = b.lock(never(), () => undefined).then(() => {
      bLocked = true;
    });
    await expect.poll(() => releaseAsked).toBeGreaterThan(0);
    expect(bLocked).toBe(false);
    await a.unlock();
    await waiting;
    expect(bLocked).toBe(true);
    expect(await advisoryHeld(id)).toBe(true);
    await b.unlock();
  });

  it('answers tus’s lock timeout when the holder does not let go in time, and leaves the holder’s lock alone', async () => {
    const { id } = held(randomUUID());
    const a = newLocker().newLock(id);
    await a.lock(never(), () => undefined);
    const b = newLocker({ acquireLockTimeoutMs: 300 }).newLock(id);
    await expect(b.lock(never(), () => undefined)).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    expect(await advisoryHeld(id)).toBe(true);
    await a.unlock();
    expect(await advisoryHeld(id)).toBe(false);
  });

  it('gives up waiting when the waiting request is stopped', async () => {
    const { id } = held(randomUUID());
    const a = newLocker().newLock(id);
    await a.lock(never(), () => undefined);
    const stop = new AbortController();
    const waiting = newLocker().newLock(id).lock(stop.signal, () => undefined);
    setTimeout(() => stop.abort(), 100);
    await expect(waiting).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    await a.unlock();
  });

  it('keeps two requests of one instance apart too (advisory locks are re-entrant within a session)', async () => {
    const { id } = held(randomUUID());
    const locker = newLocker({ acquireLockTimeoutMs: 300 });
    const first = locker.newLock(id);
    await first.lock(never(), () => undefined);
    await expect(locker.newLock(id).lock(never(), () => undefined)).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    await first.unlock();
    const second = locker.newLock(id);
    await second.lock(never(), () => undefined);
    await second.unlock();
  });

  it('locks different uploads independently, all on one connection per instance', async () => {
    const applicationName = `jmo-locks-${randomUUID().slice(0, 8)}`;
    const a = newLocker({ applicationName });
    const b = newLocker({ acquireLockTimeoutMs: 2000 });
    const ids = Array.from({ length: 5 }, () => randomUUID());
    const locks = ids.map((id) => a.newLock(id));
    for (const lock of locks) await lock.lock(never(), () => undefined);
    expect(await connections(applicationName)).toBe(1);
    const other = b.newLock(randomUUID());
    await other.lock(never(), () => undefined);
    await other.unlock();
    for (const lock of locks) await lock.unlock();
    for (const id of ids) expect(await advisoryHeld(id)).toBe(false);
  });

  it('frees the lock of a process that crashed holding it: its connection ends and PostgreSQL drops the lock', async () => {
    const { id } = held(randomUUID());
    const script = fileURLToPath(new URL('./fixtures/hold-upload-lock.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, databaseUrl!, id], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (data: Buffer) => data.toString().includes('locked') && resolve());
      child.on('exit', (code) => reject(new Error(`lock holder exited with ${code}`)));
    });
    expect(await advisoryHeld(id)).toBe(true);
    // Alive and deaf to release requests: a waiter runs out of time.
    await expect(newLocker({ acquireLockTimeoutMs: 300 }).newLock(id).lock(never(), () => undefined)).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    child.kill('SIGKILL');
    const b = newLocker({ acquireLockTimeoutMs: 10_000 }).newLock(id);
    await b.lock(never(), () => undefined);
    expect(await advisoryHeld(id)).toBe(true);
    await b.unlock();
  });

  it('asks its holders to stop when its own connection is lost (their locks went with it)', async () => {
    const { id } = held(randomUUID());
    const applicationName = `jmo-locks-${randomUUID().slice(0, 8)}`;
    const lock = newLocker({ applicationName }).newLock(id);
    let releaseAsked = 0;
    await lock.lock(never(), () => {
      releaseAsked++;
    });
    await observer.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [applicationName]);
    await expect.poll(() => releaseAsked).toBeGreaterThan(0);
    expect(await advisoryHeld(id)).toBe(false);
    const other = newLocker().newLock(id);
    await other.lock(never(), () => undefined);
    // The stopped holder's unlock has nothing left to free, and does not free the new holder's lock.
    await lock.unlock();
    expect(await advisoryHeld(id)).toBe(true);
    await other.unlock();
  });
});
