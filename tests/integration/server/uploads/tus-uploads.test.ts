import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { request as httpRequest } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { serve } from '@hono/node-server';
import { FileStore } from '@tus/file-store';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { documentUploads } from '../../../../server/db/schema.ts';
import { createApp } from '../../../../server/app.ts';
import { createDocumentStore, type DocumentStore } from '../../../../server/features/uploads/document-store.ts';
import { uploadErrors, MAX_PAGE_BYTES } from '../../../../shared/claims/document-upload-schemas.ts';
import { createUpload, deleteUpload, disguisedExe, encodeMetadata, fixture, headUpload, patchChunk, photoSizedJpeg, uploadInChunks } from './tus-requests.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('tus uploads of claim document pages (file store)', () => {
  let t: TestApp;
  let directory: string;
  let siti: string;
  let budi: string;
  const page = (overrides: Partial<Record<string, string>> = {}) => ({ draftId: randomUUID(), documentId: 'KTP', page: '0', filetype: 'image/jpeg', ...overrides });
  const rowOf = async (id: string) => (await t.database.db.select().from(documentUploads).where(eq(documentUploads.id, id)))[0];

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'jmo-uploads-test-'));
    t = await createTestApp({ config: { documentStorage: { kind: 'file', directory } } });
    siti = (await signInAs(t, demoEmails.siti)).cookie;
    budi = (await signInAs(t, demoEmails.budi)).cookie;
  });
  afterAll(async () => {
    await t.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('refuses an upload without a session: 401 with a code', async () => {
    const res = await createUpload(t, undefined, 100, page());
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  for (const chunkSize of [64 * 1024, 256 * 1024]) {
    it(`takes a 600 KB page in ${chunkSize / 1024} KB chunks, resumes from HEAD's offset, stores it byte-identical with its hash`, async () => {
      const bytes = photoSizedJpeg(600 * 1024);
      const metadata = page();
      const created = await createUpload(t, siti, bytes.length, metadata);
      expect(created.status).toBe(201);
      expect(created.headers.get('Upload-Expires')).toBe(new Date(t.clock.now().getTime() + 7 * 24 * 3600 * 1000).toUTCString());
      const location = created.headers.get('Location')!;
      expect(location).toMatch(/^\/api\/uploads\/[0-9a-f-]{36}$/);

      // Two chunks, then the "phone" forgets where it was and asks the server.
      let offset = 0;
      for (let i = 0; i < 2; i++) {
        const res = await patchChunk(t, siti, location, offset, bytes.subarray(offset, offset + chunkSize));
        expect(res.status).toBe(204);
        offset = Number(res.headers.get('Upload-Offset'));
      }
      const head = await headUpload(t, siti, location);
      expect(head.status).toBe(200);
      expect(Number(head.headers.get('Upload-Offset'))).toBe(2 * chunkSize);
      expect(head.headers.get('Upload-Length')).toBe(String(bytes.length));
      expect((await rowOf(location.split('/').pop()!))!.uploadedBytes).toBe(2 * chunkSize);

      // A chunk sent again at a stale offset is refused without touching the upload.
      const stale = await patchChunk(t, siti, location, 0, bytes.subarray(0, chunkSize));
      expect(stale.status).toBe(409);
      expect(await stale.json()).toMatchObject({ code: 'UPLOAD_OFFSET_MISMATCH', message: uploadErrors.UPLOAD_OFFSET_MISMATCH });

      while (offset < bytes.length) {
        const res = await patchChunk(t, siti, location, offset, bytes.subarray(offset, offset + chunkSize));
        expect(res.status).toBe(204);
        offset = Number(res.headers.get('Upload-Offset'));
      }
      const id = location.split('/').pop()!;
      expect(readFileSync(join(directory, id)).equals(bytes)).toBe(true);
      const row = (await rowOf(id))!;
      expect(row).toMatchObject({ status: 'COMPLETE', detectedType: 'image/jpeg', sha256: sha256(bytes), size: bytes.length, uploadedBytes: bytes.length, draftId: metadata.draftId, documentId: 'KTP', page: 0 });
      expect(row.participantId).toBe((await signInAs(t, demoEmails.siti)).participantId);

      const again = await patchChunk(t, siti, location, bytes.length, Buffer.from('x'));
      expect(again.status).toBe(409);
      expect(await again.json()).toMatchObject({ code: 'UPLOAD_ALREADY_COMPLETE' });
    });
  }

  it.each([
    ['page.jpg', 'image/jpeg'],
    ['page.png', 'image/png'],
    ['page.webp', 'image/webp'],
    ['page.pdf', 'application/pdf'],
  ])('accepts %s by its magic bytes as %s', async (name, type) => {
    const bytes = fixture(name);
    const { id, last } = await uploadInChunks(t, siti, page({ filetype: type }), bytes, 64 * 1024);
    expect(last.status).toBe(204);
    expect(await rowOf(id)).toMatchObject({ status: 'COMPLETE', detectedType: type, sha256: sha256(bytes) });
  });

  it.each([
    ['a Windows program named like a photo', disguisedExe()],
    ['a text file named notes.jpg', fixture('notes-named.jpg')],
  ])('refuses %s once complete, deletes its bytes, and says so on every later request', async (_name, bytes) => {
    const { id, location, last } = await uploadInChunks(t, siti, page({ filetype: 'image/jpeg' }), bytes, 64 * 1024);
    expect(last.status).toBe(415);
    expect(await last.json()).toEqual({ code: 'UPLOAD_TYPE_REFUSED', message: uploadErrors.UPLOAD_TYPE_REFUSED });
    expect(existsSync(join(directory, id))).toBe(false);
    expect(await rowOf(id)).toMatchObject({ status: 'REFUSED', refusalCode: 'UPLOAD_TYPE_REFUSED', sha256: null });
    expect((await headUpload(t, siti, location)).status).toBe(410);
    const patch = await patchChunk(t, siti, location, 0, bytes);
    expect(patch.status).toBe(410);
    expect(await patch.json()).toMatchObject({ code: 'UPLOAD_TYPE_REFUSED' });
  });

  it('takes and checks a whole page sent with the creation (creation-with-upload)', async () => {
    const send = (bytes: Buffer) =>
      t.app.request('/api/uploads', {
        method: 'POST',
        headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': String(bytes.length), 'Upload-Metadata': encodeMetadata(page()), 'Content-Type': 'application/offset+octet-stream', Cookie: siti },
        body: new Uint8Array(bytes),
      });
    const good = await send(fixture('page.webp'));
    expect(good.status).toBe(201);
    expect(good.headers.get('Upload-Offset')).toBe(String(fixture('page.webp').length));
    expect(good.headers.get('Upload-Expires')).toBeNull();
    expect(await rowOf(good.headers.get('Location')!.split('/').pop()!)).toMatchObject({ status: 'COMPLETE', detectedType: 'image/webp' });
    const bad = await send(fixture('notes-named.jpg'));
    expect(bad.status).toBe(415);
    expect(await bad.json()).toMatchObject({ code: 'UPLOAD_TYPE_REFUSED' });
  });

  it('hides one participant\u2019s upload from another: HEAD, PATCH and DELETE answer 404, and the upload is untouched', async () => {
    const bytes = photoSizedJpeg(200 * 1024);
    const created = await createUpload(t, siti, bytes.length, page());
    const location = created.headers.get('Location')!;
    expect((await patchChunk(t, siti, location, 0, bytes.subarray(0, 64 * 1024))).status).toBe(204);

    expect((await headUpload(t, budi, location)).status).toBe(404);
    for (const res of [await patchChunk(t, budi, location, 64 * 1024, bytes.subarray(64 * 1024)), await deleteUpload(t, budi, location)]) {
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ code: 'UPLOAD_NOT_FOUND', message: uploadErrors.UPLOAD_NOT_FOUND });
    }
    const head = await headUpload(t, siti, location);
    expect(head.headers.get('Upload-Offset')).toBe(String(64 * 1024));
    // An id that was never issued looks exactly the same.
    const unknown = await headUpload(t, budi, `/api/uploads/${randomUUID()}`);
    expect(unknown.status).toBe(404);
  });

  it('refuses a page over 2 MB at creation with 413 and an Indonesian message, storing nothing', async () => {
    const before = (await t.database.db.select().from(documentUploads)).length;
    const res = await createUpload(t, siti, MAX_PAGE_BYTES + 1, page());
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: 'UPLOAD_TOO_LARGE', message: uploadErrors.UPLOAD_TOO_LARGE });
    expect((await t.database.db.select().from(documentUploads)).length).toBe(before);
    expect((await createUpload(t, siti, MAX_PAGE_BYTES, page())).status).toBe(201);
  });

  it('a chunk that runs past the declared length is refused', async () => {
    const created = await createUpload(t, siti, 1000, page());
    const res = await patchChunk(t, siti, created.headers.get('Location')!, 0, photoSizedJpeg(2000));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ code: 'UPLOAD_TOO_LARGE' });
  });

  it.each([
    ['an unknown checklist id', { documentId: 'SURAT_CINTA' }, 'documentId'],
    ['page 20', { page: '20' }, 'page'],
    ['a page that is not a number', { page: '1e1' }, 'page'],
    ['a draft id that is not a uuid', { draftId: 'draft-1' }, 'draftId'],
    ['a type the office cannot open', { filetype: 'application/x-msdownload' }, 'filetype'],
  ])('refuses metadata with %s: 400 naming the field', async (_name, overrides, field) => {
    const res = await createUpload(t, siti, 100, page(overrides));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; fields: Record<string, string> };
    expect(body.code).toBe('UPLOAD_METADATA_INVALID');
    expect(Object.keys(body.fields)).toEqual([field]);
  });

  it.each([
    ['no Upload-Length', { 'Upload-Length': '' }, 400, 'UPLOAD_LENGTH_REQUIRED'],
    ['a deferred length', { 'Upload-Defer-Length': '1' }, 400, 'UPLOAD_LENGTH_REQUIRED'],
    ['an empty page', { 'Upload-Length': '0' }, 400, 'UPLOAD_LENGTH_REQUIRED'],
    ['no Tus-Resumable', { 'Tus-Resumable': '' }, 412, 'TUS_VERSION_REQUIRED'],
    ['garbled metadata', { 'Upload-Metadata': 'draftId not base64!!,,' }, 400, 'UPLOAD_METADATA_INVALID'],
  ])('refuses a creation with %s', async (_name, headers, status, code) => {
    const res = await createUpload(t, siti, 100, page(), headers);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ code });
  });

  it('allows 20 pages per claim draft, refuses the 21st, and a retake replaces its page instead of adding one', async () => {
    const draftId = randomUUID();
    const documents = ['KTP', 'KK', 'KPJ', 'BUKU_TABUNGAN'];
    const locations: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await createUpload(t, siti, 100, page({ draftId, documentId: documents[i % 4], page: String(Math.floor(i / 4)) }));
      expect(res.status).toBe(201);
      locations.push(res.headers.get('Location')!);
    }
    const over = await createUpload(t, siti, 100, page({ draftId, documentId: 'NPWP' }));
    expect(over.status).toBe(422);
    expect(await over.json()).toEqual({ code: 'UPLOAD_TOO_MANY_PAGES', message: uploadErrors.UPLOAD_TOO_MANY_PAGES });

    // Retaking KTP page 0 replaces the first upload.
    const retake = await createUpload(t, siti, 100, page({ draftId, documentId: 'KTP', page: '0' }));
    expect(retake.status).toBe(201);
    expect((await headUpload(t, siti, locations[0]!)).status).toBe(404);
    expect(existsSync(join(directory, locations[0]!.split('/').pop()!))).toBe(false);

    // Another participant's draft with the same id is counted on its own.
    expect((await createUpload(t, budi, 100, page({ draftId, documentId: 'NPWP' }))).status).toBe(201);
    // Deleting one page frees a place.
    expect((await deleteUpload(t, siti, locations[5]!)).status).toBe(204);
    expect((await createUpload(t, siti, 100, page({ draftId, documentId: 'NPWP' }))).status).toBe(201);
  });

  it('a page started again while its first upload is still being created keeps no bytes of that first upload', async () => {
    // A phone killed during its first request starts the page over: the second creation replaces
    // the first while tus is still writing the first one's file.
    const metadata = page();
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const creating = new Promise<void>((resolve) => (entered = resolve));
    const create = FileStore.prototype.create;
    const spy = vi.spyOn(FileStore.prototype, 'create').mockImplementationOnce(async function (this: FileStore, upload) {
      entered();
      await held;
      return create.call(this, upload);
    });
    try {
      const first = createUpload(t, siti, 100, metadata);
      await creating;
      const second = await createUpload(t, siti, 100, metadata);
      expect(second.status).toBe(201);
      release();
      const firstId = (await first).headers.get('Location')!.split('/').pop()!;
      const secondId = second.headers.get('Location')!.split('/').pop()!;
      expect(await rowOf(firstId)).toBeUndefined();
      expect([existsSync(join(directory, firstId)), existsSync(join(directory, `${firstId}.json`))]).toEqual([false, false]);
      expect(await rowOf(secondId)).toMatchObject({ status: 'UPLOADING', size: 100 });
      expect(existsSync(join(directory, secondId))).toBe(true);
    } finally {
      release();
      spy.mockRestore();
    }
  });

  it('DELETE removes the participant\u2019s page with its bytes', async () => {
    const bytes = fixture('page.png');
    const { id, location } = await uploadInChunks(t, siti, page({ filetype: 'image/png' }), bytes, 64 * 1024);
    expect(existsSync(join(directory, id))).toBe(true);
    const res = await deleteUpload(t, siti, location);
    expect(res.status).toBe(204);
    expect(existsSync(join(directory, id))).toBe(false);
    expect(await rowOf(id)).toBeUndefined();
    expect((await headUpload(t, siti, location)).status).toBe(404);
  });

  it('refuses PATCH on an unfinished upload past its 7 days with 410, by the app clock', async () => {
    const bytes = photoSizedJpeg(100 * 1024);
    const created = await createUpload(t, siti, bytes.length, page());
    const location = created.headers.get('Location')!;
    expect((await patchChunk(t, siti, location, 0, bytes.subarray(0, 64 * 1024))).status).toBe(204);
    t.clock.advance(7 * 24 * 3600 * 1000);
    const res = await patchChunk(t, siti, location, 64 * 1024, bytes.subarray(64 * 1024));
    expect(res.status).toBe(410);
    expect(await res.json()).toEqual({ code: 'UPLOAD_EXPIRED', message: uploadErrors.UPLOAD_EXPIRED });
    t.clock.advance(-7 * 24 * 3600 * 1000);
  });

  it('refuses a cross-site upload and a GET of the bytes', async () => {
    const crossSite = await createUpload(t, siti, 100, page(), { Origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    const created = await createUpload(t, siti, 100, page());
    const get = await t.app.request(created.headers.get('Location')!, { headers: { Cookie: siti } });
    expect(get.status).toBe(405);
    expect(await get.json()).toMatchObject({ code: 'METHOD_NOT_ALLOWED' });
  });

  it('works over a real socket through @hono/node-server, as in production', async () => {
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const base = `http://localhost:${(server.address() as AddressInfo).port}`;
    try {
      const bytes = photoSizedJpeg(300 * 1024);
      const created = await fetch(`${base}/api/uploads`, { method: 'POST', headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': String(bytes.length), 'Upload-Metadata': encodeMetadata(page()), Cookie: siti } });
      expect(created.status).toBe(201);
      const url = `${base}${created.headers.get('Location')}`;
      let offset = 0;
      while (offset < bytes.length) {
        const chunk = bytes.subarray(offset, offset + 128 * 1024);
        const res = await fetch(url, { method: 'PATCH', headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream', Cookie: siti }, body: new Uint8Array(chunk) });
        expect(res.status).toBe(204);
        offset = Number(res.headers.get('Upload-Offset'));
      }
      const head = await fetch(url, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', Cookie: siti } });
      expect([head.status, head.headers.get('Upload-Offset')]).toEqual([200, String(bytes.length)]);
      const id = url.split('/').pop()!;
      expect(readFileSync(join(directory, id)).equals(bytes)).toBe(true);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('keeps the bytes of a chunk cut off mid-way and resumes from them (real socket)', async () => {
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const port = (server.address() as AddressInfo).port;
    const base = `http://localhost:${port}`;
    try {
      const bytes = photoSizedJpeg(256 * 1024);
      const created = await fetch(`${base}/api/uploads`, { method: 'POST', headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': String(bytes.length), 'Upload-Metadata': encodeMetadata(page()), Cookie: siti } });
      const path = created.headers.get('Location')!;
      const id = path.split('/').pop()!;
      // Announce the whole page in one PATCH, send 100 KB of it, then the connection dies.
      const sent = 100 * 1024;
      await new Promise<void>((resolve) => {
        const request = httpRequest({ host: '127.0.0.1', port, path, method: 'PATCH', headers: { Host: `localhost:${port}`, 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream', 'Content-Length': String(bytes.length), Cookie: siti } });
        request.on('error', () => resolve());
        request.on('close', () => resolve());
        request.write(bytes.subarray(0, sent), () => setImmediate(() => request.destroy()));
      });
      // Bytes still in the server's buffers when the socket died are not kept, and the cut PATCH
      // may still be finishing: the phone asks for the offset and resends from there, and asks
      // again on 409/423, as tus-js-client does.
      const offsets: number[] = [];
      let status = 0;
      for (let attempt = 0; attempt < 20 && status !== 204; attempt++) {
        const head = await fetch(`${base}${path}`, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', Cookie: siti } });
        if (head.status !== 200) continue;
        const offset = Number(head.headers.get('Upload-Offset'));
        offsets.push(offset);
        const rest = await fetch(`${base}${path}`, { method: 'PATCH', headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream', Cookie: siti }, body: new Uint8Array(bytes.subarray(offset)) });
        status = rest.status;
        expect([204, 409, 423]).toContain(status);
      }
      expect(status).toBe(204);
      expect(Math.max(...offsets)).toBeLessThanOrEqual(sent);
      expect(readFileSync(join(directory, id)).equals(bytes)).toBe(true);
      expect(await rowOf(id)).toMatchObject({ status: 'COMPLETE', sha256: sha256(bytes) });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('answers 503 when the last chunk cannot be checked yet, and finishes the check on the next HEAD', async () => {
    const inner = createDocumentStore({ kind: 'file', directory });
    let failReads = 1;
    const flaky: DocumentStore = {
      kind: 'file',
      datastore: inner.datastore,
      read: async (id) => {
        if (failReads-- > 0) throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
        return inner.read(id);
      },
      remove: (id) => inner.remove(id),
    };
    const busy = { ...t, app: createApp({ ...t.deps, documentStore: flaky }) };
    const bytes = fixture('page.png');
    const { id, location, last } = await uploadInChunks(busy, siti, page({ filetype: 'image/png' }), bytes, 64 * 1024);
    expect(last.status).toBe(503);
    expect(last.headers.get('Retry-After')).toBe('5');
    expect(await last.json()).toMatchObject({ code: 'SERVER_BUSY' });
    expect(await rowOf(id)).toMatchObject({ status: 'UPLOADING' });
    const head = await headUpload(busy, siti, location);
    expect([head.status, head.headers.get('Upload-Offset')]).toEqual([200, String(bytes.length)]);
    expect(await rowOf(id)).toMatchObject({ status: 'COMPLETE', detectedType: 'image/png', sha256: sha256(bytes) });
  });

  it('never writes file bytes or the session token to the log', () => {
    const token = siti.split('=')[1]!;
    const text = t.logLines.join('\n');
    expect(text).not.toContain(token);
    expect(text).not.toContain('Ini catatan biasa');
  });
});
