import { createHash } from 'node:crypto';
import type { Client, ClientConfig } from 'pg';
import { ERRORS, MemoryLocker, type Lock, type Locker, type RequestRelease } from '@tus/server';
import type { Database, DatabaseKind } from '../../db/database.ts';

/**
 * How long a request waits for an upload another request is writing. The holder is asked to
 * stop at once and tus lets it drain for `lockDrainTimeout` (3 s), so a wait this long means
 * the holder is stuck: the request answers 423 UPLOAD_LOCKED and the phone tries again.
 */
export const LOCK_ACQUIRE_TIMEOUT_MS = 10_000;
/** The locks connection's name in pg_stat_activity. */
export const UPLOAD_LOCKS_APPLICATION = 'jmo-lite-upload-locks';
/** Payload `release:<id>` asks the holder to let go; `free:<id>` wakes those waiting for it. */
export const UPLOAD_LOCK_CHANNEL = 'jmo_upload_lock';
// A waiter is woken by `free:`; polling only covers a notice that never came (holder crashed).
const POLL_MIN_MS = 25;
const POLL_MAX_MS = 500;
// Uploads come in bursts (a claim's pages); the connection stays a little after the last one.
const IDLE_CLOSE_MS = 30_000;

/**
 * tus's MemoryLocker on PGlite (one process, nothing to share); on PostgreSQL a locker shared by
 * every instance on the same database, so a PATCH, HEAD or DELETE on one instance never runs
 * beside a PATCH on another.
 */
export function uploadLocker(db: Database, kind: DatabaseKind): Locker {
  if (kind === 'pglite') return new MemoryLocker({ acquireLockTimeout: LOCK_ACQUIRE_TIMEOUT_MS });
  return new PostgresLocker({ connection: connectionOf(db) });
}

/** The app pool's own settings (drizzle keeps the pool as `$client`), for a connection beside it. */
function connectionOf(db: Database): ClientConfig {
  const pool = (db as unknown as { $client?: { options?: ClientConfig } }).$client;
  if (!pool?.options) throw new Error('upload locks need the node-postgres pool behind the database');
  // pg-pool hides the password from enumeration: a spread alone would drop it.
  return { ...pool.options, password: pool.options.password };
}

export interface PostgresLockerOptions {
  connection: ClientConfig;
  acquireLockTimeoutMs?: number;
  idleCloseMs?: number;
  applicationName?: string;
}

interface Held {
  requestRelease: RequestRelease;
  session: Session;
}

interface Session {
  client: Client;
  alive: boolean;
}

/**
 * Upload locks as PostgreSQL session-level advisory locks, all on one connection per instance
 * (not one per lock: a phone on a weak link holds its lock for the whole PATCH body, and one
 * connection per such PATCH would run PostgreSQL out of connections long before the instance
 * runs out of sockets). A session-level advisory lock is re-entrant within its session, so
 * requests of this instance are first kept apart by tus's MemoryLocker, which also carries
 * tus's release request between them; then the advisory lock keeps instances apart.
 *
 * Tus semantics across instances: a request that finds the upload locked NOTIFYs the holder,
 * which calls its `requestRelease` (tus stops the holding request after `lockDrainTimeout`);
 * the holder's unlock NOTIFYs `free:` and the waiter tries again at once, polling with backoff
 * meanwhile; past the acquire timeout tus's ERR_LOCK_TIMEOUT (answered 423 by the routes).
 *
 * When the connection ends, PostgreSQL drops every lock it held: a crashed instance blocks no
 * one. The same happens to a live instance whose connection is lost; its holders are then
 * asked to release, and another instance may start writing before they have drained (at most
 * `lockDrainTimeout`): the window tus itself allows between requests of one instance.
 */
export class PostgresLocker implements Locker {
  readonly #local: MemoryLocker;
  readonly #options: Required<Omit<PostgresLockerOptions, 'connection'>> & { connection: ClientConfig };
  #session: Promise<Session> | undefined;
  #current: Session | undefined;
  /** Locks held or being acquired: the connection stays open while there are any. */
  #users = 0;
  #idleTimer: NodeJS.Timeout | undefined;
  readonly #held = new Map<string, Held>();
  readonly #waiting = new Map<string, Set<() => void>>();
  #closed = false;

