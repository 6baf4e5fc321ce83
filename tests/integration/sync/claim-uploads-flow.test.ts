import { describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { signedInApp } from '../../support/signed-in-app.ts';
import { demoEmails } from '../../support/test-session.ts';
import { createPhone, type PhoneHarness } from '../../support/sync-harness.ts';
import { requiredFor } from '../../support/claim-documents.ts';
import { claims, documentUploads } from '../../../server/db/schema.ts';
import { openClaimDraft, saveClaimDraft } from '../../../client/features/claims/claim-drafts.ts';
import { buildClaimArgs, type ClaimDraftData } from '../../../client/features/claims/claim-draft-model.ts';
import { addPage, pagesOfDraft } from '../../../client/data/document-pages.ts';
import { queueMutation } from '../../../client/sync/outbox.ts';
import { askToUploadNow, queueClaimAfterUploads, uploadIdOf } from '../../../client/uploads/claim-uploads.ts';
import { goodConditions, photoPage, uploadNetwork, uploadSide } from './upload-phone.ts';

const sha256 = async (blob: Blob) => createHash('sha256').update(Buffer.from(await blob.arrayBuffer())).digest('hex');

describe('a claim with document photos, from "Kirim" to the office', () => {
  const dewi = signedInApp(demoEmails.dewi);

  /**
   * Dewi's JHT claim after a lay-off, with one page per required document (the savings book
   * with two), frozen by "Kirim" while still offline. Returns what a test needs to follow it.
   */
  async function sentClaimWithPhotos(phone: PhoneHarness, options: { pageBytes?: number; badPageOf?: string } = {}) {
    await phone.engine.sync();
    const kpj = (await phone.db.memberships.toArray())[0]!.kpj;
    const draftId = await openClaimDraft(phone.db, 'JHT_FULL', [kpj], 1, randomUUID);
    const { documentIds } = await requiredFor(dewi.t.database.db, { type: 'JHT_FULL', cause: 'PHK', kpj });
    const data: ClaimDraftData = { type: 'JHT_FULL', kpj, cause: 'PHK', bankAccount: { bankCode: '009', number: '0123456789', holderName: 'DEWI LESTARI' }, documentsConfirmed: documentIds };
    await saveClaimDraft(phone.db, draftId, { data, step: 5 }, 2);
    const blobs = new Map<string, Blob>();
    for (const [i, documentId] of [...documentIds, 'BUKU_TABUNGAN'].entries()) {
      const blob = documentId === options.badPageOf ? new Blob(['bukan foto, hanya teks'.repeat(20)], { type: 'image/jpeg' }) : photoPage((options.pageBytes ?? 90_000) + i * 1_000);
      const pageId = await addPage(phone.db, { draftId, documentId, blob }, 3, randomUUID);
      blobs.set(pageId, blob);
    }
    const built = buildClaimArgs(draftId, data);
    if (!built.ok) throw new Error(`draft should be complete: ${JSON.stringify(built.errors)}`);
    expect(await queueClaimAfterUploads(phone.db, { draftId, args: built.args, label: 'JHT penuh' }, 4)).toBe('uploading');
    return { draftId, documentIds, blobs };
  }

  const claimsOf = (draftId: string) => dewi.t.database.db.select().from(claims).where(eq(claims.draftId, draftId));
  const outboxNames = async (phone: PhoneHarness) => (await phone.db.outbox.orderBy('id').toArray()).map((row) => row.name);

  it('sends every page, then queues claim.submit once naming them; the claim is applied once with its pages, byte-identical', async () => {
    const phone = createPhone(dewi.t, dewi.cookie);
    const { draftId, blobs } = await sentClaimWithPhotos(phone);
    // Frozen: the outbox holds nothing until the pages are up.
    expect(await phone.db.outbox.count()).toBe(0);
    const pages = await pagesOfDraft(phone.db, draftId);
    const totalBytes = pages.reduce((sum, page) => sum + page.size, 0);
    expect((await phone.db.drafts.get(draftId))!.upload).toMatchObject({ state: 'uploading', pagesDone: 0, pagesTotal: pages.length, bytesDone: 0, bytesTotal: totalBytes });

    const { net, httpStack } = uploadNetwork(dewi.t, dewi.cookie);
    const { worker } = uploadSide(dewi.t, phone, httpStack, goodConditions());
    expect(await worker.sync()).toMatchObject({ kind: 'ok' });
    expect(await worker.uploadsSettled()).toEqual({ queued: 1, waiting: 0, retry: false });

    const draft = (await phone.db.drafts.get(draftId))!;
    expect(draft.state).toBe('sent');
    expect(draft.upload).toMatchObject({ pagesDone: pages.length, pagesTotal: pages.length, bytesDone: totalBytes, bytesTotal: totalBytes });
    expect(draft.pendingMutation).toBeUndefined();
    const [claim, ...more] = await claimsOf(draftId);
    expect(more).toHaveLength(0);
    expect(draft.resultRef).toBe(claim!.claimNo);
    // The claim names exactly the phone's pages, each stored as the phone had it.
    const rows = await dewi.t.database.db.select().from(documentUploads).where(eq(documentUploads.claimId, claim!.id));
    expect(rows).toHaveLength(pages.length);
    for (const page of pages) {
      const row = rows.find((candidate) => candidate.documentId === page.documentId && candidate.page === page.index)!;
      expect(row).toMatchObject({ status: 'COMPLETE' });
      expect(row.sha256).toBe(await sha256(blobs.get(page.id)!));
    }
    // Each page went up once: no byte sent twice on a good link.
    expect(net.patchedBytes).toBe(totalBytes);
    // Delivered: the photos leave the phone, with their resume records.
    expect(await phone.db.documentPages.where('draftId').equals(draftId).count()).toBe(0);
    expect(await phone.db.uploadUrls.count()).toBe(0);
    expect(await phone.db.results.where('draftId').equals(draftId).toArray()).toEqual([expect.objectContaining({ name: 'claim.submit', status: 'applied' })]);

    // Nothing more to do: another sync neither uploads nor queues.
    const before = net.requests.length;
    await worker.sync();
    expect(await worker.uploadsSettled()).toEqual({ queued: 0, waiting: 0, retry: false });
    expect(net.requests.length).toBe(before);
    expect(await claimsOf(draftId)).toHaveLength(1);
  });

  it('waits offline, for Wi-Fi on mobile data, and under data saver until the participant asks; sends nothing meanwhile', async () => {
    const phone = createPhone(dewi.t, dewi.cookie);
    const { draftId } = await sentClaimWithPhotos(phone);
    const { net, httpStack } = uploadNetwork(dewi.t, dewi.cookie);
    const conditions = { ...goodConditions(), online: false };
    const { worker } = uploadSide(dewi.t, phone, httpStack, conditions);
    const stateOf = async () => (await phone.db.drafts.get(draftId))!.upload!.state;

    await worker.sync();
    expect(await worker.uploadsSettled()).toEqual({ queued: 0, waiting: 1, retry: false });
    expect(await stateOf()).toBe('offline');

    Object.assign(conditions, { online: true, wifiOnly: true, connectionType: 'cellular' });
    await worker.sync();
    expect(await worker.uploadsSettled()).toEqual({ queued: 0, waiting: 1, retry: false });
    expect(await stateOf()).toBe('waiting-for-wifi');

    Object.assign(conditions, { wifiOnly: false, dataSaver: true });
    await worker.sync();
    expect(await worker.uploadsSettled()).toEqual({ queued: 0, waiting: 1, retry: false });
    expect(await stateOf()).toBe('data-saver');
    expect(net.requests).toEqual([]);
    expect(await phone.db.outbox.count()).toBe(0);

    await askToUploadNow(phone.db, draftId);
    await worker.sync();
    expect(await worker.uploadsSettled()).toEqual({ queued: 1, waiting: 0, retry: false });
    expect((await phone.db.drafts.get(draftId))!.state).toBe('sent');
    expect(await claimsOf(draftId)).toHaveLength(1);
  });

  it('a stage killed mid-way (a new engine and stage on the reopened database) resumes from the server offset and still queues once', async () => {
    const phone = createPhone(dewi.t, dewi.cookie);
    const { draftId } = await sentClaimWithPhotos(phone, { pageBytes: 200_000 });
    const pages = await pagesOfDraft(phone.db, draftId);
    const totalBytes = pages.reduce((sum, page) => sum + page.size, 0);
    const { net, httpStack } = uploadNetwork(dewi.t, dewi.cookie);

    // The third chunk reaches the server but its answer never comes back: the app dies there.
    let patches = 0;
    net.beforeRequest = async (method) => {
      if (method === 'PATCH' && ++patches === 3) net.fault = 'answer-lost';
    };
    const first = uploadSide(dewi.t, phone, httpStack, goodConditions());
    await first.worker.sync();
    expect(await first.worker.uploadsSettled()).toMatchObject({ queued: 0, retry: true });
    expect((await phone.db.drafts.get(draftId))!.upload!.state).toBe('retrying');
    expect(await phone.db.outbox.count()).toBe(0);

    net.fault = 'none';
    net.beforeRequest = null;
    phone.db.close();
    await phone.db.open();
    phone.restartEngine();
    const second = uploadSide(dewi.t, phone, httpStack, goodConditions());
    await second.worker.sync();
    expect(await second.worker.uploadsSettled()).toEqual({ queued: 1, waiting: 0, retry: false });

    // The lost chunk was stored by the server; HEAD told the phone so, and it was not sent again.
    expect(net.patchedBytes).toBe(totalBytes);
    expect(net.requests.filter((request) => request.method === 'HEAD')).toHaveLength(1);
    expect(await claimsOf(draftId)).toHaveLength(1);
    expect((await phone.db.drafts.get(draftId))!.state).toBe('sent');
  });

  it('a chunk that reached the server twice (409 offset mismatch) is resumed from HEAD within the run; no byte is stored twice', async () => {
    const phone = createPhone(dewi.t, dewi.cookie);
    const { draftId } = await sentClaimWithPhotos(phone, { pageBytes: 150_000 });
    const pages = await pagesOfDraft(phone.db, draftId);
    const totalBytes = pages.reduce((sum, page) => sum + page.size, 0);
    const { net, httpStack } = uploadNetwork(dewi.t, dewi.cookie);
    let patches = 0;
    net.beforeRequest = async (method) => {
      net.fault = method === 'PATCH' && ++patches === 2 ? 'duplicate-send' : 'none';
    };
    // tus-js-client's own retry (one, at once) is what turns the 409 into a HEAD and a resume.
    const { worker } = uploadSide(dewi.t, phone, httpStack, goodConditions(), { retryDelays: [0] });
    await worker.sync();
    expect(await worker.uploadsSettled()).toEqual({ queued: 1, waiting: 0, retry: false });

    expect(net.requests.filter((request) => request.status === 409)).toHaveLength(1);
    expect(net.requests.filter((request) => request.method === 'HEAD')).toHaveLength(1);
    expect(net.patchedBytes).toBe(totalBytes);
    expect((await phone.db.drafts.get(draftId))!.state).toBe('sent');
    expect(await claimsOf(draftId)).toHaveLength(1);
  });

  it('two stages finishing the same draft at once (sync worker and Background Sync) queue it once', async () => {
    const phone = createPhone(dewi.t, dewi.cookie);
    const { draftId } = await sentClaimWithPhotos(phone);
    const { httpStack } = uploadNetwork(dewi.t, dewi.cookie);
    const page = uploadSide(dewi.t, phone, httpStack, goodConditions());
    const background = uploadSide(dewi.t, phone, httpStack, goodConditions());
    // The pages went up, and the app died before the stage queued the claim.
    const { createUploadQueue } = await import('../../../client/uploads/upload-queue.ts');
    expect(await createUploadQueue({ db: phone.db, endpoint: 'http://localhost/api/uploads', httpStack, retryDelays: [] }).uploadDraft(draftId)).toEqual({ complete: true });
    expect((await phone.db.drafts.get(draftId))!.state).toBe('uploading');

    const outcomes = await Promise.all([page.stage.run(), background.stage.run()]);
    expect(outcomes.map((outcome) => outcome.queued).sort()).toEqual([0, 1]);
    expect(await outboxNames(phone)).toEqual(['claim.submit']);
    await phone.engine.sync();
    expect(await claimsOf(draftId)).toHaveLength(1);
  });

  it('other changes queued after the claim go out while its photos are still on their way; the claim follows with the next id', async () => {
    const phone = createPhone(dewi.t, dewi.cookie);
    const { draftId } = await sentClaimWithPhotos(phone);
    const { net, httpStack } = uploadNetwork(dewi.t, dewi.cookie);
    let release!: () => void;
    net.gate = new Promise((resolve) => (release = resolve));
    const { worker } = uploadSide(dewi.t, phone, httpStack, goodConditions());
    await worker.sync(); // the stage starts and hangs on the stalled link
    const stalled = worker.uploadsSettled();

    const readId = await queueMutation(phone.db, { name: 'notification.read', args: { keys: ['1'] }, label: 'Notifikasi dibaca' }, 5);
    expect(await worker.sync()).toMatchObject({ kind: 'ok', pushed: 1 });
    expect(await phone.db.outbox.count()).toBe(0);
    expect((await phone.db.drafts.get(draftId))!.state).toBe('uploading');

    release();
    net.gate = null;
    expect(await stalled).toMatchObject({ queued: 1 });
    const claimResult = (await phone.db.results.where('draftId').equals(draftId).first())!;
    expect(claimResult).toMatchObject({ name: 'claim.submit', status: 'applied' });
    expect(claimResult.id).toBe(readId + 1);
    expect(await claimsOf(draftId)).toHaveLength(1);
  });

  it('a page the server refuses returns the draft to editing, naming the document and page; nothing is queued', async () => {
    const phone = createPhone(dewi.t, dewi.cookie);
    const { draftId } = await sentClaimWithPhotos(phone, { badPageOf: 'KK' });
    const { httpStack } = uploadNetwork(dewi.t, dewi.cookie);
    const { worker } = uploadSide(dewi.t, phone, httpStack, goodConditions());
    await worker.sync();
    expect(await worker.uploadsSettled()).toEqual({ queued: 0, waiting: 0, retry: false });

    const draft = (await phone.db.drafts.get(draftId))!;
    const kkPage = (await pagesOfDraft(phone.db, draftId)).find((page) => page.documentId === 'KK')!;
    expect(draft.state).toBe('editing');
    expect(draft.pendingMutation).toBeUndefined();
    expect(draft.upload).toMatchObject({ state: 'refused', problem: { code: 'UPLOAD_TYPE_REFUSED', documentId: 'KK', pageId: kkPage.id } });
    expect(draft.upload!.problem!.message).toContain('Kartu Keluarga (KK), halaman 1');
    expect(await phone.db.outbox.count()).toBe(0);
    expect(await claimsOf(draftId)).toHaveLength(0);
  });

  it('a server error leaves the photos "retrying"; an upload that expired under the phone is sent anew; then the claim is queued once', async () => {
    const phone = createPhone(dewi.t, dewi.cookie);
    const { draftId } = await sentClaimWithPhotos(phone, { pageBytes: 150_000 });
    const pageCount = (await pagesOfDraft(phone.db, draftId)).length;
    const { net, httpStack } = uploadNetwork(dewi.t, dewi.cookie);
    const { worker } = uploadSide(dewi.t, phone, httpStack, goodConditions());

    // The first chunk of the first page goes up, then the server fails.
    let patches = 0;
    net.beforeRequest = async (method) => {
      if (method === 'PATCH' && ++patches === 2) net.fault = 'server-error';
    };
    await worker.sync();
    expect(await worker.uploadsSettled()).toMatchObject({ queued: 0, retry: true });
    expect((await phone.db.drafts.get(draftId))!.upload).toMatchObject({ state: 'retrying', problem: { code: 'INTERNAL_ERROR' } });
    const [first] = await pagesOfDraft(phone.db, draftId);
    const firstUploadId = uploadIdOf(first!.uploadUrl!);

    // A week passes before the next try: the server has dropped the unfinished upload.
    net.fault = 'none';
    net.beforeRequest = null;
    await dewi.t.database.db.update(documentUploads).set({ expiresAt: new Date(0) }).where(eq(documentUploads.id, firstUploadId));
    await worker.sync();
    expect(await worker.uploadsSettled()).toEqual({ queued: 1, waiting: 0, retry: false });
    const [claim] = await claimsOf(draftId);
    const named = await dewi.t.database.db.select({ id: documentUploads.id }).from(documentUploads).where(eq(documentUploads.claimId, claim!.id));
    expect(named.map((row) => row.id)).not.toContain(firstUploadId);
    expect(named).toHaveLength(pageCount);
    expect(await claimsOf(draftId)).toHaveLength(1);
  });
});
