// Contribution maths for wage earners (PU, rule 8) and the self-employed (BPU, rule 9) in DOMAIN.md.
import { percentOf } from '../money/rupiah.ts';
import { periodIndex, periodOf } from './dates.ts';
import { DEFAULT_RATE_TABLES, JKK_RISK_RATES_PERCENT, rateTableOn, type RateTable } from './rate-table.ts';

/**
 * A month's contribution split by program and payer, in whole rupiah: declared once here for
 * the rules, the synced record (shared/sync/entities.ts) and the seed. JKP is not billed to
 * anyone (see puContribution); a program the card does not have is 0.
 */
export interface ContributionAmounts {
  jhtEmployer: number;
  jhtWorker: number;
  jpEmployer: number;
  jpWorker: number;
  jkk: number;
  jkm: number;
  jkp: number;
}

/** Monthly PU contribution split by program and payer, and what each payer pays in all. */
export interface PuContribution extends ContributionAmounts {
  workerTotal: number;
  employerTotal: number;
}

function assertAmount(x: number, what: string): void {
  if (!Number.isFinite(x) || x < 0) throw new RangeError(`${what} must be a non-negative amount, got ${x}`);
}

/** Lets a payslip be checked: the worker only ever pays JHT 2% and JP 1% (of the capped wage). */
export function puContribution(
  wage: number,
  riskClass: 1 | 2 | 3 | 4 | 5,
  date: string,
  tables: readonly RateTable[] = DEFAULT_RATE_TABLES,
): PuContribution {
  assertAmount(wage, 'wage');
  const table = rateTableOn(date, tables);
  const jpBase = Math.min(wage, table.jpWageCap);
  const jhtEmployer = percentOf(wage, 3.7);
  const jhtWorker = percentOf(wage, 2);
  const jpEmployer = percentOf(jpBase, 2);
  const jpWorker = percentOf(jpBase, 1);
  const jkk = percentOf(wage, JKK_RISK_RATES_PERCENT[riskClass - 1] ?? Number.NaN);
  const jkm = percentOf(wage, 0.3);
  // JKP is funded by government and recomposed JKK, on a wage capped at Rp5 juta (PP 37/2021); never the employer's bill.
  const jkp = percentOf(Math.min(wage, table.jkpWageCap), 0.36);
  return {
    jhtEmployer,
    jhtWorker,
    jpEmployer,
    jpWorker,
    jkk,
    jkm,
    jkp,
    workerTotal: jhtWorker + jpWorker,
    employerTotal: jhtEmployer + jpEmployer + jkk + jkm,
  };
}

/** BPU bill; jkk, jkm and jht are per month, total covers all months paid at once. */
export interface BpuContribution {
  base: number;
  jkk: number;
  jkm: number;
  jht: number;
  monthly: number;
  total: number;
}

/** Without a date the newest row applies, since payments are made for current and coming months. */
export function bpuContribution(
  income: number,
  withJht: boolean,
  months: number,
  tables: readonly RateTable[] = DEFAULT_RATE_TABLES,
  date?: string,
): BpuContribution {
  if (!Number.isInteger(months) || months < 1 || months > 12) throw new RangeError(`months must be 1..12, got ${months}`);
  assertAmount(income, 'income');
  const table = rateTableOn(date ?? '9999-12-31', tables);
  const base = Math.max(income, table.bpuMinIncome);
  const jkk = percentOf(base, 1);
  const jkm = table.bpuJkm;
  const jht = withJht ? percentOf(base, 2) : 0;
  const monthly = jkk + jkm + jht;
  return { base, jkk, jkm, jht, monthly, total: monthly * months };
}

/** Protection state of a BPU member; arrears can still be paid up to 3 months late (Perdir 22/2022). */
export type BpuStatus = 'ACTIVE' | 'GRACE' | 'ENDED';

/** Months are compared, not days, because BPU contributions cover whole calendar months. */
export function bpuStatus(paidThroughPeriod: string, today: string): { status: BpuStatus; monthsOverdue: number } {
  const overdue = periodIndex(periodOf(today)) - periodIndex(paidThroughPeriod);
  if (overdue <= 0) return { status: 'ACTIVE', monthsOverdue: 0 };
  return { status: overdue <= 3 ? 'GRACE' : 'ENDED', monthsOverdue: overdue };
}
