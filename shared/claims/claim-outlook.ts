import { type ClaimChannel, type EndReason, type JhtFullCause } from '../rules/jht-claims.ts';
import { assessClaim, type ClaimFacts } from './claim-eligibility.ts';
import type { ClaimSubmitArgs, ClaimType } from './claim-schemas.ts';

/** What the start of the claim wizard tells a participant about one claim type on one card. */
export type ClaimOutlook =
  | { eligible: true; estimate: number; channel: ClaimChannel | null }
  | { eligible: false; problems: { code: string; message: string }[] };

const LEAVING_WORK: readonly EndReason[] = ['RESIGN', 'PHK', 'PKWT_END', 'BPU_STOP'];

// The rules read only the type's own answers (cause, percent, accident date), never the bank
// account or documents, so these stand in for what the participant has not entered yet.
const NOT_YET_ENTERED = { draftId: '', documentsConfirmed: [], documents: [], bankAccount: { bankCode: '', number: '', holderName: '' } };

/** The answers that give the participant's best chance: the cause their records support, etc. */
function probesFor(type: ClaimType, facts: ClaimFacts, today: string): ClaimSubmitArgs[] {
  const kpj = facts.membership.kpj;
  switch (type) {
    case 'JHT_FULL': {
      const recorded = facts.membership.endReason;
      const leaving: JhtFullCause = recorded && LEAVING_WORK.includes(recorded) ? (recorded as JhtFullCause) : facts.membership.segment === 'BPU' ? 'BPU_STOP' : 'RESIGN';
      return [leaving, 'RETIREMENT_AGE' as const].map((cause) => ({ ...NOT_YET_ENTERED, kpj, type, cause }));
    }
    case 'JHT_PARTIAL':
      return [{ ...NOT_YET_ENTERED, kpj, type, percent: 10 }];
    case 'JKP':
      return [{ ...NOT_YET_ENTERED, kpj, type, willingToWork: true }];
    case 'JKK': {
      const lastCoveredDay = facts.membership.endDate && facts.membership.endDate < today ? facts.membership.endDate : today;
      return [{ ...NOT_YET_ENTERED, kpj, type, accidentDate: lastCoveredDay, accidentTime: '08:00', place: '', description: '', onTheWayToWork: false, facilityId: '' }];
    }
  }
}

/**
 * Whether this claim can succeed, decided by the same rules as the final check (assessClaim)
 * before the participant types anything: what is missing, and from when it becomes possible.
 * Disability and emigration are left out: only their documents can prove them.
 */
export function claimOutlook(type: ClaimType, facts: ClaimFacts, today: string): ClaimOutlook {
  const assessments = probesFor(type, facts, today).map((args) => assessClaim(args, facts, today));
  const passed = assessments.find((assessment) => assessment.eligible);
  if (passed?.eligible) {
    return { eligible: true, estimate: passed.requestedAmount, channel: passed.channelDecision ?? null };
  }
  const problems = assessments.flatMap((assessment) => (assessment.eligible ? [] : [{ code: assessment.code, message: assessment.message }]));
  return { eligible: false, problems: problems.filter((problem, index) => problems.findIndex((other) => other.message === problem.message) === index) };
}
