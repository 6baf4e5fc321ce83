import type { EndReason, MembershipFacts } from '../rules/jht-claims.ts';
import type { ClaimFacts } from './claim-eligibility.ts';
import { FINAL_CLAIM_STATUSES, type ClaimStatus, type ClaimType } from './claim-schemas.ts';

/** The stored rows the claim rules read, as both the phone (IndexedDB) and the server (SQL) hold them. */
export interface ClaimFactRows {
  membership: Omit<MembershipFacts, 'endReason'> & { endReason: string | null; reportedWage: number | null };
  person: { birthDate: string; faceVerified: boolean; dataUpdated: boolean };
  jhtBalance: number | null;
  /** The card's contribution months. */
  contributions: readonly { period: string; status: string }[];
  /** Start dates of every card of the person: membership counts from the earliest. */
  cardStartDates: readonly string[];
  /** Every claim of the person, on any card; the phone adds its queued claims as SUBMITTED. */
  claims: readonly { kpj: string; type: string; status: string }[];
}

const programOfClaim = (type: string): 'JHT' | 'JKP' | 'JKK' => (type === 'JKP' ? 'JKP' : type === 'JKK' ? 'JKK' : 'JHT');

/**
 * The one reading of stored rows into ClaimFacts, so the phone's pre-check and the server's
 * decision cannot drift apart: a late month counts as paid, a refused or cancelled claim does
 * not use up the partial claim, and any unfinished claim of the same program on the same card
 * is "in process".
 */
export function claimFactsFrom(rows: ClaimFactRows, claimType: ClaimType): ClaimFacts {
  const program = programOfClaim(claimType);
  const standing = rows.claims.filter((claim) => claim.status !== 'REJECTED' && claim.status !== 'CANCELLED');
  const { kpj, status, startDate, endDate, endReason, segment, reportedWage } = rows.membership;
  return {
    membership: { kpj, status, startDate, endDate, endReason: endReason as EndReason | null, segment, reportedWage },
    birthDate: rows.person.birthDate,
    jhtBalance: rows.jhtBalance ?? 0,
    paidPeriods: rows.contributions.filter((month) => month.status === 'PAID' || month.status === 'LATE').map((month) => month.period),
    earliestStartDate: [...rows.cardStartDates, rows.membership.startDate].sort()[0]!,
    hasUsedPartial: standing.some((claim) => claim.type === 'JHT_PARTIAL'),
    hasClaimInProcess: rows.claims.some(
      (claim) => claim.kpj === rows.membership.kpj && programOfClaim(claim.type) === program && !FINAL_CLAIM_STATUSES.includes(claim.status as ClaimStatus),
    ),
    faceVerified: rows.person.faceVerified,
    dataUpdated: rows.person.dataUpdated,
  };
}