  constructor(options: PostgresLockerOptions) {
    this.#options = {
      connection: options.connection,
      acquireLockTimeoutMs: options.acquireLockTimeoutMs ?? LOCK_ACQUIRE_TIMEOUT_MS,
      idleCloseMs: options.idleCloseMs ?? IDLE_CLOSE_MS,
      applicationName: options.applicationName ?? UPLOAD_LOCKS_APPLICATION,
    };
    this.#local = new MemoryLocker({ acquireLockTimeout: this.#options.acquireLockTimeoutMs });
  }

  newLock(id: string): Lock {
    const local = this.#local.newLock(id);
    return {
      lock: async (stopSignal, requestRelease) => {
        const deadline = Date.now() + this.#options.acquireLockTimeoutMs;
        await local.lock(stopSignal, requestRelease);
        try {
          await this.#acquire(id, stopSignal, requestRelease, deadline);
        } catch (error) {
          await local.unlock();
          throw error;
        }
      },
      unlock: async () => {
        try {
          await this.#release(id);
        } finally {
          await local.unlock();
        }
      },
    };
  }

  /** Ends the connection (its locks go with it); the next lock opens a new one. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#idleTimer);
    const session = this.#session;
    this.#session = undefined;
    this.#current = undefined;
    if (session) await this.#drop(await session.catch(() => undefined));
  }

  async #acquire(id: string, stopSignal: AbortSignal, requestRelease: RequestRelease, deadline: number): Promise<void> {
    this.#use();
    const key = lockKey(id);
    let wake: () => void = () => undefined;
    const wakers = this.#waiting.get(id) ?? new Set();
    this.#waiting.set(id, wakers);
    const onFree = () => wake();
    wakers.add(onFree);
    try {
      let delay = POLL_MIN_MS;
      for (;;) {
        const session = await this.#connect();
        let locked: boolean;
        try {
          const { rows } = await session.client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [key]);
          locked = rows[0]?.locked === true;
          if (!locked) await session.client.query('SELECT pg_notify($1, $2)', [UPLOAD_LOCK_CHANNEL, `release:${id}`]);
        } catch (error) {
          // The connection went away under the query: a new one may still get the lock in time.
          if (session.alive || Date.now() >= deadline) throw error;
          continue;
        }
        // A lock taken on a connection that has just died is no lock.
        if (locked && session.alive) {
          this.#held.set(id, { requestRelease, session });
          return;
        }
        if (stopSignal.aborted || Date.now() >= deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            stopSignal.removeEventListener('abort', done);
            resolve();
          };
          const timer = setTimeout(done, Math.min(delay, Math.max(0, deadline - Date.now())));
          stopSignal.addEventListener('abort', done, { once: true });
          wake = done;
        });
        delay = Math.min(delay * 2, POLL_MAX_MS);
      }
    } catch (error) {
      this.#unuse();
      throw error;
    } finally {
      wakers.delete(onFree);
      if (wakers.size === 0) this.#waiting.delete(id);
    }
  }

  async #release(id: string): Promise<void> {
    const held = this.#held.get(id);
    if (!held) return;
    this.#held.delete(id);
    try {
      // A lost connection took the lock with it: nothing left to unlock.
      if (!held.session.alive) return;
      await held.session.client.query('SELECT pg_advisory_unlock($1::bigint), pg_notify($2, $3)', [lockKey(id), UPLOAD_LOCK_CHANNEL, `free:${id}`]);
    } catch {
      // The lock's state on that connection is unknown now: ending it is what frees it for sure.
      await this.#lost(held.session);
    } finally {
      this.#unuse();
    }
  }

  #connect(): Promise<Session> {
    if (this.#closed) return Promise.reject(new Error('upload locker closed'));
    this.#session ??= this.#open().then(
      (session) => {
        this.#current = session;
        return session;
      },
      (error: unknown) => {
        this.#session = undefined;
        throw error;
      },
    );
    return this.#session;
  }

  async #open(): Promise<Session> {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ ...this.#options.connection, application_name: this.#options.applicationName, keepAlive: true, connectionTimeoutMillis: 5000 });
    const session: Session = { client, alive: true };
    client.on('notification', (message) => {
      if (message.channel !== UPLOAD_LOCK_CHANNEL || !message.payload) return;
      const [kind, id] = splitNotice(message.payload);
      if (kind === 'release') {
        const held = this.#held.get(id);
        if (held?.session === session) askToRelease(held);
      } else if (kind === 'free') {
        for (const wake of this.#waiting.get(id) ?? []) wake();
      }
    });
    client.on('error', () => void this.#lost(session));
    client.on('end', () => void this.#lost(session));
    try {
      await client.connect();
      await client.query(`LISTEN ${UPLOAD_LOCK_CHANNEL}`);
    } catch (error) {
      session.alive = false;
      await client.end().catch(() => undefined);
      throw error;
    }
    return session;
  }

  /** The connection is gone or unusable: its locks are gone too, so their holders must stop. */
  async #lost(session: Session): Promise<void> {
    if (!session.alive) return;
    session.alive = false;
    if (this.#current === session) {
      this.#current = undefined;
      this.#session = undefined;
    }
    for (const held of this.#held.values()) {
      if (held.session === session) askToRelease(held);
    }
    for (const wakers of this.#waiting.values()) for (const wake of wakers) wake();
    await this.#drop(session);
  }

  async #drop(session: Session | undefined): Promise<void> {
    if (!session) return;
    session.alive = false;
    await session.client.end().catch(() => undefined);
  }

  #use() {
    this.#users++;
    clearTimeout(this.#idleTimer);
    this.#idleTimer = undefined;
  }

  #unuse() {
    this.#users--;
    if (this.#users > 0 || !this.#session) return;
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      if (this.#users > 0) return;
      const session = this.#session;
      this.#session = undefined;
      this.#current = undefined;
      void session?.then((open) => this.#drop(open), () => undefined);
    }, this.#options.idleCloseMs);
    this.#idleTimer.unref();
  }
}

/** tus's release request stops the holding request; it has nothing to report back. */
function askToRelease(held: Held): void {
  void (async () => held.requestRelease())().catch(() => undefined);
}

function splitNotice(payload: string): [string, string] {
  const colon = payload.indexOf(':');
  return colon < 0 ? [payload, ''] : [payload.slice(0, colon), payload.slice(colon + 1)];
}

/**
 * 64 bits of the id's SHA-256 as a signed bigint. Two ids sharing a key only make one wait for
 * the other (on one connection they even pass each other: re-entrant), never write together.
 */
export function lockKey(id: string): string {
  return createHash('sha256').update(id).digest().readBigInt64BE(0).toString();
}
