import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PgliteWorkerData, PgliteWorkerMessage } from './pglite-worker-thread.ts';

/**
 * PGlite in a worker thread (pglite-worker-thread.ts), reached through the PostgreSQL wire
 * protocol on a unix socket: its WebAssembly no longer holds the thread that answers HTTP, and
 * the app uses the same `pg` pool and drizzle driver as on PostgreSQL.
 */
export interface PgliteWorker {
  /** node-postgres connection settings for the worker's socket. */
  connection: { host: string; port: number; user: string; database: string };
  /** The worker's message channel, which carries the database's change announcements. */
  port: Worker;
  /** Closes the database (flushing it to DATA_DIR) and ends the thread. */
  close(): Promise<void>;
}

// Only names the socket file: node-postgres connects to `${host}/.s.PGSQL.${port}`.
const SOCKET_PORT = 5432;

export async function startPgliteWorker(options: { dataDir?: string; loadDataDir?: Uint8Array } = {}): Promise<PgliteWorker> {
  // mkdtemp makes the directory 0700: no other user of the machine can reach the socket, which
  // asks for no password.
  const socketDir = mkdtempSync(join(tmpdir(), 'jmo-pglite-'));
  const workerData: PgliteWorkerData = { ...options, socketPath: join(socketDir, `.s.PGSQL.${SOCKET_PORT}`) };
  const worker = new Worker(typeScriptEntry(new URL('./pglite-worker-thread.ts', import.meta.url).href), { eval: true, workerData });
  const removeSocketDir = () => rmSync(socketDir, { recursive: true, force: true });
  try {
    await new Promise<void>((resolve, reject) => {
      const settle = (error?: Error) => {
        worker.off('message', onMessage).off('error', settle).off('exit', onExit);
        if (error) reject(error);
        else resolve();
      };
      const onMessage = (message: PgliteWorkerMessage) => {
        if (message.type === 'ready') settle();
        if (message.type === 'failed') settle(new Error(message.message));
      };
      const onExit = (code: number) => settle(new Error(`PGlite worker stopped while starting (exit code ${code})`));
      worker.on('message', onMessage).on('error', settle).on('exit', onExit);
    });
  } catch (error) {
    await worker.terminate();
    removeSocketDir();
    throw error;
  }
  // An idle worker must not keep the process alive; open connections to it do while in use.
  worker.unref();
  let closing: Promise<void> | undefined;
  // Without its database the server can only fail every request: end the process (an error in
  // the worker does already, as an unhandled 'error' event) so its supervisor starts it again.
  worker.once('exit', (code) => {
    if (!closing) process.nextTick(() => {
      throw new Error(`PGlite worker stopped unexpectedly (exit code ${code})`);
    });
  });
  return {
    port: worker,
    connection: { host: socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres' },
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        worker.on('message', (message: PgliteWorkerMessage) => {
          if (message.type === 'closed') resolve();
        });
        worker.once('exit', () => resolve());
        worker.postMessage({ type: 'close' });
      }).then(async () => {
        await worker.terminate();
        removeSocketDir();
      })),
  };
}

/**
 * The worker runs TypeScript like this thread, whether started by tsx or by vitest (a worker
 * inherits neither's loader).
 */
function typeScriptEntry(file: string): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(file)}, ${JSON.stringify(file)}))`;
}
