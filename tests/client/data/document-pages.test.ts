import { afterEach, describe, expect, it } from 'vitest';
import type { JmoDb } from '../../../client/data/local-db.ts';
import { isQuotaError } from '../../../client/data/storage-quota.ts';
import {
  addPage,
  deletePagesOfDraft,
  pagesOfDraft,
  removePage,
  retakePage,
  uploadFingerprint,
} from '../../../client/data/document-pages.ts';
import { freshLocalDb } from '../support/local-rows.ts';
import { fillThePhone } from '../support/fill-the-phone.ts';

const photo = (text: string) => new Blob([text], { type: 'image/webp' });
const uuid = () => crypto.randomUUID();
const summary = async (db: JmoDb, draftId: string) =>
  Promise.all((await pagesOfDraft(db, draftId)).map(async (page) => `${page.documentId}#${page.index}:${await page.blob.text()}`));

async function resumeRecord(db: JmoDb, pageId: string) {
  await db.uploadUrls.add({
    key: `${uploadFingerprint(pageId)}::1`,
    fingerprint: uploadFingerprint(pageId),
    upload: { size: 5, metadata: {}, creationTime: 'now', uploadUrl: 'http://x/api/uploads/1', parallelUploadUrls: null },
  });
}

describe('document pages on the phone', () => {
  let db: JmoDb;
  let freeSpace: (() => void) | undefined;
  afterEach(() => {
    freeSpace?.();
    freeSpace = undefined;
    db?.close();
  });

  it('adds pages in order per document, lists them by document, and keeps the Blob with its size and type', async () => {
    db = await freshLocalDb();
    await addPage(db, { draftId: 'd1', documentId: 'KTP', blob: photo('ktp-0') }, 1, uuid);
    await addPage(db, { draftId: 'd1', documentId: 'KK', blob: photo('kk-0') }, 2, uuid);
    const second = await addPage(db, { draftId: 'd1', documentId: 'KK', blob: photo('kk-1') }, 3, uuid);
    await addPage(db, { draftId: 'd2', documentId: 'KK', blob: photo('other-draft') }, 4, uuid);
    expect(await summary(db, 'd1')).toEqual(['KK#0:kk-0', 'KK#1:kk-1', 'KTP#0:ktp-0']);
    expect(await db.documentPages.get(second)).toMatchObject({ size: 4, type: 'image/webp', uploadState: 'pending', uploadedBytes: 0, createdAt: 3 });
  });

  it('retakes a page in its place under a new id, dropping the old photo and its resume record', async () => {
    db = await freshLocalDb();
    await addPage(db, { draftId: 'd1', documentId: 'KK', blob: photo('kk-0') }, 1, uuid);
    const blurred = await addPage(db, { draftId: 'd1', documentId: 'KK', blob: photo('blurred') }, 2, uuid);
    await addPage(db, { draftId: 'd1', documentId: 'KK', blob: photo('kk-2') }, 3, uuid);
    await db.documentPages.update(blurred, { uploadState: 'done', uploadedBytes: 7, uploadUrl: 'http://x/api/uploads/1' });
    await resumeRecord(db, blurred);

    const sharp = await retakePage(db, blurred, photo('sharp'), 5, uuid);
    expect(sharp).not.toBe(blurred);
    expect(await summary(db, 'd1')).toEqual(['KK#0:kk-0', 'KK#1:sharp', 'KK#2:kk-2']);
    const retaken = await db.documentPages.get(sharp);
    expect(retaken).toMatchObject({ uploadState: 'pending', uploadedBytes: 0, createdAt: 5 });
    expect(retaken?.uploadUrl).toBeUndefined();
    expect(await db.documentPages.get(blurred)).toBeUndefined();
    expect(await db.uploadUrls.count()).toBe(0);
  });

  it('removes a page and renumbers the later ones without a gap', async () => {
    db = await freshLocalDb();
    const ids: string[] = [];
    for (const text of ['a', 'b', 'c']) ids.push(await addPage(db, { draftId: 'd1', documentId: 'SURAT_BERHENTI', blob: photo(text) }, 1, uuid));
    await addPage(db, { draftId: 'd1', documentId: 'KTP', blob: photo('ktp') }, 1, uuid);
    await resumeRecord(db, ids[0]!);
    await removePage(db, ids[0]!);
    expect(await summary(db, 'd1')).toEqual(['KTP#0:ktp', 'SURAT_BERHENTI#0:b', 'SURAT_BERHENTI#1:c']);
    expect(await db.uploadUrls.count()).toBe(0);
    // A page added afterwards goes at the end, not over an existing index.
    await addPage(db, { draftId: 'd1', documentId: 'SURAT_BERHENTI', blob: photo('d') }, 2, uuid);
    expect(await summary(db, 'd1')).toEqual(['KTP#0:ktp', 'SURAT_BERHENTI#0:b', 'SURAT_BERHENTI#1:c', 'SURAT_BERHENTI#2:d']);
  });

  it('deletes all pages of one draft and only those', async () => {
    db = await freshLocalDb();
    const page = await addPage(db, { draftId: 'd1', documentId: 'KTP', blob: photo('1') }, 1, uuid);
    await addPage(db, { draftId: 'd2', documentId: 'KTP', blob: photo('2') }, 1, uuid);
    await resumeRecord(db, page);
    await deletePagesOfDraft(db, 'd1');
    expect(await summary(db, 'd1')).toEqual([]);
    expect(await summary(db, 'd2')).toEqual(['KTP#0:2']);
    expect(await db.uploadUrls.count()).toBe(0);
  });

  it('a full phone refuses the new photo with a quota error and keeps every page as it was', async () => {
    db = await freshLocalDb();
    const first = await addPage(db, { draftId: 'd1', documentId: 'KTP', blob: photo('ktp-0') }, 1, uuid);
    freeSpace = fillThePhone();
    const failures = await Promise.all([
      addPage(db, { draftId: 'd1', documentId: 'KTP', blob: photo('ktp-1') }, 2, uuid).catch((error: unknown) => error),
      retakePage(db, first, photo('retake'), 2, uuid).catch((error: unknown) => error),
    ]);
    for (const failure of failures) expect(isQuotaError(failure), String(failure)).toBe(true);
    expect(await summary(db, 'd1')).toEqual(['KTP#0:ktp-0']);
    expect((await db.documentPages.get(first))?.id).toBe(first);
  });
});
