import type { ClaimType } from '../../../shared/claims/claim-schemas.ts';

/**
 * The wizard's steps per claim type. Its own module: the claim drafts (read by the sync worker
 * and the service worker through their mutation outcomes) need the steps, not the schemas.
 */
export type StepId = 'card' | 'cause' | 'percent' | 'commitment' | 'bank' | 'accident' | 'facility' | 'documents' | 'review';

export const CLAIM_STEPS: Record<ClaimType, StepId[]> = {
  JHT_FULL: ['card', 'cause', 'bank', 'documents', 'review'],
  JHT_PARTIAL: ['card', 'percent', 'bank', 'documents', 'review'],
  JKP: ['card', 'commitment', 'bank', 'documents', 'review'],
  JKK: ['card', 'accident', 'facility', 'documents', 'review'],
};
