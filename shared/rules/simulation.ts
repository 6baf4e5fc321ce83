// Balance and pension estimates (DOMAIN.md rules 10–12); results are estimates and the UI must label them so.
import { roundRupiah } from '../money/rupiah.ts';
import { DEFAULT_RATE_TABLES, rateTableOn, type RateTable } from './rate-table.ts';
import type { MembershipRecord } from '../sync/entities.ts';

/** Employer 3.7% + worker 2% go into the JHT account every month. */
const PU_JHT_RATE_PERCENT = 5.7;
/** A self-employed (BPU) member who chose JHT pays 2% of the declared income (rule 9). */
const BPU_JHT_RATE_PERCENT = 2;
/** Employer 2% + worker 1% go into JP every month. */
const JP_RATE = 0.03;
const MONTHLY_PENSION_MIN_MONTHS = 180;

/** Year-end balances let the UI draw a simple growth chart. */
export interface JhtSimulation {
  finalBalance: number;
  totalContributions: number;
  totalDevelopment: number;
  yearly: { year: number; balance: number }[];
}

/**
 * Rule 10: B(t+1) = B(t)·(1 + r/12) + rate·W(t), rate 5.7% for employees and 2% of the declared
 * income for BPU members; wages rise once a year; rounding happens only at the end.
 */
export function simulateJht(input: {
  balance0: number;
  monthlyWage: number;
  years: number;
  wageGrowthPercent?: number;
  returnPercent?: number;
  jhtRatePercent?: number;
}): JhtSimulation {
  const { balance0, monthlyWage, years, wageGrowthPercent = 0, returnPercent = 5, jhtRatePercent = PU_JHT_RATE_PERCENT } = input;
  if (!Number.isInteger(years) || years < 0 || years > 80) throw new RangeError(`years must be 0..80, got ${years}`);
  const monthlyRate = returnPercent / 100 / 12;
  let balance = balance0;
  let contributions = 0;
  let wage = monthlyWage;
  const yearly: { year: number; balance: number }[] = [];
  for (let year = 1; year <= years; year += 1) {
    for (let month = 0; month < 12; month += 1) {
      const contribution = (jhtRatePercent / 100) * wage;
      balance = balance * (1 + monthlyRate) + contribution;
      contributions += contribution;
    }
    yearly.push({ year, balance: roundRupiah(balance) });
    wage *= 1 + wageGrowthPercent / 100;
  }
  const finalBalance = roundRupiah(balance);
  const totalContributions = roundRupiah(contributions);
  return { finalBalance, totalContributions, totalDevelopment: finalBalance - roundRupiah(balance0) - totalContributions, yearly };
}

/** What the JHT projection starts from: the wage (or BPU income) the member actually contributes on. */
export interface JhtBasis {
  segment: 'PU' | 'BPU';
  monthlyWage: number;
  jhtRatePercent: number;
}

/**
 * Active employee cards first (their wages add up, 5.7% each); otherwise an active BPU card with
 * JHT at 2% of its declared income (at least the BPU minimum); null when nothing active pays into JHT.
 */
export function jhtBasisOf(memberships: readonly MembershipRecord[], tables: readonly RateTable[] = DEFAULT_RATE_TABLES): JhtBasis | null {
  const paying = memberships.filter((m) => m.status === 'ACTIVE' && m.programs.includes('JHT'));
  const employeeWage = paying.filter((m) => m.segment === 'PU').reduce((sum, m) => sum + (m.reportedWage ?? 0), 0);
  if (employeeWage > 0) return { segment: 'PU', monthlyWage: employeeWage, jhtRatePercent: PU_JHT_RATE_PERCENT };
  const bpu = paying.find((m) => m.segment === 'BPU');
  if (!bpu) return null;
  const minIncome = rateTableOn('9999-12-31', tables).bpuMinIncome;
  return { segment: 'BPU', monthlyWage: Math.max(bpu.declaredIncome ?? 0, minIncome), jhtRatePercent: BPU_JHT_RATE_PERCENT };
}

/** Monthly pension for life, or a lump sum when contributions fall short of 15 years. */
export type JpSimulation = { kind: 'MONTHLY'; monthly: number } | { kind: 'LUMP_SUM'; amount: number };

/**
 * Rule 11. The wage is capped at the JP wage cap on `date`; the lump sum grows each month's 3% at the
 * table's assumed return, which is an assumption, not the return BPJSTK will actually credit.
 */
export function simulateJp(input: { avgWage: number; contributionMonths: number; date: string; tables?: readonly RateTable[] }): JpSimulation {
  const { avgWage, contributionMonths: months, date, tables = DEFAULT_RATE_TABLES } = input;
  if (!Number.isInteger(months) || months < 0) throw new RangeError(`contributionMonths must be a whole number >= 0, got ${months}`);
  const table = rateTableOn(date, tables);
  const wage = Math.max(0, Math.min(avgWage, table.jpWageCap));
  if (months < MONTHLY_PENSION_MIN_MONTHS) {
    const monthlyContribution = JP_RATE * wage;
    const i = table.assumedReturnPercent / 100 / 12;
    const amount = i === 0 ? monthlyContribution * months : (monthlyContribution * ((1 + i) ** months - 1)) / i;
    return { kind: 'LUMP_SUM', amount: roundRupiah(amount) };
  }
  const formula = (wage * months) / 1200;
  return { kind: 'MONTHLY', monthly: roundRupiah(Math.min(table.jpMaxBenefit, Math.max(table.jpMinBenefit, formula))) };
}

/** Rule 12 (PP 45/2015 art. 15): 56 at the start, 57 from 2019, one more year every 3 years, at most 65. */
export function jpPensionAge(year: number): number {
  if (year < 2019) return 56;
  return Math.min(65, 57 + Math.floor((year - 2019) / 3));
}
