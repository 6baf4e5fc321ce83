import { and, eq } from 'drizzle-orm';
import { accountCards, claims, contributions, jhtBalances, memberships, participants } from '../../db/schema.ts';
import type { Tx } from '../../sync/mutation-registry.ts';
import type { ClaimFacts } from '../../../shared/claims/claim-eligibility.ts';
import { claimFactsFrom } from '../../../shared/claims/claim-facts.ts';
import type { ClaimType } from '../../../shared/claims/claim-schemas.ts';

export interface LoadedClaimFacts {
  membershipId: number;
  fullName: string;
  facts: ClaimFacts;
}

/** The server's fresh view of what the claim rules need, or null when the card is not this account's. */
export async function loadClaimFacts(tx: Tx, accountId: number, participantId: number, kpj: string, claimType: ClaimType): Promise<LoadedClaimFacts | null> {
  const [row] = await tx
    .select({ m: memberships, p: participants })
    .from(memberships)
    .innerJoin(participants, eq(participants.id, memberships.participantId))
    .innerJoin(accountCards, and(eq(accountCards.membershipId, memberships.id), eq(accountCards.accountId, accountId)))
    .where(and(eq(memberships.kpj, kpj), eq(memberships.participantId, participantId)));
  if (!row) return null;
  const { m, p } = row;
  const [balance] = await tx.select({ total: jhtBalances.total }).from(jhtBalances).where(eq(jhtBalances.membershipId, m.id));
  const months = await tx.select({ period: contributions.period, status: contributions.status }).from(contributions).where(eq(contributions.membershipId, m.id));
  const cards = await tx.select({ startDate: memberships.startDate }).from(memberships).where(eq(memberships.participantId, participantId));
  const personClaims = await tx
    .select({ kpj: memberships.kpj, type: claims.type, status: claims.status })
    .from(claims)
    .innerJoin(memberships, eq(memberships.id, claims.membershipId))
    .where(eq(claims.participantId, participantId));
  const facts = claimFactsFrom(
    {
      membership: m,
      person: { birthDate: p.birthDate, faceVerified: p.faceVerifiedAt !== null, dataUpdated: p.dataUpdatedAt !== null },
      jhtBalance: balance?.total ?? null,
      contributions: months,
      cardStartDates: cards.map((card) => card.startDate),
      claims: personClaims,
    },
    claimType,
  );
  return { membershipId: m.id, fullName: p.fullName, facts };
}
