import { describe, expect, it } from 'vitest';
import { openLocalDb, type JmoDb } from '../../../client/data/local-db.ts';
import { openDeviceDb } from '../../../client/data/device-db.ts';
import { writeDataSaverChoice } from '../../../client/data/data-saver.ts';
import { readUploadConditions } from '../../../client/data/upload-settings.ts';
import { addPage, FrozenDraftError, pagesOfDraft, removePage, retakePage } from '../../../client/data/document-pages.ts';
import { saveClaimDraft } from '../../../client/features/claims/claim-drafts.ts';
import {
  askToUploadNow,
  createClaimUploadStage,
  createSyncWithUploads,
  queueClaimAfterUploads,
  queueResubmitAfterUploads,
  readUploadWifiOnly,
  settleClaimAndFreePages,
  uploadIdOf,
  writeUploadWifiOnly,
  type ClaimArgsWithoutDocuments,
  type ClaimUploadStage,
} from '../../../client/uploads/claim-uploads.ts';
import type { SyncOutcome } from '../../../client/sync/sync-engine.ts';

const uuid = () => crypto.randomUUID();
const claimArgs = (draftId: string): ClaimArgsWithoutDocuments => ({
  type: 'JHT_FULL',
  draftId,
  kpj: '99000000001',
  cause: 'PHK',
  bankAccount: { bankCode: '009', number: '0123456789', holderName: 'DEWI LESTARI' },
  documentsConfirmed: ['KTP'],
});

async function phoneWithDraft(): Promise<{ db: JmoDb; draftId: string }> {
  const db = openLocalDb(`claim-uploads-${uuid()}`);
  const draftId = uuid();
  await db.drafts.add({ id: draftId, kind: 'claim', state: 'editing', data: { type: 'JHT_FULL' }, step: 5, createdAt: 1, updatedAt: 1 });
  return { db, draftId };
}

const photo = (bytes: number) => new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' });

/** Marks a page as the upload queue leaves it once the server holds it. */
const markUploaded = (db: JmoDb, pageId: string, uploadId = uuid()) =>
  db.documentPages.update(pageId, { uploadState: 'done', uploadUrl: `http://localhost/api/uploads/${uploadId}`, uploadedBytes: 1 }).then(() => uploadId);

