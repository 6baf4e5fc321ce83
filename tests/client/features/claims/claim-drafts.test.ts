import { describe, expect, it } from 'vitest';
import { copyRejectedDraft, deleteClaimDraft, findClaimDraft, openClaimDraft, saveClaimDraft, listClaimDrafts } from '../../../../client/features/claims/claim-drafts.ts';
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
