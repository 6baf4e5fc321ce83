import { and, eq, inArray, min, notInArray } from 'drizzle-orm';
import { accountCards, claims, contributions, jhtBalances, memberships, participants } from '../../db/schema.ts';
import type { Tx } from '../../sync/mutation-registry.ts';
import type { ClaimFacts } from '../../../shared/claims/claim-eligibility.ts';
import { FINAL_CLAIM_STATUSES } from '../../../shared/claims/claim-schemas.ts';
import type { EndReason } from '../../../shared/rules/jht-claims.ts';

export interface LoadedClaimFacts {
  membershipId: number;
  fullName: string;
  facts: ClaimFacts;
}

/** The server's fresh view of what the claim rules need, or null when the card is not this account's. */
export async function loadClaimFacts(tx: Tx, accountId: number, participantId: number, kpj: string, claimType: string): Promise<LoadedClaimFacts | null> {
  const [row] = await tx
    .select({ m: memberships, p: participants })
    .from(memberships)
    .innerJoin(participants, eq(participants.id, memberships.participantId))
    .innerJoin(accountCards, and(eq(accountCards.membershipId, memberships.id), eq(accountCards.accountId, accountId)))
    .where(and(eq(memberships.kpj, kpj), eq(memberships.participantId, participantId)));
  if (!row) return null;
  const { m, p } = row;
  const [balance] = await tx.select({ total: jhtBalances.total }).from(jhtBalances).where(eq(jhtBalances.membershipId, m.id));
  const paid = await tx
    .select({ period: contributions.period })
    .from(contributions)
    .where(and(eq(contributions.membershipId, m.id), inArray(contributions.status, ['PAID', 'LATE'])));
  const [earliest] = await tx.select({ start: min(memberships.startDate) }).from(memberships).where(eq(memberships.participantId, participantId));
  const open = await tx
    .select({ type: claims.type, membershipId: claims.membershipId })
    .from(claims)
    .where(and(eq(claims.participantId, participantId), notInArray(claims.status, ['REJECTED', 'CANCELLED'])));
  const program = claimType === 'JKP' ? 'JKP' : claimType === 'JKK' ? 'JKK' : 'JHT';
  const inProcess = await tx
    .select({ id: claims.id })
    .from(claims)
    .where(and(eq(claims.membershipId, m.id), eq(claims.program, program), notInArray(claims.status, [...FINAL_CLAIM_STATUSES])));
  return {
    membershipId: m.id,
    fullName: p.fullName,
    facts: {
      membership: {
        kpj: m.kpj,
        status: m.status,
        startDate: m.startDate,
        endDate: m.endDate,
        endReason: m.endReason as EndReason | null,
        segment: m.segment,
        reportedWage: m.reportedWage,
      },
      birthDate: p.birthDate,
      jhtBalance: balance?.total ?? 0,
      paidPeriods: paid.map((c) => c.period),
      earliestStartDate: earliest?.start ?? m.startDate,
      hasUsedPartial: open.some((c) => c.type === 'JHT_PARTIAL'),
      hasClaimInProcess: inProcess.length > 0,
      faceVerified: p.faceVerifiedAt !== null,
      dataUpdated: p.dataUpdatedAt !== null,
    },
  };
}
