import { describe, expect, it } from 'vitest';
import { copyRejectedDraft, deleteClaimDraft, findClaimDraft, keepOnlyDocuments, openClaimDraft, reopenUploadingDraft, saveClaimDraft, listClaimDrafts } from '../../../../client/features/claims/claim-drafts.ts';
import { addPage, pagesOfDraft, uploadFingerprint } from '../../../../client/data/document-pages.ts';
import { createComplaintDraft, listComplaintDrafts, queueComplaint, saveComplaintDraft } from '../../../../client/features/complaints/complaint-drafts.ts';
import { loadLocalClaimFacts } from '../../../../client/features/claims/claim-local-facts.ts';
import { dewiProfile, freshLocalDb, laidOffCard } from '../../support/local-rows.ts';

const uuid = () => crypto.randomUUID();

describe('claim drafts beside complaint drafts', () => {
  it('lists only claim drafts on the claims screen, and only complaint drafts on the complaints screen', async () => {
    const db = await freshLocalDb();
    const claimId = await openClaimDraft(db, 'JHT_FULL', [], 1_000, uuid);
    const complaintId = await createComplaintDraft(db, 2_000, uuid);
    expect((await listClaimDrafts(db)).map((d) => d.id)).toEqual([claimId]);
    expect((await listComplaintDrafts(db)).map((d) => d.id)).toEqual([complaintId]);
    expect(await findClaimDraft(db, complaintId)).toBeNull();
  });

  it('does not count a queued complaint about a card as a claim in process on that card', async () => {
    const db = await freshLocalDb();
    await db.profile.put(dewiProfile());
    await db.memberships.put(laidOffCard());
    const complaintId = await createComplaintDraft(db, 1_000, uuid);
    const complaint = { category: 'SALDO', description: 'Saldo belum muncul sejak bulan lalu.', kpj: laidOffCard().kpj };
    await saveComplaintDraft(db, complaintId, complaint, 1_500);
    await queueComplaint(db, { ...complaint, draftId: complaintId } as never, 2_000);
    const ownDraft = await openClaimDraft(db, 'JHT_FULL', [], 3_000, uuid);
    const facts = await loadLocalClaimFacts(db, laidOffCard().kpj, 'JHT_FULL', ownDraft);
    expect(facts?.hasClaimInProcess).toBe(false);
  });
});

describe('claim drafts do not pile up', () => {
  it('reopens the open draft when the same claim type is tapped again, with the only card already chosen', async () => {
    const db = await freshLocalDb();
    const first = await openClaimDraft(db, 'JHT_FULL', ['99123456789'], 1_000, uuid);
    const again = await openClaimDraft(db, 'JHT_FULL', ['99123456789'], 2_000, uuid);
    const other = await openClaimDraft(db, 'JKP', ['99123456789'], 3_000, uuid);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect((await findClaimDraft(db, first))?.data.kpj).toBe('99123456789');
    expect(await listClaimDrafts(db)).toHaveLength(2);
  });

  it('with several cards, reuses only a draft whose card is not chosen yet', async () => {
    const db = await freshLocalDb();
    const cards = ['99100000001', '99100000002'];
    const first = await openClaimDraft(db, 'JHT_FULL', cards, 1_000, uuid);
    expect(await openClaimDraft(db, 'JHT_FULL', cards, 2_000, uuid)).toBe(first);
    await saveClaimDraft(db, first, { data: { type: 'JHT_FULL', kpj: cards[0] } }, 3_000);
    expect(await openClaimDraft(db, 'JHT_FULL', cards, 4_000, uuid)).not.toBe(first);
  });

  it('deletes a draft being edited and a refused one, but not one on its way to the server', async () => {
    const db = await freshLocalDb();
    const editing = await openClaimDraft(db, 'JHT_FULL', [], 1_000, uuid);
    const queued = await openClaimDraft(db, 'JKP', [], 1_000, uuid);
    const refused = await openClaimDraft(db, 'JKK', [], 1_000, uuid);
    await db.drafts.update(queued, { state: 'queued' });
    await db.drafts.update(refused, { state: 'rejected', rejection: { code: 'WAITING_PERIOD', message: 'Masa tunggu' } });
    for (const id of [editing, queued, refused]) await deleteClaimDraft(db, id);
    expect((await listClaimDrafts(db)).map((d) => d.id)).toEqual([queued]);
  });

  it('replaces a refused draft by its fixable copy instead of keeping both', async () => {
    const db = await freshLocalDb();
    const refused = await openClaimDraft(db, 'JHT_FULL', [], 1_000, uuid);
    await db.drafts.update(refused, { state: 'rejected', data: { type: 'JHT_FULL', kpj: '99123456789', cause: 'PHK' } });
    const copy = await copyRejectedDraft(db, (await db.drafts.get(refused))!, 2_000, uuid);
    expect((await listClaimDrafts(db)).map((d) => [d.id, d.state, d.data.cause])).toEqual([[copy, 'editing', 'PHK']]);
  });
});

