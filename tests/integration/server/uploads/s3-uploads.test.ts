import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { startS3StandIn, type S3StandIn } from '../../../support/s3-stand-in.ts';
import { documentUploads } from '../../../../server/db/schema.ts';
import { createDocumentStore, type DocumentStore } from '../../../../server/features/uploads/document-store.ts';
import { removeExpiredUploads } from '../../../../server/features/uploads/document-uploads.ts';
import { loadConfig } from '../../../../server/config.ts';
import { createUpload, deleteUpload, disguisedExe, fixture, headUpload, patchChunk, photoSizedJpeg, uploadInChunks } from './tus-requests.ts';

const DAY = 24 * 3600 * 1000;

describe('tus uploads on S3-compatible storage (s3rver stand-in)', () => {
  let s3: S3StandIn;
  let t: TestApp;
  let store: DocumentStore;
  let siti: string;
  const page = (filetype = 'image/jpeg') => ({ draftId: randomUUID(), documentId: 'KTP', page: '0', filetype });
  const rowOf = async (id: string) => (await t.database.db.select().from(documentUploads).where(eq(documentUploads.id, id)))[0];

  beforeAll(async () => {
    s3 = await startS3StandIn();
    store = createDocumentStore(s3.settings);
    t = await createTestApp({ config: { documentStorage: s3.settings } });
    siti = (await signInAs(t, demoEmails.siti)).cookie;
  });
  afterAll(async () => {
    await t.close();
    await s3.close();
  });

  it('is chosen when every S3_* setting is given, and half a setting stops start-up', () => {
    const env = { S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'docs', S3_ACCESS_KEY_ID: 'id', S3_SECRET_ACCESS_KEY: 'secret', S3_REGION: 'ap-southeast-3' };
    expect(loadConfig(env).documentStorage).toEqual({ kind: 's3', endpoint: 'http://127.0.0.1:9000', bucket: 'docs', region: 'ap-southeast-3', accessKeyId: 'id', secretAccessKey: 'secret' });
    expect(loadConfig({ DATA_DIR: '/tmp/jmo' }).documentStorage).toEqual({ kind: 'file', directory: '/tmp/jmo/uploads' });
    expect(() => loadConfig({ S3_ENDPOINT: 'http://127.0.0.1:9000', S3_BUCKET: 'docs' })).toThrow(/S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY wajib diisi/);
    expect(() => loadConfig({ ...env, S3_ENDPOINT: 'ftp://x' })).toThrow(/S3_ENDPOINT/);
  });

  it('takes a 600 KB page in 64 KB chunks, resumes from HEAD, and the object in the bucket is byte-identical', async () => {
    const bytes = photoSizedJpeg(600 * 1024);
    const created = await createUpload(t, siti, bytes.length, page());
    expect(created.status).toBe(201);
    const location = created.headers.get('Location')!;
    const chunk = 64 * 1024;
    let offset = 0;
    for (let i = 0; i < 3; i++) {
      const res = await patchChunk(t, siti, location, offset, bytes.subarray(offset, offset + chunk));
      expect(res.status).toBe(204);
      offset = Number(res.headers.get('Upload-Offset'));
    }
    const head = await headUpload(t, siti, location);
    expect(head.status).toBe(200);
    expect(head.headers.get('Upload-Offset')).toBe(String(3 * chunk));
    while (offset < bytes.length) {
      const res = await patchChunk(t, siti, location, offset, bytes.subarray(offset, offset + chunk));
      expect(res.status).toBe(204);
      offset = Number(res.headers.get('Upload-Offset'));
    }
    const id = location.split('/').pop()!;
    expect((await store.read(id)).equals(bytes)).toBe(true);
    expect(await rowOf(id)).toMatchObject({ status: 'COMPLETE', detectedType: 'image/jpeg', sha256: createHash('sha256').update(bytes).digest('hex') });
    // A finished upload still answers HEAD with its full length (the multipart upload is gone).
    expect((await headUpload(t, siti, location)).headers.get('Upload-Offset')).toBe(String(bytes.length));
  });

  it('refuses a disguised program by its magic bytes and removes it from the bucket', async () => {
    const { id, last } = await uploadInChunks(t, siti, page(), disguisedExe(), 64 * 1024);
    expect(last.status).toBe(415);
    expect(await last.json()).toMatchObject({ code: 'UPLOAD_TYPE_REFUSED' });
    await expect(store.read(id)).rejects.toThrow();
  });

  it('DELETE removes a finished page from the bucket', async () => {
    const { id, location } = await uploadInChunks(t, siti, page('application/pdf'), fixture('page.pdf'), 64 * 1024);
    expect((await store.read(id)).length).toBe(fixture('page.pdf').length);
    expect((await deleteUpload(t, siti, location)).status).toBe(204);
    await expect(store.read(id)).rejects.toThrow();
    expect(await rowOf(id)).toBeUndefined();
  });

  it('the expiry cleanup removes an unfinished upload\u2019s parts and its row', async () => {
    const bytes = photoSizedJpeg(200 * 1024);
    const created = await createUpload(t, siti, bytes.length, page());
    const location = created.headers.get('Location')!;
    expect((await patchChunk(t, siti, location, 0, bytes.subarray(0, 64 * 1024))).status).toBe(204);
    const id = location.split('/').pop()!;
    await removeExpiredUploads({ db: t.database.db, store, clock: { now: () => new Date(t.clock.now().getTime() + 7 * DAY) } });
    expect(await rowOf(id)).toBeUndefined();
    expect((await headUpload(t, siti, location)).status).toBe(404);
    await expect(store.datastore.getUpload(id)).rejects.toMatchObject({ status_code: 404 });
  });
});
