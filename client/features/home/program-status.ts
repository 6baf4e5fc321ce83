import { bpuStatus } from '../../../shared/rules/contributions.ts';
import { addPeriods } from '../../../shared/rules/dates.ts';
import type { MembershipRecord } from '../../../shared/sync/entities.ts';

/** One program of a card as the participant needs it: covered or not, and since when. */
export interface ProgramStatus {
  program: string;
  isActive: boolean;
  /** ISO date the current state began. */
  since: string;
  /** BPU months not yet paid while protection still runs (the 3-month grace). */
  monthsOverdue: number;
}

/**
 * A wage earner's programs follow the card. A self-employed member is covered only while
 * contributions are paid: protection ends after 3 unpaid months (bpuStatus), on the first day
 * after the last month paid.
 */
export function programStatuses(membership: MembershipRecord, lastPaidPeriod: string | null, today: string): ProgramStatus[] {
  const state = cardState(membership, lastPaidPeriod, today);
  return membership.programs.map((program) => ({ program, ...state }));
}

function cardState(membership: MembershipRecord, lastPaidPeriod: string | null, today: string): Omit<ProgramStatus, 'program'> {
  if (membership.status !== 'ACTIVE') return { isActive: false, since: membership.endDate ?? membership.startDate, monthsOverdue: 0 };
  if (membership.segment !== 'BPU') return { isActive: true, since: membership.startDate, monthsOverdue: 0 };
  const paidThrough = lastPaidPeriod ?? addPeriods(membership.startDate.slice(0, 7), -1);
  const { status, monthsOverdue } = bpuStatus(paidThrough, today);
  if (status === 'ENDED') return { isActive: false, since: `${addPeriods(paidThrough, 1)}-01`, monthsOverdue };
  return { isActive: true, since: membership.startDate, monthsOverdue };
}
