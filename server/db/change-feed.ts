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

/**
 * The catch-up rounds of a feed: a request marks how many rounds had been sent when it arrived,
 * and is caught up once a round sent after that has come back. One round at a time, shared by
 * every request waiting when it leaves.
 */
class CatchUpRounds {
  #sent = 0;
  #done = 0;
  #inFlight = false;
  #waiters: Array<{ mark: number; resolve: (caughtUp: boolean) => void }> = [];

  constructor(private readonly send: (round: number) => void) {}

  mark(): number {
    return this.#sent;
  }

  caughtUp(mark: number): boolean | Promise<boolean> {
    if (this.#done > mark) return true;
    return new Promise<boolean>((resolve) => {
      this.#waiters.push({ mark, resolve });
      this.next();
    });
  }

  /** Sends a round when requests wait and none is out; `canSend` false leaves them waiting. */
  next(canSend = true): void {
    if (this.#inFlight || !canSend || this.#waiters.length === 0) return;
    this.#inFlight = true;
    this.send(++this.#sent);
  }

  answered(round: number): void {
    this.#inFlight = false;
    this.#done = round;
    const ready = this.#waiters.filter((waiter) => waiter.mark < round);
    this.#waiters = this.#waiters.filter((waiter) => waiter.mark >= round);
    for (const waiter of ready) waiter.resolve(true);
  }

  /** The round will never come back: every waiting request reads the database instead. */
  fail(): void {
    this.#inFlight = false;
    const failed = this.#waiters;
    this.#waiters = [];
    for (const waiter of failed) waiter.resolve(false);
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
  const rounds = new CatchUpRounds((seq) => port.postMessage({ type: 'catch-up', seq }));
  const onMessage = (message: WorkerChangeMessage | { type: string }) => {
    if (message.type === 'notify') {
      const { channel, payload } = message as Extract<WorkerChangeMessage, { type: 'notify' }>;
      listeners.changed(channel, payload);
    } else if (message.type === 'caught-up') {
      rounds.answered((message as Extract<WorkerChangeMessage, { type: 'caught-up' }>).seq);
      rounds.next(!closed);
    }
  };
  port.on('message', onMessage);
  return {
    subscribe: (listener) => listeners.add(listener, () => undefined),
    mark: () => rounds.mark(),
    caughtUp: (mark) => (closed ? false : rounds.caughtUp(mark)),
    close: async () => {
      closed = true;
      port.off('message', onMessage);
      rounds.fail();
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
  const rounds = new CatchUpRounds((round) => {
    const client = current!;
    const timer = setTimeout(() => lost(client), CATCH_UP_TIMEOUT_MS);
    client.query('SELECT 1').then(
      () => {
        clearTimeout(timer);
        if (client !== current) return;
        rounds.answered(round);
        rounds.next();
      },
      () => {
        clearTimeout(timer);
        lost(client);
      },
    );
  });

  const lost = (client: Client) => {
    if (client !== current) return;
    current = undefined;
    listeners.reset();
    rounds.fail();
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
    rounds.next();
  };

  return {
    subscribe: (listener) => listeners.add(listener, () => void connect()),
    mark: () => rounds.mark(),
    caughtUp: (mark) => (current ? rounds.caughtUp(mark) : false),
    async close() {
      closed = true;
      clearTimeout(reconnectTimer);
      const client = current;
      current = undefined;
      rounds.fail();
      await client?.end().catch(() => undefined);
    },
  };
}
