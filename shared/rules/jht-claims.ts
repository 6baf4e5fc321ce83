// JHT claim pre-checks (DOMAIN.md §3, rules 2–5): tell people offline whether a claim can succeed, and when.
import { percentOf } from '../money/rupiah.ts';
import { addMonths, ageOn, formatShortDate, membershipDuration, monthsBetween } from './dates.ts';
import { DEFAULT_RATE_TABLES, rateTableOn, type RateTable } from './rate-table.ts';

/** Why a membership ended, as reported by the employer or the BPU participant. */
export type EndReason = 'RESIGN' | 'PHK' | 'PKWT_END' | 'BPU_STOP' | 'RETIRE' | 'DEATH' | 'DISABILITY' | 'EMIGRATION';

/** The membership fields the pre-checks need; one per KPJ. */
export type MembershipFacts = {
  kpj: string;
  status: 'ACTIVE' | 'NONACTIVE' | 'LAPSED';
  startDate: string;
  endDate: string | null;
  endReason: EndReason | null;
  segment: 'PU' | 'BPU';
};

/** Causes a participant can pick for a full claim; DEATH is left out because heirs claim it. */
export type JhtFullCause = 'RESIGN' | 'PHK' | 'PKWT_END' | 'BPU_STOP' | 'RETIREMENT_AGE' | 'DISABILITY' | 'EMIGRATION';

/** Rejections mirror BPJSTK's common reasons so the user sees the same cause before and after submitting. */
export type JhtPrecheckCode =
  | 'AGE_NOT_REACHED'
  | 'MEMBERSHIP_STILL_ACTIVE'
  | 'END_NOT_RECORDED'
  | 'END_REASON_MISMATCH'
  | 'WAITING_PERIOD'
  | 'MEMBERSHIP_TOO_SHORT'
  | 'PARTIAL_ALREADY_USED'
  | 'NO_BALANCE';

/** Errors are values: the UI shows the message and can branch on the code. */
export type Precheck<T extends object = object> = ({ eligible: true } & T) | { eligible: false; code: JhtPrecheckCode; message: string };

const JHT_RETIREMENT_AGE = 56;
const PARTIAL_MIN_MONTHS = 120;
const FAR_FUTURE = '9999-12-31';
const LEAVING_WORK: readonly EndReason[] = ['RESIGN', 'PHK', 'PKWT_END', 'BPU_STOP'];
/** Indonesian wording of end reasons, shared by messages that quote the recorded reason. */
export const END_REASON_LABEL: Record<EndReason, string> = {
  RESIGN: 'mengundurkan diri',
  PHK: 'PHK',
  PKWT_END: 'kontrak kerja (PKWT) berakhir',
  BPU_STOP: 'berhenti bekerja (BPU)',
  RETIRE: 'pensiun',
  DEATH: 'meninggal dunia',
  DISABILITY: 'cacat total tetap',
  EMIGRATION: 'pindah ke luar negeri',
};

const no = (code: JhtPrecheckCode, message: string): { eligible: false; code: JhtPrecheckCode; message: string } => ({
  eligible: false,
  code,
  message,
});

/** Rule 2; disability and emigration are accepted here because the documents prove them later. */
export function jhtFullClaimPrecheck(input: { membership: MembershipFacts; cause: JhtFullCause; birthDate: string; today: string }): Precheck {
  const { membership: m, cause, birthDate, today } = input;
  if (cause === 'DISABILITY' || cause === 'EMIGRATION') return { eligible: true };
  if (cause === 'RETIREMENT_AGE') {
    const age = ageOn(birthDate, today);
    if (age >= JHT_RETIREMENT_AGE) return { eligible: true };
    const from = formatShortDate(addMonths(birthDate, JHT_RETIREMENT_AGE * 12));
    return no('AGE_NOT_REACHED', `Klaim karena usia pensiun bisa diajukan pada usia ${JHT_RETIREMENT_AGE} tahun; usia Anda sekarang ${age} tahun. Anda bisa mengajukan mulai ${from}.`);
  }
  if (m.status !== 'NONACTIVE') {
    const who = m.segment === 'PU' ? 'Perusahaan belum melaporkan bahwa Anda berhenti bekerja' : 'Kepesertaan BPU Anda belum dinonaktifkan';
    return no('MEMBERSHIP_STILL_ACTIVE', `${who}; status KPJ ${m.kpj} masih ${m.status === 'ACTIVE' ? 'aktif' : 'menunggak'}, bukan nonaktif.`);
  }
  if (!m.endDate || !m.endReason) {
    return no('END_NOT_RECORDED', `Tanggal dan alasan berhenti bekerja untuk KPJ ${m.kpj} belum tercatat.`);
  }
  if (m.endReason !== cause || !LEAVING_WORK.includes(m.endReason)) {
    return no('END_REASON_MISMATCH', `Alasan berhenti yang tercatat (${END_REASON_LABEL[m.endReason]}) berbeda dengan sebab klaim yang dipilih (${END_REASON_LABEL[cause]}).`);
  }
  const from = addMonths(m.endDate, 1);
  if (today < from) {
    return no('WAITING_PERIOD', `Masa tunggu 1 bulan sejak berhenti bekerja belum selesai. Anda bisa mengajukan mulai ${formatShortDate(from)}.`);
  }
  return { eligible: true };
}

