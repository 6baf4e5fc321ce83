import { addPeriods } from '../../../shared/rules/dates.ts';
import type { ContributionRecord } from '../../../shared/sync/entities.ts';

export interface MonthLine {
  period: string;
  row: ContributionRecord | null;
  /** Unpaid, or missing although the card was active: the employer did not pay that month. */
  isGap: boolean;
}

export interface YearSummary {
  year: string;
  months: MonthLine[];
  paidMonths: number;
  gapMonths: number;
  jhtPaid: number;
  jpPaid: number;
}

/** One program's part of a month: employee cards split it by payer, BPU members pay it all themselves. */
export interface ProgramLine {
  program: 'JHT' | 'JP' | 'JKK' | 'JKM';
  amount: number;
  employer?: number;
  worker?: number;
}

/**
 * Names every figure of a month by program, so a month's JHT lines add up to the year's JHT
 * and JP (a pension, not part of the JHT balance) is never mixed in with it.
 */
export function programLines(row: ContributionRecord, segment: 'PU' | 'BPU'): ProgramLine[] {
  const lines: ProgramLine[] =
    segment === 'BPU'
      ? [
          { program: 'JHT', amount: row.jhtWorker },
          { program: 'JKK', amount: row.jkk },
          { program: 'JKM', amount: row.jkm },
        ]
      : [
          { program: 'JHT', amount: row.jhtEmployer + row.jhtWorker, employer: row.jhtEmployer, worker: row.jhtWorker },
          { program: 'JP', amount: row.jpEmployer + row.jpWorker, employer: row.jpEmployer, worker: row.jpWorker },
        ];
  return lines.filter((line) => line.amount > 0);
}

/**
 * Month by month from the card's first to its last period, newest first, grouped by year.
 * Months with no row at all are gaps too: an employer that skips a month sends nothing.
 */
export function contributionYears(rows: ContributionRecord[], lastPeriod: string | null): YearSummary[] {
  if (rows.length === 0) return [];
  const byPeriod = new Map(rows.map((row) => [row.period, row]));
  const periods = rows.map((row) => row.period).sort();
  const first = periods[0]!;
  const last = lastPeriod && lastPeriod > periods.at(-1)! ? lastPeriod : periods.at(-1)!;
  const years = new Map<string, YearSummary>();
  for (let period = last; period >= first; period = addPeriods(period, -1)) {
    const row = byPeriod.get(period) ?? null;
    const isGap = !row || row.status === 'UNPAID';
    const year = period.slice(0, 4);
    const summary = years.get(year) ?? { year, months: [], paidMonths: 0, gapMonths: 0, jhtPaid: 0, jpPaid: 0 };
    summary.months.push({ period, row, isGap });
    if (isGap) summary.gapMonths++;
    else {
      summary.paidMonths++;
      summary.jhtPaid += row!.jhtEmployer + row!.jhtWorker;
      summary.jpPaid += row!.jpEmployer + row!.jpWorker;
    }
    years.set(year, summary);
  }
  return [...years.values()];
}
