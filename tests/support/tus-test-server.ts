import { createServer, request, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';

/**
 * A real tus 1.0 server (the libraries the server side uses) behind a relay that counts the
 * upload bytes it forwards and can cut the connection in the middle of a request, as a
 * phone's link does.
 */
export interface TusTestServer {
  /** The relay's /api/uploads: what the phone is pointed at. */
  endpoint: string;
  /** Upload body bytes forwarded to the server (PATCH bodies), since the start or the last reset. */
  forwardedBytes: number;
  /** The largest PATCH body the phone sent: one chunk. */
  largestChunk: number;
  /** Drops every connection once this many more body bytes have passed, and refuses new ones until restore(). */
  cutAfter(bytes: number): void;
  restore(): void;
  resetCount(): void;
  /** The server's own offset for an upload, asked past the relay. */
  serverOffset(uploadUrl: string): Promise<number>;
  storedBytes(uploadUrl: string): Promise<Buffer>;
  storedMetadata(uploadUrl: string): Promise<Record<string, string | null> | undefined>;
  close(): Promise<void>;
}

const listen = (server: HttpServer) =>
  new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

export async function startTusTestServer(): Promise<TusTestServer> {
  const directory = await mkdtemp(join(tmpdir(), 'jmo-tus-'));
  const tus = new Server({ path: '/api/uploads', datastore: new FileStore({ directory }) });
  const origin = createServer((req, res) => void tus.handle(req, res));
  const originUrl = await listen(origin);
  const originPort = new URL(originUrl).port;

  let budget = Number.POSITIVE_INFINITY;
  let refusing = false;
  const sockets = new Set<Socket>();
  const state = { forwardedBytes: 0, largestChunk: 0 };

  const relay = createServer((incoming: IncomingMessage, outgoing) => {
    if (refusing) return incoming.socket.destroy();
    const upstream = request({ host: '127.0.0.1', port: originPort, method: incoming.method, path: incoming.url, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstream.on('error', () => incoming.socket.destroy());
    const isUpload = incoming.method === 'PATCH';
    if (isUpload) state.largestChunk = Math.max(state.largestChunk, Number(incoming.headers['content-length'] ?? 0));
    incoming.on('data', (chunk: Buffer) => {
      if (!isUpload) return void upstream.write(chunk);
      const allowed = Math.min(chunk.length, budget);
      if (allowed > 0) upstream.write(chunk.subarray(0, allowed));
      state.forwardedBytes += allowed;
      budget -= allowed;
      if (budget <= 0) {
        // The link dies: both sides see their connection end in the middle of the request.
        refusing = true;
        upstream.destroy();
        incoming.socket.destroy();
      }
    });
    incoming.on('end', () => upstream.end());
  });
  relay.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const relayUrl = await listen(relay);
  const idOf = (uploadUrl: string) => new URL(uploadUrl).pathname.split('/').pop()!;

  return {
    endpoint: `${relayUrl}/api/uploads`,
    get forwardedBytes() {
      return state.forwardedBytes;
    },
    get largestChunk() {
      return state.largestChunk;
    },
    cutAfter(bytes) {
      budget = bytes;
    },
    restore() {
      budget = Number.POSITIVE_INFINITY;
      refusing = false;
    },
    resetCount() {
      state.forwardedBytes = 0;
      state.largestChunk = 0;
    },
    async serverOffset(uploadUrl) {
      const answer = await fetch(`${originUrl}/api/uploads/${idOf(uploadUrl)}`, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0' } });
      return Number(answer.headers.get('upload-offset'));
    },
    storedBytes: (uploadUrl) => readFile(join(directory, idOf(uploadUrl))),
    storedMetadata: async (uploadUrl) => (await tus.datastore.getUpload(idOf(uploadUrl))).metadata,
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all([relay, origin].map((server) => new Promise((resolve) => server.close(resolve))));
      await rm(directory, { recursive: true, force: true });
    },
  };
}
