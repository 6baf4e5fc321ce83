import type { Client } from 'pg';

/** Payload: the participant id whose pull answer may have changed (migration 0005). */
export const SYNC_CHANNEL = 'jmo_sync_changed';
/** Payload: the account id whose sessions may have been revoked (migration 0005). */
export const SESSION_CHANNEL = 'jmo_session_changed';
/** Payload meaning "anything on this channel may have changed" (a TRUNCATE). */
export const EVERYTHING = '*';

export interface ChangeListener {
  /** A committed change, announced by the database's own triggers. */
  changed(channel: string, payload: string): void;
  /** Announcements may have been missed (listening started, lost or restored): forget everything. */
  reset(): void;
}

/**
 * The database's change announcements (LISTEN/NOTIFY), with the one promise an in-memory cache
 * needs before answering without the database: every change committed before a request
 * arrived has reached the listeners.
 */
export interface ChangeFeed {
  subscribe(listener: ChangeListener): () => void;
  /** Taken when a request arrives; handed to `caughtUp`. */
  mark(): number;
  /**
   * True once every change committed before `mark` was taken has reached the listeners; false
   * when the feed cannot promise that (not listening yet, connection lost): read the database.
   */
  caughtUp(mark: number): boolean | Promise<boolean>;
  close(): Promise<void>;
}

export const CHANNELS = [SYNC_CHANNEL, SESSION_CHANNEL];

/** The subscribers of one feed; the feed starts listening when the first one arrives. */
class Listeners {
  readonly #all = new Set<ChangeListener>();
  #started = false;
  add(listener: ChangeListener, start: () => void): () => void {
    this.#all.add(listener);
    if (!this.#started) {
      this.#started = true;
      start();
    }
    return () => void this.#all.delete(listener);
  }
  changed(channel: string, payload: string) {
    for (const listener of this.#all) listener.changed(channel, payload);
  }
  reset() {
    for (const listener of this.#all) listener.reset();
  }
}

/** What crosses between this thread and the PGlite worker (server/db/pglite-worker-thread.ts). */
export type WorkerChangeMessage = { type: 'notify'; channel: string; payload: string } | { type: 'caught-up'; seq: number };

/** The worker side of a message channel: the `Worker` object itself. */
export interface WorkerPort {
  postMessage(message: { type: 'catch-up'; seq: number }): void;
  on(event: 'message', listener: (message: WorkerChangeMessage | { type: string }) => void): unknown;
  off(event: 'message', listener: (message: WorkerChangeMessage | { type: string }) => void): unknown;
}

/**
 * PGlite in its worker thread LISTENs from its start, and the worker posts each notification
 * to this thread before it writes the committing statement's answer to the socket. Messages on
 * one port arrive in order, so a catch-up ping answered by the worker after a request arrived
 * means every change committed before that request has reached the listeners: the same
 * promise as the PostgreSQL feed's `SELECT 1`, at the cost of one message round trip, shared
 * by every request that arrived while the previous ping was out.
 */
export function workerChangeFeed(port: WorkerPort): ChangeFeed {
  const listeners = new Listeners();
  let closed = false;
  let sent = 0;
  let done = 0;
  let inFlight = false;
  let waiters: Array<{ mark: number; resolve: (caughtUp: boolean) => void }> = [];
  const ping = () => {
    if (inFlight || closed || waiters.length === 0) return;
    inFlight = true;
    port.postMessage({ type: 'catch-up', seq: ++sent });
  };
  const onMessage = (message: WorkerChangeMessage | { type: string }) => {
    if (message.type === 'notify') {
      const { channel, payload } = message as Extract<WorkerChangeMessage, { type: 'notify' }>;
      listeners.changed(channel, payload);
    } else if (message.type === 'caught-up') {
      const { seq } = message as Extract<WorkerChangeMessage, { type: 'caught-up' }>;
      inFlight = false;
      done = seq;
      const ready = waiters.filter((waiter) => waiter.mark < seq);
      waiters = waiters.filter((waiter) => waiter.mark >= seq);
      for (const waiter of ready) waiter.resolve(true);
      ping();
    }
  };
  port.on('message', onMessage);
  return {
    subscribe: (listener) => listeners.add(listener, () => undefined),
    mark: () => sent,
    caughtUp(mark) {
      if (closed) return false;
      if (done > mark) return true;
      return new Promise<boolean>((resolve) => {
        waiters.push({ mark, resolve });
        ping();
      });
    },
    close: async () => {
      closed = true;
      port.off('message', onMessage);
      const failed = waiters;
      waiters = [];
      for (const waiter of failed) waiter.resolve(false);
    },
  };
}

// A catch-up query that gets no answer this long means the connection is gone, even if TCP
// has not said so: drop it and reconnect rather than hold requests.
const CATCH_UP_TIMEOUT_MS = 3000;
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5000;
/** The listening connection's name in pg_stat_activity. */
export const CHANGE_FEED_APPLICATION = 'jmo-lite-changes';

/**
 * One dedicated connection LISTENs; changes made through any instance reach it. PostgreSQL
 * signals the listening backends while committing, before the writer hears "committed", and
 * a backend sends pending notifications before it answers its next query. So a trivial query
 * sent on the listening connection after a request arrived returns only after every change
 * committed before that request has been delivered: `caughtUp` waits for one such query,
 * shared by every request that arrived while the previous one was out (about one round trip,
 * no table read). While the connection is down, `caughtUp` says false and callers read the
 * database; on reconnect every cache is reset, since announcements were missed meanwhile.
 */
export function postgresChangeFeed(connectionString: string): ChangeFeed {
  const listeners = new Listeners();
  let current: Client | undefined;
  let closed = false;
  let reconnectDelay = RECONNECT_MIN_MS;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let sent = 0;
  let done = 0;
  let inFlight = false;
  let waiters: Array<{ mark: number; resolve: (caughtUp: boolean) => void }> = [];

  const failWaiters = () => {
    const failed = waiters;
    waiters = [];
    for (const waiter of failed) waiter.resolve(false);
  };

  const lost = (client: Client) => {
    if (client !== current) return;
    current = undefined;
    inFlight = false;
    listeners.reset();
    failWaiters();
    void client.end().catch(() => undefined);
    scheduleConnect();
  };

  const scheduleConnect = () => {
    if (closed || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void connect();
    }, reconnectDelay);
    reconnectTimer.unref();
    reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MAX_MS);
  };

