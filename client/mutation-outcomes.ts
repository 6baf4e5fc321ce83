import type { MutationOutcomeHooks } from './sync/outbox.ts';
import { profileMutationOutcomes } from './features/account/profile-draft.ts';
import { claimMutationOutcomes } from './features/claims/claim-drafts.ts';
import { complaintMutationOutcomes } from './features/complaints/complaint-drafts.ts';
import { settleClaimAndFreePages } from './uploads/claim-upload-queueing.ts';

/**
 * Every feature's outcome hooks, handed to the sync engine by both workers: the engine knows
 * no feature, so a feature whose mutation must change something on the phone when the server
 * answers (its draft becoming "sent" or "refused") registers it here.
 */
export const appMutationOutcomes: MutationOutcomeHooks = {
  ...claimMutationOutcomes,
  ...complaintMutationOutcomes,
  ...profileMutationOutcomes,
  // A delivered claim's photos are on the server: their Blobs leave the phone in the same transaction.
  'claim.submit': settleClaimAndFreePages,
  'claim.resubmit': settleClaimAndFreePages,
};
