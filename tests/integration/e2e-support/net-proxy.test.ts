import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from '@tus/server';
import { FileStore } from '@tus/file-store';
import { startNetProxy, uploadIdOf, type NetProxy } from '../../e2e/support/net-proxy.ts';

/**
 * The e2e proxy's upload accounting and its mid-request cut, against the real tus server
 * library the app mounts: the browser test's "bytes re-sent after a cut" figure is only as
 * honest as these counts.
 */

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request on a fresh connection (no keep-alive), resolving with the answer or the connection's error. */
function send(url: string, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: target.hostname, port: target.port, method, path, headers: { Connection: 'close', ...headers }, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (part: string) => (text += part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (body) {
      // In slices, as a browser's socket writes a chunk: the cut can land inside the body.
      for (let at = 0; at < body.length; at += 16 * 1024) req.write(body.subarray(at, at + 16 * 1024));
    }
    req.end();
  });
}

const tusHeaders = { 'Tus-Resumable': '1.0.0' };
const bytesOf = (size: number, seed: number) => Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + seed) % 251));

describe('the e2e network proxy in front of a tus server', () => {
  let directory: string;
  let origin: HttpServer;
  let originUrl: string;
  let proxy: NetProxy;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'jmo-net-proxy-'));
    const tus = new Server({ path: '/api/uploads', datastore: new FileStore({ directory }), relativeLocation: true });
    origin = createServer((req, res) => {
      if (req.url === '/api/sync/push') {
        let text = '';
        req.on('data', (part: Buffer) => (text += part.toString()));
        req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(text));
        return;
      }
      void tus.handle(req, res);
    });
    await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
    originUrl = `http://127.0.0.1:${(origin.address() as AddressInfo).port}`;
    proxy = await startNetProxy(originUrl);
  });
  afterEach(() => proxy.setMode('pass'));
  afterAll(async () => {
    await proxy?.close();
    await new Promise((resolve) => origin?.close(resolve));
    await rm(directory, { recursive: true, force: true });
  });

  async function create(size: number): Promise<string> {
    const answer = await send(proxy.url, 'POST', '/api/uploads', { ...tusHeaders, 'Upload-Length': String(size) });
    expect(answer.status).toBe(201);
    return uploadIdOf(String(answer.headers.location));
  }
  const patch = (id: string, offset: number, body: Buffer) =>
    send(proxy.url, 'PATCH', `/api/uploads/${id}`, { ...tusHeaders, 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream', 'Content-Length': String(body.length) }, body);
  const serverOffset = async (id: string) => Number((await send(originUrl, 'HEAD', `/api/uploads/${id}`, tusHeaders)).headers['upload-offset']);

  it('counts each chunk of each upload with the offset the client sent and the one the server answered', async () => {
    const before = proxy.uploads.length;
    const bytesBefore = proxy.uploadBytes();
    const page = bytesOf(100_000, 1);
    const id = await create(page.length);
    expect((await patch(id, 0, page.subarray(0, 64_000))).status).toBe(204);
    expect((await patch(id, 64_000, page.subarray(64_000))).status).toBe(204);

    const seen = proxy.uploads.slice(before);
    expect(seen.map(({ method, uploadId, offset, declared, bytes, status, serverOffset: answered, cut }) => ({ method, uploadId, offset, declared, bytes, status, answered, cut }))).toEqual([
      { method: 'POST', uploadId: id, offset: 0, declared: 0, bytes: 0, status: 201, answered: null, cut: false },
      { method: 'PATCH', uploadId: id, offset: 0, declared: 64_000, bytes: 64_000, status: 204, answered: 64_000, cut: false },
      { method: 'PATCH', uploadId: id, offset: 64_000, declared: 36_000, bytes: 36_000, status: 204, answered: 100_000, cut: false },
    ]);
    expect(seen.map((record) => record.seq)).toEqual([before, before + 1, before + 2]);
    expect(proxy.uploadBytes() - bytesBefore).toBe(100_000);
    expect(await serverOffset(id)).toBe(100_000);
    // Streamed uploads still appear in the forwarded list other tests read.
    expect(proxy.forwarded.filter((request) => request.path === `/api/uploads/${id}`).map((request) => request.status)).toEqual([204, 204]);
  });

  it('cuts a chunk after exactly the armed number of bytes, then refuses everything until the network is back', async () => {
    const page = bytesOf(200_000, 2);
    const id = await create(page.length);
    expect((await patch(id, 0, page.subarray(0, 64_000))).status).toBe(204);

    const cut = proxy.cutAfterUploadBytes(90_000); // 64 000 of them in the next chunk, 26 000 in the one after
    const refusedBefore = proxy.blocked.refused;
    expect((await patch(id, 64_000, page.subarray(64_000, 128_000))).status).toBe(204);
    await expect(patch(id, 128_000, page.subarray(128_000))).rejects.toThrow();
    const { request: cutRequest, totalBytesAtCut } = await cut;
    expect(cutRequest).toMatchObject({ uploadId: id, offset: 128_000, declared: 72_000, bytes: 26_000, status: 0, cut: true });
    expect(totalBytesAtCut).toBe(proxy.uploadBytes());
    expect(proxy.mode).toBe('refuse');

    // Every part of the app is offline now, not only the request that was cut.
    await expect(send(proxy.url, 'GET', '/api/health', {})).rejects.toThrow();
    expect(proxy.blocked.refused).toBeGreaterThan(refusedBefore);

    // The server kept what got through before the line died, and not a byte more.
    await expect.poll(() => serverOffset(id)).toBe(154_000);

    proxy.setMode('pass');
    const resumed = await patch(id, 154_000, page.subarray(154_000));
    expect(resumed.status).toBe(204);
    expect(resumed.headers['upload-offset']).toBe('200000');
    expect(proxy.uploads.at(-1)).toMatchObject({ uploadId: id, offset: 154_000, bytes: 46_000, cut: false, seq: cutRequest.seq + 1 });
  });

  it('fires a cut only once, and does not count or cut anything but tus uploads', async () => {
    const cut = proxy.cutAfterUploadBytes(10);
    expect(() => proxy.cutAfterUploadBytes(10)).toThrow('already armed');
    const push = JSON.stringify({ mutations: [{ name: 'claim.submit' }] });
    const bytesBefore = proxy.uploadBytes();
    const answer = await send(proxy.url, 'POST', '/api/sync/push', { 'Content-Type': 'application/json' }, Buffer.from(push));
    expect(answer).toMatchObject({ status: 200, body: push });
    expect(proxy.forwarded.at(-1)!.mutations).toEqual(['claim.submit']);
    expect(proxy.uploadBytes()).toBe(bytesBefore);
    expect(proxy.mode).toBe('pass');

    const id = await create(50);
    await expect(patch(id, 0, bytesOf(50, 3))).rejects.toThrow();
    expect((await cut).request).toMatchObject({ uploadId: id, bytes: 10, cut: true });
    proxy.setMode('pass');
    expect((await patch(id, await serverOffset(id), bytesOf(50, 3).subarray(10))).status).toBe(204);
  });

  it('reads upload ids from paths and absolute URLs', () => {
    expect(uploadIdOf('/api/uploads/0b5e')).toBe('0b5e');
    expect(uploadIdOf('http://127.0.0.1:9/api/uploads/0b5e?x=1')).toBe('0b5e');
  });
});
