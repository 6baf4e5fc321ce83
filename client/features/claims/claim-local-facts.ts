import type { JmoDb } from '../../data/local-db.ts';
import type { ClaimFacts } from '../../../shared/claims/claim-eligibility.ts';
import { claimFactsFrom } from '../../../shared/claims/claim-facts.ts';
import type { ClaimType } from '../../../shared/claims/claim-schemas.ts';
import { queuedClaimDrafts } from './claim-drafts.ts';

/**
 * The phone's copy of what the server's claim check reads, so the pre-check can explain a
 * refusal offline. Drafts already queued count as submitted claims: the server would see them.
 */
export async function loadLocalClaimFacts(db: JmoDb, kpj: string, type: ClaimType, ownDraftId: string): Promise<ClaimFacts | null> {
  const membership = await db.memberships.where('kpj').equals(kpj).first();
  const profile = await db.profile.get('me');
  if (!membership || !profile) return null;
  const [balance, contributions, cards, claims, queuedDrafts] = await Promise.all([
    db.balances.where('kpj').equals(kpj).first(),
    db.contributions.where('kpj').equals(kpj).toArray(),
    db.memberships.toArray(),
    db.claims.toArray(),
    queuedClaimDrafts(db),
  ]);
  const queued = queuedDrafts.filter((draft) => draft.id !== ownDraftId).map((draft) => ({ kpj: String(draft.data.kpj), type: String(draft.data.type), status: 'SUBMITTED' }));
  return claimFactsFrom(
    {
      membership,
      person: profile,
      jhtBalance: balance?.total ?? null,
      contributions,
      cardStartDates: cards.map((card) => card.startDate),
      claims: [...claims, ...queued],
    },
    type,
  );
}