describe('"Kirim" on a claim with document pages', () => {
  it('freezes the draft in uploading with the mutation it becomes; nothing in the outbox; answers and pages can no longer change', async () => {
    const { db, draftId } = await phoneWithDraft();
    const ktp = await addPage(db, { draftId, documentId: 'KTP', blob: photo(1_000) }, 2, uuid);
    await addPage(db, { draftId, documentId: 'KK', blob: photo(3_000) }, 2, uuid);

    expect(await queueClaimAfterUploads(db, { draftId, args: { ...claimArgs(draftId), documents: ['stale'] } as unknown as ClaimArgsWithoutDocuments, label: 'JHT penuh' }, 10)).toBe('uploading');
    const draft = (await db.drafts.get(draftId))!;
    expect(draft).toMatchObject({ state: 'uploading', updatedAt: 10, upload: { state: 'uploading', pagesDone: 0, pagesTotal: 2, bytesDone: 0, bytesTotal: 4_000, updatedAt: 10 } });
    expect(draft.pendingMutation).toEqual({ name: 'claim.submit', args: claimArgs(draftId), label: 'JHT penuh' });
    expect(await db.outbox.count()).toBe(0);

    await saveClaimDraft(db, draftId, { step: 0 }, 11);
    expect((await db.drafts.get(draftId))!.step).toBe(5);
    await expect(addPage(db, { draftId, documentId: 'KTP', blob: photo(10) }, 12, uuid)).rejects.toBeInstanceOf(FrozenDraftError);
    await expect(retakePage(db, ktp, photo(10), 12, uuid)).rejects.toBeInstanceOf(FrozenDraftError);
    await expect(removePage(db, ktp)).rejects.toBeInstanceOf(FrozenDraftError);
    expect(await pagesOfDraft(db, draftId)).toHaveLength(2);

    // A second tap changes nothing.
    expect(await queueClaimAfterUploads(db, { draftId, args: claimArgs(draftId), label: 'JHT penuh' }, 13)).toBe('uploading');
    expect((await db.drafts.get(draftId))!.updatedAt).toBe(10);
  });

  it('queues claim.submit at once, naming the upload ids, when every page is already on the server', async () => {
    const { db, draftId } = await phoneWithDraft();
    const page = await addPage(db, { draftId, documentId: 'KTP', blob: photo(1_000) }, 2, uuid);
    const uploadId = await markUploaded(db, page);
    expect(await queueClaimAfterUploads(db, { draftId, args: claimArgs(draftId), label: 'JHT penuh' }, 10)).toBe('queued');
    const [row] = await db.outbox.toArray();
    expect(row).toMatchObject({ name: 'claim.submit', draftId, label: 'JHT penuh', args: { ...claimArgs(draftId), documents: [uploadId] } });
    const queued = (await db.drafts.get(draftId))!;
    expect(queued.state).toBe('queued');
    expect(queued.pendingMutation).toBeUndefined();
    expect(uploadIdOf(`http://localhost/api/uploads/${uploadId}`)).toBe(uploadId);
    expect(uploadIdOf(`/api/uploads/${uploadId}`)).toBe(uploadId);
  });

  it('a correction waits for its pages under its own draft (made here when the form kept none), then becomes claim.resubmit', async () => {
    const db = openLocalDb(`claim-uploads-${uuid()}`);
    const draftId = uuid();
    const page = await addPage(db, { draftId, documentId: 'BUKU_TABUNGAN', blob: photo(500) }, 1, uuid);
    const args = { note: 'Buku tabungan sudah difoto ulang.', documentsConfirmed: ['BUKU_TABUNGAN'] };
    expect(await queueResubmitAfterUploads(db, { draftId, claimNo: 'KLM-202611-000001', args, label: 'Perbaikan klaim', returnedEventKey: 'ev-9' }, 5)).toBe('uploading');
    expect(await db.drafts.get(draftId)).toMatchObject({
      kind: 'claim-fix',
      state: 'uploading',
      data: { claimNo: 'KLM-202611-000001', returnedEventKey: 'ev-9' },
      pendingMutation: { name: 'claim.resubmit', args: { ...args, claimNo: 'KLM-202611-000001' }, label: 'Perbaikan klaim' },
    });

    const uploadId = await markUploaded(db, page);
    const stage = createClaimUploadStage({ db, conditions: async () => ({ online: true, dataSaver: false, wifiOnly: false }), now: () => 9, httpStack: unreachableStack() });
    expect(await stage.run()).toEqual({ queued: 1, waiting: 0, retry: false });
    expect((await db.outbox.toArray()).map((row) => [row.name, row.args])).toEqual([['claim.resubmit', { ...args, claimNo: 'KLM-202611-000001', documents: [uploadId] }]]);
    // Run again (another worker): never queued twice.
    expect(await stage.run()).toEqual({ queued: 0, waiting: 0, retry: false });
    expect(await db.outbox.count()).toBe(1);
  });

  it('"unggah sekarang" is kept on a waiting draft only, beside its progress', async () => {
    const { db, draftId } = await phoneWithDraft();
    await askToUploadNow(db, draftId);
    expect((await db.drafts.get(draftId))!.upload).toBeUndefined();
    await addPage(db, { draftId, documentId: 'KTP', blob: photo(1_000) }, 2, uuid);
    await queueClaimAfterUploads(db, { draftId, args: claimArgs(draftId), label: 'JHT' }, 3);
    await askToUploadNow(db, draftId);
    expect((await db.drafts.get(draftId))!.upload).toMatchObject({ userAsked: true, state: 'uploading' });
    // A status written by the stage keeps it.
    const stage = createClaimUploadStage({ db, conditions: async () => ({ online: false, dataSaver: true, wifiOnly: false }), now: () => 4, httpStack: unreachableStack() });
    expect(await stage.run()).toEqual({ queued: 0, waiting: 1, retry: false });
    expect((await db.drafts.get(draftId))!.upload).toMatchObject({ userAsked: true, state: 'offline', updatedAt: 4 });
  });
});

/** A network that never answers: a test that reaches it fails loudly. */
function unreachableStack() {
  return {
    getName: () => 'unreachable',
    createRequest(): never {
      throw new Error('no request was expected');
    },
  };
}

describe('upload settings and conditions', () => {
  it('keeps the Wi-Fi-only choice on the device; reads the connection type, data saver and online state', async () => {
    const device = openDeviceDb(`device-${uuid()}`);
    expect(await readUploadWifiOnly(device)).toBe(false);
    await writeUploadWifiOnly(device, true);
    expect(await readUploadWifiOnly(device)).toBe(true);
    await writeDataSaverChoice(device, 'on');
    expect(await readUploadConditions(device, { onLine: true, connection: { type: 'cellular' } })).toEqual({ online: true, dataSaver: true, wifiOnly: true, connectionType: 'cellular' });
    await writeDataSaverChoice(device, 'off');
    expect(await readUploadConditions(device, { onLine: false })).toEqual({ online: false, dataSaver: false, wifiOnly: true });
  });
});

