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
  /** Every tus upload request (POST creation, PATCH chunk) that came in, in arrival order, with its body bytes. */
  uploads: UploadRequest[];
  /** Upload body bytes the proxy received from the browser so far (what the phone paid for). */
  uploadBytes(): number;
  /**
   * Arms a one-shot cut: once `bytes` more upload body bytes have come in, the request carrying
   * the last of them is cut in the middle (the server gets exactly those bytes, then a dead
   * connection), and from then on every connection is refused (mode 'refuse') until setMode('pass').
   */
  cutAfterUploadBytes(bytes: number): Promise<UploadCut>;
  close(): Promise<void>;
}

/** One tus request as the proxy saw it. */
export interface UploadRequest {
  /** Position in `uploads`: requests after a cut have a higher one than the cut request. */
  seq: number;
  method: 'POST' | 'PATCH';
  /** The upload's id (last path segment); for a creation, taken from the answer's Location (null until answered, or if never). */
  uploadId: string | null;
  /** The Upload-Offset the browser sent (where it believes the server is); 0 for a creation. */
  offset: number;
  /** Content-Length the browser announced: the chunk it meant to send. */
  declared: number;
  /** Body bytes the proxy received from the browser. */
  bytes: number;
  /** The server's status, 0 when the request never got an answer (cut). */
  status: number;
  /** The Upload-Offset the server answered with, when it answered one. */
  serverOffset: number | null;
  /** This request was cut in the middle by cutAfterUploadBytes. */
  cut: boolean;
}

export interface UploadCut {
  /** The request that was cut. */
  request: UploadRequest;
  /** Upload body bytes received over the whole proxy life when the line died. */
  totalBytesAtCut: number;
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
  const uploads: UploadRequest[] = [];
  let uploadBytes = 0;
  let armedCut: { remaining: number; resolve: (cut: UploadCut) => void } | null = null;

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
    if (isUploadRequest(req)) forwardUpload(req, res, mode === 'drop-after-commit');
    else forward(req, res, mode === 'drop-after-commit');
  });

  function cutTheLine() {
    mode = 'refuse';
    for (const socket of sockets) socket.destroy();
  }

  /**
   * Upload bodies are streamed (not buffered like the rest), so a request can be cut after any
   * byte, and what the server holds afterwards is what really got through.
   */
  function forwardUpload(req: IncomingMessage, res: ServerResponse, dropAnswer: boolean) {
    const method = req.method as 'POST' | 'PATCH';
    const record: UploadRequest = {
      seq: uploads.length,
      method,
      uploadId: method === 'PATCH' ? uploadIdOf(req.url ?? '') : null,
      offset: Number(req.headers['upload-offset'] ?? 0),
      declared: Number(req.headers['content-length'] ?? 0),
      bytes: 0,
      status: 0,
      serverOffset: null,
      cut: false,
    };
    uploads.push(record);
    const toServer = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      record.status = answer.statusCode ?? 0;
      const offsetHeader = answer.headers['upload-offset'];
      if (typeof offsetHeader === 'string') record.serverOffset = Number(offsetHeader);
      if (method === 'POST' && typeof answer.headers.location === 'string') record.uploadId = uploadIdOf(answer.headers.location);
      const forwardedRecord: ForwardedRequest = { method, path: req.url ?? '/', status: record.status, delivered: !dropAnswer, mutations: [] };
      if (dropAnswer) {
        answer.resume();
        answer.on('end', () => {
          forwarded.push(forwardedRecord);
          req.socket.destroy();
        });
        return;
      }
      forwarded.push(forwardedRecord);
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    });
    toServer.on('error', () => req.socket.destroy());
    req.on('data', (chunk: Buffer) => {
      if (record.cut) return;
      let part = chunk;
      let cutNow = false;
      if (armedCut && chunk.length >= armedCut.remaining) {
        part = chunk.subarray(0, armedCut.remaining);
        cutNow = true;
      }
      record.bytes += part.length;
      uploadBytes += part.length;
      if (armedCut) armedCut.remaining -= part.length;
      if (!cutNow) {
        toServer.write(part);
        return;
      }
      record.cut = true;
      const { resolve } = armedCut!;
      armedCut = null;
      // Only once the bytes before the cut are handed to the server's socket does the line die.
      toServer.write(part, () => {
        toServer.destroy();
        req.socket.destroy();
        cutTheLine();
        resolve({ request: record, totalBytesAtCut: uploadBytes });
      });
    });
    req.on('end', () => {
      if (!record.cut) toServer.end();
    });
    // The browser gave up mid-body (aborted upload): the server must see a dead request too.
    req.on('close', () => {
      if (!req.complete) toServer.destroy();
    });
  }

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
    uploads,
    uploadBytes: () => uploadBytes,
    cutAfterUploadBytes(bytes) {
      if (armedCut) throw new Error('a cut is already armed');
      return new Promise<UploadCut>((resolve) => {
        armedCut = { remaining: Math.max(1, bytes), resolve };
      });
    },
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

const UPLOADS_PATH = '/api/uploads';

/** tus requests that carry page bytes: a chunk (PATCH) or a creation, which may carry the first one. */
function isUploadRequest(req: IncomingMessage): boolean {
  const path = (req.url ?? '').split('?')[0]!;
  if (req.method === 'PATCH') return path.startsWith(`${UPLOADS_PATH}/`);
  return req.method === 'POST' && (path === UPLOADS_PATH || path === `${UPLOADS_PATH}/`);
}

/** The upload id of an upload URL or path (its last segment). */
export function uploadIdOf(urlOrPath: string): string {
  const path = urlOrPath.startsWith('http') ? new URL(urlOrPath).pathname : urlOrPath.split('?')[0]!;
  return path.split('/').filter(Boolean).pop() ?? '';
}
