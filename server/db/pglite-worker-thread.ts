/**
 * Runs inside the worker thread started by pglite-worker.ts: owns the PGlite database and speaks
 * the PostgreSQL wire protocol on a unix socket, so the app talks to it with its normal `pg` pool
 * while PGlite's WebAssembly runs here instead of on the HTTP thread.
 *
 * PGlite is one backend. Several pool connections share it safely because this relay hands the
 * backend to one connection for a whole exchange (everything up to Sync or a simple Query), and
 * keeps it with that connection while a transaction is open: statements of another connection
 * never land between a Parse and its Execute, nor inside someone else's transaction.
 * (@electric-sql/pglite-socket interleaves per message, which breaks the unnamed statement of
 * the extended protocol under a pool of several connections.)
 */
import { createServer, type Server, type Socket } from 'node:net';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { CHANNELS, type WorkerChangeMessage } from './change-feed.ts';

export interface PgliteWorkerData {
  /** Directory of a persistent database; none for an in-memory one. */
  dataDir?: string;
  /** A `dumpDataDir` archive to start an in-memory database from. */
  loadDataDir?: Uint8Array;
  socketPath: string;
}

export type PgliteWorkerMessage = { type: 'ready' } | { type: 'failed'; message: string } | { type: 'closed' };

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
// Message types a client sends; Sync, Query and Flush are where it waits for answers.
const SYNC = 0x53;
const QUERY = 0x51;
const FLUSH = 0x48;
const TERMINATE = 0x58;
const SYNC_MESSAGE = Buffer.from([SYNC, 0, 0, 0, 4]);
// The backend's NotificationResponse: what the change feed forwards to the HTTP thread.
const NOTIFICATION_RESPONSE = 0x41;

interface Exchange {
  bytes: Buffer;
  /** Ended by Flush: the client goes on with the same exchange after reading the answers. */
  open: boolean;
}

interface Connection {
  socket: Socket;
  /** Bytes received that do not yet make a whole message. */
  pending: Buffer;
  /** Messages of the exchange being received, not yet ended by Sync, Query or Flush. */
  partial: Buffer[];
  /** Whole exchanges waiting for the backend. */
  exchanges: Exchange[];
  started: boolean;
  closed: boolean;
}

const data = workerData as PgliteWorkerData;
let db: PGlite;
let server: Server;
const connections = new Set<Connection>();
/** Connections with an exchange waiting, in arrival order. */
const waiting: Connection[] = [];
/** The connection the backend belongs to until its exchange or transaction ends. */
let owner: Connection | null = null;
let running = false;

function post(message: PgliteWorkerMessage | WorkerChangeMessage): void {
  parentPort!.postMessage(message);
}

function accept(socket: Socket): void {
  socket.setNoDelay(true);
  const connection: Connection = { socket, pending: Buffer.alloc(0), partial: [], exchanges: [], started: false, closed: false };
  connections.add(connection);
  socket.on('data', (chunk) => receive(connection, chunk));
  socket.on('error', () => drop(connection));
  socket.on('close', () => drop(connection));
}

function receive(connection: Connection, chunk: Buffer): void {
  if (connection.closed) return;
  connection.pending = connection.pending.length === 0 ? chunk : Buffer.concat([connection.pending, chunk]);
  for (;;) {
    const buffer = connection.pending;
    if (!connection.started) {
      // Startup-phase messages carry no type byte: length, then a request code.
      if (buffer.length < 8) return;
      const length = buffer.readInt32BE(0);
      if (buffer.length < length) return;
      const code = buffer.readInt32BE(4);
      const message = Buffer.from(buffer.subarray(0, length));
      connection.pending = buffer.subarray(length);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        connection.socket.write('N');
      } else if (code === CANCEL_REQUEST) {
        // One backend running one statement at a time, never for long: nothing to cancel.
        connection.socket.end();
        return;
      } else {
        connection.started = true;
        enqueue(connection, { bytes: message, open: false });
      }
      continue;
    }
    if (buffer.length < 5) return;
    const length = 1 + buffer.readInt32BE(1);
    if (buffer.length < length) return;
    const type = buffer[0];
    const message = Buffer.from(buffer.subarray(0, length));
    connection.pending = buffer.subarray(length);
    if (type === TERMINATE) {
      // The backend is shared: Terminate ends this connection only.
      connection.socket.end();
      drop(connection);
      return;
    }
    connection.partial.push(message);
    if (type === SYNC || type === QUERY || type === FLUSH) {
      enqueue(connection, { bytes: connection.partial.length === 1 ? message : Buffer.concat(connection.partial), open: type === FLUSH });
      connection.partial = [];
    }
  }
}

function enqueue(connection: Connection, exchange: Exchange): void {
  connection.exchanges.push(exchange);
  if (connection !== owner && !waiting.includes(connection)) waiting.push(connection);
  schedule();
}

function schedule(): void {
  if (running) return;
  running = true;
  setImmediate(() => void pump());
}

