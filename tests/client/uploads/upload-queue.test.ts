import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { openLocalDb, type JmoDb } from '../../../client/data/local-db.ts';
import { addPage, pagesOfDraft } from '../../../client/data/document-pages.ts';
import { createUploadQueue, type UploadProgress } from '../../../client/uploads/upload-queue.ts';
import { MAX_CHUNK, MIN_CHUNK } from '../../../client/uploads/chunk-sizer.ts';
import { startTusTestServer, type TusTestServer } from '../../support/tus-test-server.ts';

/** Incompressible bytes (like a JPEG's), the same every run. */
function photoBytes(size: number, seed: number): Blob {
  const bytes = new Uint8Array(size);
  let state = seed;
  for (let i = 0; i < size; i++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return new Blob([bytes], { type: 'image/webp' });
}

const sha256 = async (data: Blob | Buffer) => createHash('sha256').update(data instanceof Blob ? Buffer.from(await data.arrayBuffer()) : data).digest('hex');

describe('the upload queue against a real tus server', () => {
  let tus: TusTestServer;
  let db: JmoDb;
  let dbName: string;
  beforeEach(async () => {
    tus = await startTusTestServer();
    dbName = `uploads-${crypto.randomUUID()}`;
    db = openLocalDb(dbName);
    await db.open();
  });
  afterEach(async () => {
    db.close();
    await tus.close();
  });

  const photoOf = async (draftId: string, documentId: string, size: number, seed: number) => {
    const blob = photoBytes(size, seed);
    await addPage(db, { draftId, documentId, blob }, Date.now(), () => crypto.randomUUID());
    return blob;
  };

  async function expectStoredIntact(draftId: string, blobs: Blob[]) {
    const pages = await pagesOfDraft(db, draftId);
    expect(pages.map((page) => page.uploadState)).toEqual(blobs.map(() => 'done'));
    for (const [i, page] of pages.entries()) {
      expect(await sha256(await tus.storedBytes(page.uploadUrl!))).toBe(await sha256(blobs[i]!));
    }
    // Finished uploads leave no resume record behind.
    expect(await db.uploadUrls.count()).toBe(0);
  }

  it('sends every page of a draft with its metadata, reporting pages and bytes as it goes', async () => {
    const ktp = await photoOf('d1', 'KTP', 150_000, 1);
    const kk = await photoOf('d1', 'KK', 420_000, 2);
    const events: UploadProgress[] = [];
    const queue = createUploadQueue({ db, endpoint: tus.endpoint, onProgress: (progress) => events.push(progress) });

    expect(await queue.uploadDraft('d1')).toEqual({ complete: true });
    await expectStoredIntact('d1', [kk, ktp]); // listed by document: KK before KTP
    expect(events[0]).toEqual({ draftId: 'd1', pagesDone: 0, pagesTotal: 2, bytesDone: 0, bytesTotal: 570_000 });
    expect(events.at(-1)).toEqual({ draftId: 'd1', pagesDone: 2, pagesTotal: 2, bytesDone: 570_000, bytesTotal: 570_000 });
    const bytes = events.map((event) => event.bytesDone);
    expect(bytes).toEqual([...bytes].sort((a, b) => a - b));
    const [kkPage, ktpPage] = await pagesOfDraft(db, 'd1');
    expect(await tus.storedMetadata(kkPage!.uploadUrl!)).toEqual({ draftId: 'd1', documentId: 'KK', page: '0', filetype: 'image/webp' });
    expect(await tus.storedMetadata(ktpPage!.uploadUrl!)).toEqual({ draftId: 'd1', documentId: 'KTP', page: '0', filetype: 'image/webp' });
    expect(events.some((event) => event.pagesDone === 1 && event.bytesDone === 420_000)).toBe(true);
    // Chunked for a weak link: never a whole photo in one request, never beyond the largest chunk.
    expect(tus.largestChunk).toBeGreaterThanOrEqual(MIN_CHUNK);
    expect(tus.largestChunk).toBeLessThanOrEqual(MAX_CHUNK);
    expect(tus.forwardedBytes).toBe(570_000);

    // Nothing left to send: a second run sends nothing.
    tus.resetCount();
    expect(await queue.uploadDraft('d1')).toEqual({ complete: true });
    expect(tus.forwardedBytes).toBe(0);
  });

  it('after the connection drops mid-upload, resumes from the server offset: at most one chunk more than what was missing', async () => {
    const size = 900_000;
    const letter = await photoOf('d1', 'SURAT_BERHENTI', size, 3);
    const queue = createUploadQueue({ db, endpoint: tus.endpoint, retryDelays: [] });
    tus.cutAfter(size / 2);
    const cut = await queue.uploadDraft('d1');
    expect(cut.complete).toBe(false);
    const [page] = await pagesOfDraft(db, 'd1');
    expect(page?.uploadState).toBe('pending');
    const offsetAtCut = await tus.serverOffset(page!.uploadUrl!);
    expect(offsetAtCut).toBeGreaterThan(0);
    expect(offsetAtCut).toBeLessThan(size);
    const chunkBeforeCut = tus.largestChunk;

    tus.restore();
    tus.resetCount();
    expect(await queue.uploadDraft('d1')).toEqual({ complete: true });
    const missing = size - offsetAtCut;
    expect(tus.forwardedBytes).toBeGreaterThanOrEqual(missing);
    expect(tus.forwardedBytes).toBeLessThanOrEqual(missing + Math.max(chunkBeforeCut, tus.largestChunk));
    await expectStoredIntact('d1', [letter]);
  });

  it('after the app restarts (a new queue on a reopened database), continues from the server offset', async () => {
    const size = 700_000;
    const ktp = await photoOf('d1', 'KTP', 200_000, 4);
    const book = await photoOf('d1', 'BUKU_TABUNGAN', size, 5);
    const before = createUploadQueue({ db, endpoint: tus.endpoint, retryDelays: [] });
    tus.cutAfter(size / 2); // the savings book goes first, and the app dies half-way through it
    expect((await before.uploadDraft('d1')).complete).toBe(false);
    db.close();

    tus.restore();
    tus.resetCount();
    db = openLocalDb(dbName);
    await db.open();
    const [bookPage] = await pagesOfDraft(db, 'd1');
    const offsetAtCut = await tus.serverOffset(bookPage!.uploadUrl!);
    expect(await db.uploadUrls.count()).toBe(1); // the resume record outlived the app
    const after = createUploadQueue({ db, endpoint: tus.endpoint });
    expect(await after.uploadDraft('d1')).toEqual({ complete: true });
    const missing = size - offsetAtCut + 200_000;
    expect(tus.forwardedBytes).toBeGreaterThanOrEqual(missing);
    expect(tus.forwardedBytes).toBeLessThanOrEqual(missing + MAX_CHUNK);
    await expectStoredIntact('d1', [book, ktp]);
  });
});
