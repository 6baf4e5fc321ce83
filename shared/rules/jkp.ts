// JKP job-loss benefit (DOMAIN.md §4, rules 6–7, PP 37/2021 jo PP 6/2025): checked offline so people do not miss the deadline.
import { percentOf } from '../money/rupiah.ts';
import { addMonths, formatShortDate, periodIndex, periodOf } from './dates.ts';
import { END_REASON_LABEL, type EndReason } from './jht-claims.ts';
import { DEFAULT_RATE_TABLES, rateTableOn, type RateTable } from './rate-table.ts';

/** Codes for the UI; messages already name the numbers that failed. */
export type JkpCode = 'JKP_NOT_PHK' | 'JKP_DEADLINE_PASSED' | 'JKP_TOO_FEW_MONTHS' | 'JKP_NOT_CONSECUTIVE';

/** Eligible results carry the deadline, so the app can count down to it. */
export type JkpEligibility =
  | { eligible: true; paidMonths: number; consecutiveMonths: number; deadline: string }
  | { eligible: false; code: JkpCode; message: string };

const WINDOW_MONTHS = 24;
const MIN_PAID = 12;
const MIN_CONSECUTIVE = 6;
const CLAIM_DEADLINE_MONTHS = 6;

/**
 * Rule 6. The 24-month window ends with the PHK month itself, since that month's contribution is often paid;
 * the consecutive run may end in the PHK month or the month before it.
 */
export function jkpEligibility(input: { paidPeriods: string[]; phkDate: string; endReason: EndReason | null; today: string }): JkpEligibility {
  const { paidPeriods, phkDate, endReason, today } = input;
  if (endReason !== 'PHK') {
    const recorded = endReason ? `tercatat: ${END_REASON_LABEL[endReason]}` : 'belum tercatat';
    return { eligible: false, code: 'JKP_NOT_PHK', message: `JKP hanya untuk pekerja yang terkena PHK; alasan berhenti Anda ${recorded}.` };
  }
  const deadline = addMonths(phkDate, CLAIM_DEADLINE_MONTHS);
  if (today > deadline) {
    return {
      eligible: false,
      code: 'JKP_DEADLINE_PASSED',
      message: `Batas pengajuan JKP adalah 6 bulan setelah PHK, yaitu ${formatShortDate(deadline)}, dan sudah lewat.`,
    };
  }
  const phkIndex = periodIndex(periodOf(phkDate));
  const paid = new Set(paidPeriods.map(periodIndex).filter((i) => i <= phkIndex && i > phkIndex - WINDOW_MONTHS));
  let run = 0;
  for (let i = paid.has(phkIndex) ? phkIndex : phkIndex - 1; paid.has(i); i -= 1) run += 1;
  if (paid.size < MIN_PAID) {
    return {
      eligible: false,
      code: 'JKP_TOO_FEW_MONTHS',
      message: `Iuran Anda dalam 24 bulan sebelum PHK baru ${paid.size} bulan; minimal ${MIN_PAID} bulan.`,
    };
  }
  if (run < MIN_CONSECUTIVE) {
    return {
      eligible: false,
      code: 'JKP_NOT_CONSECUTIVE',
      message: `Iuran berturut-turut sampai PHK baru ${run} bulan; minimal ${MIN_CONSECUTIVE} bulan.`,
    };
  }
  return { eligible: true, paidMonths: paid.size, consecutiveMonths: run, deadline };
}

/** Rule 7: 60% of the last wage, capped at Rp5 juta, for 6 months (PP 6/2025 art. 21). */
export function jkpBenefit(
  lastWage: number,
  tables: readonly RateTable[] = DEFAULT_RATE_TABLES,
  date = '9999-12-31',
): { monthly: number; months: 6; total: number } {
  const base = Math.max(0, Math.min(lastWage, rateTableOn(date, tables).jkpWageCap));
  const monthly = percentOf(base, 60);
  return { monthly, months: 6, total: monthly * 6 };
}