/** Runs the waiting exchanges one at a time, yielding between them so sockets are read and written. */
async function pump(): Promise<void> {
  for (;;) {
    if (owner?.closed) {
      await releaseBackend();
      owner = null;
    }
    const connection = owner ? (owner.exchanges.length > 0 ? owner : undefined) : waiting.shift();
    if (!connection) {
      running = false;
      return;
    }
    const exchange = connection.exchanges.shift()!;
    const notifications = new NotificationScanner();
    // The answer leaves in one write instead of one per chunk of output.
    connection.socket.cork();
    try {
      await db.execProtocolRawStream(exchange.bytes, {
        // The chunk is a view of WebAssembly memory that the next statement overwrites.
        onRawData: (chunk) => {
          const bytes = Buffer.from(chunk);
          // Posted before the answer is written: whoever reads "committed" can then catch up
          // on the change feed and find the announcement there (server/db/change-feed.ts).
          notifications.scan(bytes);
          if (!connection.closed) connection.socket.write(bytes);
        },
      });
    } catch (error) {
      // The backend itself failed (an SQL error is answered on the wire instead).
      connection.socket.destroy(error as Error);
    } finally {
      connection.socket.uncork();
    }
    owner = exchange.open || db.isInTransaction() ? connection : null;
    if (connection !== owner && connection.exchanges.length > 0 && !waiting.includes(connection)) waiting.push(connection);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * A connection that left mid-exchange or mid-transaction must not leave the backend inside it:
 * ROLLBACK aborts an open transaction (or the implicit one of an unfinished exchange), Sync ends
 * the exchange, and a second ROLLBACK clears a transaction the first could not reach because the
 * backend was skipping messages after an error.
 */
async function releaseBackend(): Promise<void> {
  await db.execProtocolRaw(Buffer.concat([simpleQuery('ROLLBACK'), SYNC_MESSAGE]));
  if (db.isInTransaction()) await db.execProtocolRaw(simpleQuery('ROLLBACK'));
}

/**
 * Finds the NotificationResponse messages in the backend's output, which arrives in chunks
 * that may split a message anywhere, and posts each to the HTTP thread. The single backend
 * LISTENs from the start, so every committed NOTIFY shows up in the committing exchange.
 */
class NotificationScanner {
  #header = Buffer.alloc(0);
  #remaining = 0;
  #notification: Buffer[] | null = null;

  scan(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.#remaining > 0) {
        const take = Math.min(this.#remaining, chunk.length - at);
        this.#notification?.push(chunk.subarray(at, at + take));
        this.#remaining -= take;
        at += take;
        if (this.#remaining === 0 && this.#notification) {
          postNotification(Buffer.concat(this.#notification));
          this.#notification = null;
        }
        continue;
      }
      const need = 5 - this.#header.length;
      this.#header = Buffer.concat([this.#header, chunk.subarray(at, at + need)]);
      at += Math.min(need, chunk.length - at);
      if (this.#header.length < 5) return;
      this.#remaining = this.#header.readInt32BE(1) - 4;
      this.#notification = this.#header[0] === NOTIFICATION_RESPONSE ? [] : null;
      this.#header = Buffer.alloc(0);
    }
  }
}

/** Body of a NotificationResponse: process id (int32), channel and payload (C strings). */
function postNotification(body: Buffer): void {
  const channelEnd = body.indexOf(0, 4);
  const payloadEnd = body.indexOf(0, channelEnd + 1);
  if (channelEnd < 0 || payloadEnd < 0) return;
  post({ type: 'notify', channel: body.toString('utf8', 4, channelEnd), payload: body.toString('utf8', channelEnd + 1, payloadEnd) });
}

function simpleQuery(text: string): Buffer {
  const body = Buffer.from(`${text}\0`);
  const header = Buffer.alloc(5);
  header[0] = QUERY;
  header.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([header, body]);
}

function drop(connection: Connection): void {
  if (connection.closed) return;
  connection.closed = true;
  connections.delete(connection);
  connection.exchanges = [];
  const index = waiting.indexOf(connection);
  if (index >= 0) waiting.splice(index, 1);
  if (owner === connection) schedule();
}

async function close(): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    for (const connection of connections) connection.socket.destroy();
  });
  // A statement already running finishes before the database closes.
  while (running) await new Promise((resolve) => setImmediate(resolve));
  await db.close();
  post({ type: 'closed' });
}

async function start(): Promise<void> {
  // Structured cloning into this thread gave the archive an ArrayBuffer of its own, never a shared one.
  const archive = data.loadDataDir as Uint8Array<ArrayBuffer> | undefined;
  db = await PGlite.create({ dataDir: data.dataDir, loadDataDir: archive ? new Blob([archive]) : undefined });
  // The one backend listens for every connection; the scanner forwards what it hears.
  await db.exec(CHANNELS.map((channel) => `LISTEN ${channel}`).join('; '));
  server = createServer(accept);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(data.socketPath, () => resolve());
  });
  parentPort!.on('message', (message: { type: string; seq?: number }) => {
    if (message.type === 'close') void close();
    // Answered in order after every notification posted so far (server/db/change-feed.ts).
    if (message.type === 'catch-up') post({ type: 'caught-up', seq: message.seq! });
  });
  post({ type: 'ready' });
}

start().catch((error: unknown) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }));
