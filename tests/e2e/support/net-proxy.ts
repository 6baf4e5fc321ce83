import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * pass: forward everything. refuse: close every connection at once, as a dead network does.
 * drop-after-commit: the server gets the request and answers, the browser never gets the
 * answer. 503: answer 503 without contacting the server (the network is up, the server is not).
 */
export type NetMode = 'pass' | 'refuse' | 'drop-after-commit' | '503';

export interface ForwardedRequest {
  method: string;
  path: string;
  status: number;
  /** False when the answer was thrown away (drop-after-commit). */
  delivered: boolean;
  /** Mutation names of a forwarded push, in order, so a test can count what the server received. */
  mutations: string[];
}

export interface NetProxy {
  /** The origin Chromium talks to: the app, its service worker and its sync worker all live here. */
  url: string;
  mode: NetMode;
  setMode(mode: NetMode): void;
  /** Every request that reached the server through the proxy. */
  forwarded: ForwardedRequest[];
  /** Connections and requests that did not reach the server (refused, or answered 503 here). */
  blocked: { refused: number; answered503: number };
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy between Chromium and the server. Playwright's setOffline only reaches
 * the page, not its Dedicated Worker or service worker, so an "offline" test without this
 * quietly talks to the server; here the network is cut for every part of the app at once.
 */
export async function startNetProxy(upstreamUrl: string): Promise<NetProxy> {
  const upstream = new URL(upstreamUrl);
  const sockets = new Set<Socket>();
  const forwarded: ForwardedRequest[] = [];
  const blocked = { refused: 0, answered503: 0 };
  let mode: NetMode = 'pass';

  const server = createServer((req, res) => {
    if (mode === 'refuse') {
      blocked.refused++;
      req.socket.destroy();
      return;
    }
    if (mode === '503') {
      blocked.answered503++;
      res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': '5', Connection: 'close' });
      res.end('{"code":"UNAVAILABLE","message":"Server tidak dapat dihubungi."}');
      return;
    }
    forward(req, res, mode === 'drop-after-commit');
  });

  function forward(req: IncomingMessage, res: ServerResponse, dropAnswer: boolean) {
    const body: Buffer[] = [];
    req.on('data', (chunk: Buffer) => body.push(chunk));
    req.on('end', () => {
      const payload = Buffer.concat(body);
      const toServer = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        const record: ForwardedRequest = { method: req.method ?? 'GET', path: req.url ?? '/', status: answer.statusCode ?? 0, delivered: !dropAnswer, mutations: pushedMutations(req.url, payload) };
        if (dropAnswer) {
          // Let the server finish (it has committed by the time it answers), then lose the line.
          answer.resume();
          answer.on('end', () => {
            forwarded.push(record);
            req.socket.destroy();
          });
          return;
        }
        forwarded.push(record);
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
      });
      toServer.on('error', () => req.socket.destroy());
      toServer.end(payload);
    });
  }

  server.on('connection', (socket: Socket) => {
    if (mode === 'refuse') {
      blocked.refused++;
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return mode;
    },
    setMode(next) {
      mode = next;
      // Kept-alive connections would otherwise carry requests past the new mode.
      if (next !== 'pass') for (const socket of sockets) socket.destroy();
    },
    forwarded,
    blocked,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function pushedMutations(path: string | undefined, payload: Buffer): string[] {
  if (!path?.startsWith('/api/sync/push')) return [];
  try {
    return ((JSON.parse(payload.toString('utf8')) as { mutations?: { name: string }[] }).mutations ?? []).map((m) => m.name);
  } catch {
    return [];
  }
}