describe('the sync with its upload stage', () => {
  const ok: SyncOutcome = { kind: 'ok', pushed: 0, rejected: 0, pulled: 'unchanged', newNotifications: [] };
  const fakeStage = (outcomes: { queued: number; waiting: number; retry: boolean }[]) => {
    const calls = { run: 0, markOffline: 0 };
    const stage = {
      run: async () => (calls.run++, outcomes.shift() ?? { queued: 0, waiting: 0, retry: false }),
      markOffline: async () => void calls.markOffline++,
      stop: async () => undefined,
    } as ClaimUploadStage;
    return { stage, calls };
  };

  it('offline: the photos are marked waiting and the stage does not run', async () => {
    const { stage, calls } = fakeStage([]);
    const withUploads = createSyncWithUploads({ sync: async () => ({ kind: 'offline' }), stage, random: () => 0.5 });
    expect(await withUploads.sync()).toEqual({ kind: 'offline' });
    expect(await withUploads.uploadsSettled()).toEqual({ queued: 0, waiting: 0, retry: false });
    expect(calls).toEqual({ run: 0, markOffline: 1 });
  });

  it('pushes again after a run that queued a claim, and retries a failed run after a backoff on its own timer', async () => {
    const { stage, calls } = fakeStage([{ queued: 1, waiting: 0, retry: false }, { queued: 0, waiting: 1, retry: true }, { queued: 1, waiting: 0, retry: false }]);
    let syncs = 0;
    const timers: { ms: number; callback: () => void }[] = [];
    const withUploads = createSyncWithUploads({ sync: async () => (syncs++, ok), stage, random: () => 0.5, setTimer: (callback, ms) => timers.push({ callback, ms }) });
    await withUploads.sync();
    expect(await withUploads.uploadsSettled()).toEqual({ queued: 1, waiting: 0, retry: false });
    expect(syncs).toBe(2); // the sync, then the push of the queued claim

    await withUploads.sync();
    expect(await withUploads.uploadsSettled()).toEqual({ queued: 0, waiting: 1, retry: true });
    expect(timers).toHaveLength(1);
    expect(timers[0]!.ms).toBe(1_000); // half of the first backoff ceiling (random 0.5)
    timers[0]!.callback();
    expect(await withUploads.uploadsSettled()).toEqual({ queued: 1, waiting: 0, retry: false });
    expect(calls.run).toBe(3);
    expect(timers).toHaveLength(1);
  });
});

describe('the claim’s answer frees its photos', () => {
  it('deletes the pages and resume records of an applied claim, keeps those of a refused one', async () => {
    const db = openLocalDb(`claim-uploads-${uuid()}`);
    for (const id of ['applied', 'refused']) {
      await db.drafts.add({ id, kind: 'claim', state: 'editing', data: {}, step: 0, createdAt: 1, updatedAt: 1 });
      const page = await addPage(db, { draftId: id, documentId: 'KTP', blob: photo(10) }, 1, uuid);
      await db.drafts.update(id, { state: 'queued' });
      await db.uploadUrls.put({ key: `jmo-page:${page}::x`, fingerprint: `jmo-page:${page}`, upload: { size: 10, metadata: {}, creationTime: '', uploadUrl: null, parallelUploadUrls: null } });
    }
    const settle = (draftId: string, status: 'applied' | 'rejected') =>
      db.transaction('rw', [db.drafts, db.documentPages, db.uploadUrls], () =>
        settleClaimAndFreePages.settle(db, { id: 1, name: 'claim.submit', args: {}, createdAt: 1, label: 'JHT', draftId }, status === 'applied' ? { id: 1, status, ref: 'KLM-1' } : { id: 1, status, code: 'X', message: 'Tidak.' }, 5),
      );
    await settle('applied', 'applied');
    await settle('refused', 'rejected');
    expect(await db.drafts.get('applied')).toMatchObject({ state: 'sent', resultRef: 'KLM-1' });
    expect(await db.drafts.get('refused')).toMatchObject({ state: 'rejected' });
    expect((await db.documentPages.toArray()).map((page) => page.draftId)).toEqual(['refused']);
    expect(await db.uploadUrls.count()).toBe(1);
  });
});