/** What keeps a full JHT claim out of the app; each one is explained to the participant. */
export type JmoChannelGap = 'ABOVE_LIMIT' | 'FACE_NOT_VERIFIED' | 'DATA_NOT_UPDATED';

export interface ClaimChannel {
  channel: 'JMO' | 'LAPAK_ASIK';
  /** The JMO limit on that date, so screens name the same figure the rule used. */
  limit: number;
  gaps: JmoChannelGap[];
}

/** The JMO claim limit in force on a date (RateTable.jmoClaimLimit, Rp15 juta since May 2025). */
export function jmoClaimLimitOn(date: string, tables: readonly RateTable[] = DEFAULT_RATE_TABLES): number {
  return rateTableOn(date, tables).jmoClaimLimit;
}

/**
 * Rule 3, the one place the channel of a full JHT claim is decided (wizard, review, program
 * info and server): in the app when the balance is within the limit and face match and
 * Pengkinian Data are on record; otherwise Lapak Asik or a branch.
 */
export function jmoChannel(
  balance: number,
  checks: { faceVerified: boolean; dataUpdated: boolean },
  tables: readonly RateTable[] = DEFAULT_RATE_TABLES,
  date?: string,
): ClaimChannel {
  const limit = jmoClaimLimitOn(date ?? FAR_FUTURE, tables);
  const gaps: JmoChannelGap[] = [];
  if (balance > limit) gaps.push('ABOVE_LIMIT');
  if (!checks.faceVerified) gaps.push('FACE_NOT_VERIFIED');
  if (!checks.dataUpdated) gaps.push('DATA_NOT_UPDATED');
  return { channel: gaps.length === 0 ? 'JMO' : 'LAPAK_ASIK', limit, gaps };
}

function durationText(from: string, to: string): string {
  const { years, months } = membershipDuration(from, to);
  if (years === 0) return `${months} bulan`;
  return months === 0 ? `${years} tahun` : `${years} tahun ${months} bulan`;
}

/** Rule 4; membership counts from the earliest start across all of the person's KPJ. */
export function jhtPartialPrecheck(input: {
  earliestStartDate: string;
  today: string;
  hasUsedPartial: boolean;
  balance: number;
  percent: 10 | 30;
}): Precheck<{ amount: number }> {
  const { earliestStartDate, today, hasUsedPartial, balance, percent } = input;
  if (hasUsedPartial) return no('PARTIAL_ALREADY_USED', 'Klaim JHT sebagian hanya bisa sekali seumur hidup, dan Anda sudah pernah mengajukannya.');
  if (monthsBetween(earliestStartDate, today) < PARTIAL_MIN_MONTHS) {
    return no('MEMBERSHIP_TOO_SHORT', `Klaim JHT sebagian hanya bisa setelah 10 tahun kepesertaan; kepesertaan Anda ${durationText(earliestStartDate, today)}.`);
  }
  if (balance <= 0) return no('NO_BALANCE', 'Saldo JHT Anda Rp0, jadi belum ada yang bisa dicairkan.');
  return { eligible: true, amount: percentOf(balance, percent) };
}

/** Rule 5, lump-sum case only: final 5% on the part above the threshold (PP 68/2009). */
export function jhtTaxLumpSum(gross: number, tables: readonly RateTable[] = DEFAULT_RATE_TABLES, date?: string): { tax: number; net: number } {
  const threshold = rateTableOn(date ?? FAR_FUTURE, tables).taxThreshold;
  const tax = percentOf(Math.max(0, gross - threshold), 5);
  return { tax, net: gross - tax };
}