const photo = (text: string) => new Blob([text], { type: 'image/webp' });

describe('claim drafts and their photographed pages', () => {
  it('drops the pages of documents the claim no longer needs, with their resume records, before sending', async () => {
    const db = await freshLocalDb();
    const id = await openClaimDraft(db, 'JHT_FULL', [], 1_000, uuid);
    const ktp = await addPage(db, { draftId: id, documentId: 'KTP', blob: photo('ktp') }, 1_000, uuid);
    const letter = await addPage(db, { draftId: id, documentId: 'SURAT_BERHENTI', blob: photo('paklaring') }, 1_000, uuid);
    await db.uploadUrls.add({ key: 'tus::1', fingerprint: uploadFingerprint(letter), upload: { size: 9, metadata: {}, creationTime: '', uploadUrl: '/api/uploads/x', parallelUploadUrls: null, urlStorageKey: 'tus::1' } } as never);
    const other = await openClaimDraft(db, 'JKP', [], 1_000, uuid);
    await addPage(db, { draftId: other, documentId: 'SURAT_BERHENTI', blob: photo('other draft') }, 1_000, uuid);
    await keepOnlyDocuments(db, id, ['KTP', 'KK', 'BUKTI_PHK']);
    expect((await pagesOfDraft(db, id)).map((page) => page.id)).toEqual([ktp]);
    expect(await db.uploadUrls.count()).toBe(0);
    expect(await pagesOfDraft(db, other)).toHaveLength(1);
  });

  it('takes a draft waiting for its uploads back to the documents step, marking the refused page; a queued one stays queued', async () => {
    const db = await freshLocalDb();
    const id = await openClaimDraft(db, 'JKK', [], 1_000, uuid);
    await db.drafts.update(id, { state: 'uploading', step: 4, pendingMutation: { name: 'claim.submit', args: {}, label: 'JKK' }, upload: { pagesDone: 1, pagesTotal: 2, bytesDone: 1, bytesTotal: 2, state: 'refused', updatedAt: 1 } });
    expect(await reopenUploadingDraft(db, id, 2_000, { pageId: 'p2', message: 'Jenis berkas tidak diterima.' })).toBe(true);
    const reopened = (await db.drafts.get(id))!;
    expect(reopened).toMatchObject({ state: 'editing', step: 3, data: { type: 'JKK', refusedPage: { pageId: 'p2', message: 'Jenis berkas tidak diterima.' } } });
    expect(reopened.pendingMutation).toBeUndefined();
    expect(reopened.upload).toBeUndefined();

    await db.drafts.update(id, { state: 'queued' });
    expect(await reopenUploadingDraft(db, id, 3_000)).toBe(false);
    expect((await db.drafts.get(id))?.state).toBe('queued');
  });

  it('copies the photos of a refused claim into its fixable copy as new uploads, and the refused one’s pages go with it', async () => {
    const db = await freshLocalDb();
    const refused = await openClaimDraft(db, 'JHT_FULL', [], 1_000, uuid);
    await addPage(db, { draftId: refused, documentId: 'KTP', blob: photo('ktp') }, 1_000, uuid);
    const [sent] = await pagesOfDraft(db, refused);
    await db.documentPages.update(sent!.id, { uploadState: 'done', uploadedBytes: 3, uploadUrl: '/api/uploads/abc' });
    await db.drafts.update(refused, { state: 'rejected' });
    const copy = await copyRejectedDraft(db, (await db.drafts.get(refused))!, 2_000, uuid);
    const copied = await pagesOfDraft(db, copy);
    expect(copied).toHaveLength(1);
    expect(copied[0]).toMatchObject({ documentId: 'KTP', index: 0, uploadState: 'pending', uploadedBytes: 0, draftId: copy });
    expect(copied[0]!.id).not.toBe(sent!.id);
    expect(copied[0]!.uploadUrl).toBeUndefined();
    expect(await copied[0]!.blob.text()).toBe('ktp');
    expect(await pagesOfDraft(db, refused)).toEqual([]);
  });

  it('deletes a draft’s photos with the draft', async () => {
    const db = await freshLocalDb();
    const id = await openClaimDraft(db, 'JHT_FULL', [], 1_000, uuid);
    await addPage(db, { draftId: id, documentId: 'KTP', blob: photo('ktp') }, 1_000, uuid);
    await deleteClaimDraft(db, id);
    expect(await db.documentPages.count()).toBe(0);
  });
});
