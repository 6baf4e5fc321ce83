import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { documentUploads } from '../../../../server/db/schema.ts';
import { createDocumentStore, type DocumentStore } from '../../../../server/features/uploads/document-store.ts';
import { removeExpiredUploads, startUploadCleanup } from '../../../../server/features/uploads/document-uploads.ts';
import { createUpload, disguisedExe, fixture, patchChunk, uploadInChunks } from './tus-requests.ts';

const DAY = 24 * 3600 * 1000;

describe('document upload expiry cleanup', () => {
  let t: TestApp;
  let directory: string;
  let store: DocumentStore;
  let siti: { cookie: string; participantId: number };
  const meta = (draftId: string, documentId: string, page = 0, filetype = 'image/jpeg') => ({ draftId, documentId, page: String(page), filetype });
  const rowOf = async (id: string) => (await t.database.db.select().from(documentUploads).where(eq(documentUploads.id, id)))[0];

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'jmo-uploads-service-'));
    store = createDocumentStore({ kind: 'file', directory });
    t = await createTestApp({ config: { documentStorage: { kind: 'file', directory } } });
    siti = await signInAs(t, demoEmails.siti);
  });
  afterAll(async () => {
    await t.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('removes unfinished uploads and their bytes exactly when 7 days have passed on the app clock, keeping finished pages', async () => {
    const draftId = randomUUID();
    const unfinished = await createUpload(t, siti.cookie, 200 * 1024, meta(draftId, 'KTP', 0));
    const unfinishedId = unfinished.headers.get('Location')!.split('/').pop()!;
    expect((await patchChunk(t, siti.cookie, unfinished.headers.get('Location')!, 0, fixture('page.jpg'))).status).toBe(204);
    const finished = await uploadInChunks(t, siti.cookie, meta(draftId, 'KK', 0), fixture('page.jpg'), 64 * 1024);
    const refused = await uploadInChunks(t, siti.cookie, meta(draftId, 'KPJ', 0), disguisedExe(), 64 * 1024);
    expect(existsSync(join(directory, unfinishedId))).toBe(true);

    const cleanupClock = { now: () => new Date(t.clock.now().getTime() + 7 * DAY - 1) };
    await removeExpiredUploads({ db: t.database.db, store, clock: cleanupClock });
    expect(await rowOf(unfinishedId)).toBeDefined();
    expect(existsSync(join(directory, unfinishedId))).toBe(true);

    const weekLater = { now: () => new Date(t.clock.now().getTime() + 7 * DAY) };
    expect(await removeExpiredUploads({ db: t.database.db, store, clock: weekLater })).toBeGreaterThanOrEqual(2);
    expect(await rowOf(unfinishedId)).toBeUndefined();
    expect(existsSync(join(directory, unfinishedId))).toBe(false);
    expect(existsSync(join(directory, `${unfinishedId}.json`))).toBe(false);
    expect(await rowOf(refused.id)).toBeUndefined();
    expect(await rowOf(finished.id)).toMatchObject({ status: 'COMPLETE' });
    expect(existsSync(join(directory, finished.id))).toBe(true);
  });

  it('the periodic job runs a round at start on the given clock and stops when asked', async () => {
    const created = await createUpload(t, siti.cookie, 1000, meta(randomUUID(), 'KTP', 0));
    const id = created.headers.get('Location')!.split('/').pop()!;
    const log = { info: vi.fn(), warn: vi.fn() };
    const stop = startUploadCleanup({ db: t.database.db, store, clock: { now: () => new Date(t.clock.now().getTime() + 8 * DAY) }, log: log as never }, 3_600_000);
    await vi.waitFor(async () => expect(await rowOf(id)).toBeUndefined(), { timeout: 30_000, interval: 100 });
    stop();
    expect(log.warn).not.toHaveBeenCalled();
    expect(log.info).toHaveBeenCalledWith(expect.objectContaining({ removed: expect.any(Number) }), 'expired document uploads removed');
  });
});
