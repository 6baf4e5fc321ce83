import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * What the link does to one request between the phone and the server.
 * - pass: forwarded both ways.
 * - refuse: the connection dies before the request reaches the server.
 * - cut: the body is cut after `afterBytes` bytes reached the server; both ends see their
 *   connection die in the middle of the request (a bodyless request is refused).
 * - server-error: a gateway answers `status` (5xx) and the server never sees the request.
 * - answer-lost: the server gets the whole request, acts and answers; the phone never hears it.
 * - stale-offset: a PATCH reaches the server claiming an offset one byte past what the phone
 *   holds, so the real server answers 409 (as when a chunk sent twice arrives late).
 * `then` runs once the fault has happened (after the answer for pass and answer-lost): a test
 * kills the app at exactly that point.
 */
export type ProxyFault = (
  | { kind: 'pass' }
  | { kind: 'refuse' }
  | { kind: 'cut'; afterBytes: number }
  | { kind: 'server-error'; status: number }
  | { kind: 'answer-lost' }
  | { kind: 'stale-offset' }
) & { then?: () => void };

export interface ProxiedRequest {
  /** 0-based, over the proxy's whole life. */
  index: number;
  method: string;
  path: string;
  /** The body's declared length (0 without one). */
  contentLength: number;
}

export interface ProxyExchange extends ProxiedRequest {
  fault: ProxyFault['kind'];
  /** The server's status, when it answered (whether or not the phone heard it). */
  status?: number;
  /** Body bytes that reached the server. */
  bodyBytesForwarded: number;
  /** Bytes the phone sent for this request: request line, headers and the body it got out. */
  upBytes: number;
  /** Bytes the phone was sent back: status line, headers and body. */
  downBytes: number;
}

export interface FaultProxy {
  /** The origin the phone talks to. */
  url: string;
  exchanges: ProxyExchange[];
  /** Bytes on the phone's side of the wire, headers and bodies, every connection so far: what a data plan pays for. */
  wire(): { up: number; down: number };
  /** Drops every open connection (the phone's keep-alive ones too). */
  dropConnections(): void;
  close(): Promise<void>;
}

/**
 * A loopback HTTP proxy between a phone (Node's fetch, or Chromium) and the real server that
 * breaks chosen requests the way a weak link does, and counts the phone's bytes on the wire at
 * the socket, so the count includes request lines, headers and framing.
 */
export async function startFaultProxy(
  upstreamUrl: string | ((path: string) => string),
  decide: (request: ProxiedRequest) => ProxyFault = () => ({ kind: 'pass' }),
): Promise<FaultProxy> {
  const upstreamFor = (path: string) => new URL(typeof upstreamUrl === 'string' ? upstreamUrl : upstreamUrl(path));
  const sockets = new Set<Socket>();
  const closedTotals = { up: 0, down: 0 };
  const exchanges: ProxyExchange[] = [];
  let nextIndex = 0;

  const server = createServer((incoming, outgoing) => {
    const proxied: ProxiedRequest = { index: nextIndex++, method: incoming.method ?? 'GET', path: incoming.url ?? '/', contentLength: Number(incoming.headers['content-length'] ?? 0) };
    const fault = decide(proxied);
    const exchange: ProxyExchange = { ...proxied, fault: fault.kind, bodyBytesForwarded: 0, upBytes: headBytes(incoming), downBytes: 0 };
    exchanges.push(exchange);
    incoming.on('data', (chunk: Buffer) => (exchange.upBytes += chunk.length));
    // Answers on one connection go out one after another (no browser pipelines), so the
    // socket's count from the first byte of this answer to its end is exactly this answer.
    const writtenBefore = incoming.socket.bytesWritten;
    outgoing.once('finish', () => (exchange.downBytes = incoming.socket.bytesWritten - writtenBefore));
    const done = () => fault.then?.();
    const die = () => {
      incoming.socket.destroy();
      done();
    };

    if (fault.kind === 'refuse' || (fault.kind === 'cut' && proxied.contentLength === 0)) return die();
    if (fault.kind === 'server-error') {
      // Read the body first: answering before it is read makes the phone's send fail instead.
      incoming.resume();
      incoming.on('end', () => {
        outgoing.writeHead(fault.status, { 'Content-Type': 'text/plain', Connection: 'close' });
        outgoing.end('Bad gateway', done);
      });
      return;
    }
    const headers = { ...incoming.headers };
    if (fault.kind === 'stale-offset' && proxied.method === 'PATCH' && headers['upload-offset'] !== undefined) headers['upload-offset'] = String(Number(headers['upload-offset']) + 1);
    forward(incoming, outgoing, headers, fault, exchange, die, done);
  });

  function forward(incoming: IncomingMessage, outgoing: ServerResponse, headers: IncomingMessage['headers'], fault: ProxyFault, exchange: ProxyExchange, die: () => void, done: () => void) {
    let budget = fault.kind === 'cut' ? fault.afterBytes : Number.POSITIVE_INFINITY;
    const upstream = upstreamFor(incoming.url ?? '/');
    const toServer = request({ host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers }, (answer) => {
      exchange.status = answer.statusCode;
      if (fault.kind === 'answer-lost') {
        // The server has acted by the time it answers; the line goes before the phone hears it.
        answer.resume();
        answer.on('end', die);
        return;
      }
      outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(outgoing);
      answer.on('end', () => outgoing.once('finish', done));
    });
    toServer.on('error', () => incoming.socket.destroy());
    // The phone gave up (an aborted request, a killed app): so does the server's side.
    incoming.on('aborted', () => toServer.destroy());
    outgoing.on('close', () => {
      if (!outgoing.writableFinished) toServer.destroy();
    });
    let cutDone = false;
    incoming.on('data', (chunk: Buffer) => {
      if (cutDone) return;
      const allowed = Math.min(chunk.length, budget);
      exchange.bodyBytesForwarded += allowed;
      budget -= allowed;
      const cutNow = fault.kind === 'cut' && budget <= 0;
      const part = allowed === chunk.length ? chunk : chunk.subarray(0, allowed);
      if (!cutNow) return void toServer.write(part);
      cutDone = true;
      // Once the bytes before the cut are on the server's socket, both connections end.
      const cut = () => {
        toServer.destroy();
        die();
      };
      if (allowed > 0) toServer.write(part, cut);
      else cut();
    });
    incoming.on('end', () => {
      if (!cutDone) toServer.end();
    });
  }

  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      closedTotals.up += socket.bytesRead;
      closedTotals.down += socket.bytesWritten;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    wire() {
      let { up, down } = closedTotals;
      for (const socket of sockets) {
        up += socket.bytesRead;
        down += socket.bytesWritten;
      }
      return { up, down };
    },
    dropConnections() {
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The request line and headers as the phone sent them (HTTP/1.1 writes them as `Name: value` lines). */
function headBytes(incoming: IncomingMessage): number {
  let text = `${incoming.method} ${incoming.url} HTTP/${incoming.httpVersion}\r\n`;
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) text += `${incoming.rawHeaders[i]}: ${incoming.rawHeaders[i + 1]}\r\n`;
  return Buffer.byteLength(`${text}\r\n`, 'latin1');
}
