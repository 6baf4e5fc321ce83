import { describe, expect, it } from 'vitest';
import { createClaimDraft, findClaimDraft, listClaimDrafts } from '../../../../client/features/claims/claim-drafts.ts';
import { createComplaintDraft, listComplaintDrafts, queueComplaint, saveComplaintDraft } from '../../../../client/features/complaints/complaint-drafts.ts';
import { loadLocalClaimFacts } from '../../../../client/features/claims/claim-local-facts.ts';
import { dewiProfile, freshLocalDb, laidOffCard } from '../../support/local-rows.ts';

const uuid = () => crypto.randomUUID();

describe('claim drafts beside complaint drafts', () => {
  it('lists only claim drafts on the claims screen, and only complaint drafts on the complaints screen', async () => {
    const db = await freshLocalDb();
    const claimId = await createClaimDraft(db, 'JHT_FULL', 1_000, uuid);
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
    const ownDraft = await createClaimDraft(db, 'JHT_FULL', 3_000, uuid);
    const facts = await loadLocalClaimFacts(db, laidOffCard().kpj, 'JHT_FULL', ownDraft);
    expect(facts?.hasClaimInProcess).toBe(false);
  });
});
