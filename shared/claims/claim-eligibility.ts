import { jhtFullClaimPrecheck, jhtPartialPrecheck, jhtTaxLumpSum, jmoChannel, type ClaimChannel, type MembershipFacts } from '../rules/jht-claims.ts';
import { jkpBenefit, jkpEligibility } from '../rules/jkp.ts';
import { claimErrors, type ClaimSubmitArgs } from './claim-schemas.ts';

/** Everything about the person the claim rules look at; the phone has it offline, the server fresh. */
export interface ClaimFacts {
  membership: MembershipFacts & { reportedWage: number | null };
  birthDate: string;
  jhtBalance: number;
  paidPeriods: string[];
  earliestStartDate: string;
  hasUsedPartial: boolean;
  hasClaimInProcess: boolean;
  faceVerified: boolean;
  dataUpdated: boolean;
}

export type ClaimAssessment =
  | { eligible: true; program: 'JHT' | 'JKP' | 'JKK'; channel: string; channelDecision?: ClaimChannel; requestedAmount: number; tax: number | null }
  | { eligible: false; code: string; message: string };

/**
 * One function for the phone's pre-check and the server's decision, so the explanation a
 * participant reads offline is the one the server would give.
 */
export function assessClaim(args: ClaimSubmitArgs, facts: ClaimFacts, today: string): ClaimAssessment {
  if (facts.hasClaimInProcess && args.type !== 'JKK') return { eligible: false, code: 'CLAIM_IN_PROCESS', message: claimErrors.CLAIM_IN_PROCESS };
  switch (args.type) {
    case 'JHT_FULL': {
      const check = jhtFullClaimPrecheck({ membership: facts.membership, cause: args.cause, birthDate: facts.birthDate, today });
      if (!check.eligible) return check;
      if (facts.jhtBalance <= 0) return { eligible: false, code: 'NO_BALANCE', message: 'Saldo JHT kartu ini Rp0, jadi belum ada yang bisa dicairkan.' };
      const channelDecision = jmoChannel(facts.jhtBalance, facts, undefined, today);
      return { eligible: true, program: 'JHT', channel: channelDecision.channel, channelDecision, requestedAmount: facts.jhtBalance, tax: jhtTaxLumpSum(facts.jhtBalance, undefined, today).tax };
    }
    case 'JHT_PARTIAL': {
      const check = jhtPartialPrecheck({ earliestStartDate: facts.earliestStartDate, today, hasUsedPartial: facts.hasUsedPartial, balance: facts.jhtBalance, percent: args.percent });
      if (!check.eligible) return check;
      return { eligible: true, program: 'JHT', channel: 'LAPAK_ASIK', requestedAmount: check.amount, tax: null };
    }
    case 'JKP': {
      const phkDate = facts.membership.endDate ?? today;
      const check = jkpEligibility({ paidPeriods: facts.paidPeriods, phkDate, endReason: facts.membership.endReason, today });
      if (!check.eligible) return check;
      return { eligible: true, program: 'JKP', channel: 'SIAPKERJA', requestedAmount: jkpBenefit(facts.membership.reportedWage ?? 0, undefined, today).total, tax: null };
    }
    case 'JKK': {
      if (args.accidentDate > today) return { eligible: false, code: 'JKK_DATE_IN_FUTURE', message: claimErrors.JKK_DATE_IN_FUTURE };
      const { startDate, endDate } = facts.membership;
      if (args.accidentDate < startDate || (endDate !== null && args.accidentDate > endDate)) {
        return { eligible: false, code: 'JKK_NOT_COVERED', message: claimErrors.JKK_NOT_COVERED };
      }
      return { eligible: true, program: 'JKK', channel: 'BRANCH', requestedAmount: 0, tax: null };
    }
  }
}