  const connect = async () => {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString, connectionTimeoutMillis: CATCH_UP_TIMEOUT_MS, keepAlive: true, application_name: CHANGE_FEED_APPLICATION });
    client.on('notification', (message) => {
      if (client === current) listeners.changed(message.channel, message.payload ?? '');
    });
    client.on('error', () => lost(client));
    client.on('end', () => lost(client));
    try {
      await client.connect();
      await client.query(CHANNELS.map((channel) => `LISTEN ${channel}`).join('; '));
    } catch {
      void client.end().catch(() => undefined);
      scheduleConnect();
      return;
    }
    if (closed) {
      await client.end().catch(() => undefined);
      return;
    }
    current = client;
    reconnectDelay = RECONNECT_MIN_MS;
    // Whatever was cached before this connection listened may have missed a change.
    listeners.reset();
    catchUp();
  };

  const catchUp = () => {
    const client = current;
    if (inFlight || !client || waiters.length === 0) return;
    inFlight = true;
    const seq = ++sent;
    const timer = setTimeout(() => lost(client), CATCH_UP_TIMEOUT_MS);
    client.query('SELECT 1').then(
      () => {
        clearTimeout(timer);
        if (client !== current) return;
        inFlight = false;
        done = seq;
        const ready = waiters.filter((waiter) => waiter.mark < seq);
        waiters = waiters.filter((waiter) => waiter.mark >= seq);
        for (const waiter of ready) waiter.resolve(true);
        catchUp();
      },
      () => {
        clearTimeout(timer);
        lost(client);
      },
    );
  };

  return {
    subscribe: (listener) => listeners.add(listener, () => void connect()),
    mark: () => sent,
    caughtUp(mark) {
      if (!current) return false;
      if (done > mark) return true;
      return new Promise<boolean>((resolve) => {
        waiters.push({ mark, resolve });
        catchUp();
      });
    },
    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      const client = current;
      current = undefined;
      failWaiters();
      await client?.end().catch(() => undefined);
    },
  };
}
