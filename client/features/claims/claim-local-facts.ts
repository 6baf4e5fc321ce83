import type { JmoDb } from '../../data/local-db.ts';
import type { ClaimFacts } from '../../../shared/claims/claim-eligibility.ts';
import { FINAL_CLAIM_STATUSES, type ClaimStatus, type ClaimType } from '../../../shared/claims/claim-schemas.ts';
import type { EndReason } from '../../../shared/rules/jht-claims.ts';
import { queuedClaimDrafts } from './claim-drafts.ts';

const programOf = (type: ClaimType) => (type === 'JKP' ? 'JKP' : type === 'JKK' ? 'JKK' : 'JHT');

/**
 * The phone's copy of what the server's claim check reads, so the pre-check can explain a
 * refusal offline. Drafts already queued count as "in process" too: the server would see them.
 */
export async function loadLocalClaimFacts(db: JmoDb, kpj: string, type: ClaimType, ownDraftId: string): Promise<ClaimFacts | null> {
  const membership = await db.memberships.where('kpj').equals(kpj).first();
  const profile = await db.profile.get('me');
  if (!membership || !profile) return null;
  const [balance, contributions, memberships, claims, queuedDrafts] = await Promise.all([
    db.balances.where('kpj').equals(kpj).first(),
    db.contributions.where('kpj').equals(kpj).toArray(),
    db.memberships.toArray(),
    db.claims.toArray(),
    queuedClaimDrafts(db),
  ]);
  const open = claims.filter((claim) => !['REJECTED', 'CANCELLED'].includes(claim.status));
  const queuedSameKind = queuedDrafts.filter((draft) => draft.id !== ownDraftId && draft.data.kpj === kpj && programOf(draft.data.type as ClaimType) === programOf(type));
  return {
    membership: {
      kpj,
      status: membership.status,
      startDate: membership.startDate,
      endDate: membership.endDate,
      endReason: membership.endReason as EndReason | null,
      segment: membership.segment,
      reportedWage: membership.reportedWage,
    },
    birthDate: profile.birthDate,
    jhtBalance: balance?.total ?? 0,
    paidPeriods: contributions.filter((c) => c.status !== 'UNPAID').map((c) => c.period),
    earliestStartDate: memberships.map((m) => m.startDate).sort()[0] ?? membership.startDate,
    hasUsedPartial: open.some((claim) => claim.type === 'JHT_PARTIAL') || queuedDrafts.some((d) => d.id !== ownDraftId && d.data.type === 'JHT_PARTIAL'),
    hasClaimInProcess:
      queuedSameKind.length > 0 ||
      claims.some((claim) => claim.kpj === kpj && claim.program === programOf(type) && !FINAL_CLAIM_STATUSES.includes(claim.status as ClaimStatus)),
    faceVerified: profile.faceVerified,
    dataUpdated: profile.dataUpdated,
  };
}
