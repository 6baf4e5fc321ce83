import { describe, expect, it } from 'vitest';
import { contributionYears, programLines } from '../../../../client/features/balance/contribution-months.ts';
import type { ContributionRecord } from '../../../../shared/sync/entities.ts';

const month = (period: string, status: ContributionRecord['status'] = 'PAID'): ContributionRecord => ({
  key: period,
  kpj: '99000000001',
  period,
  wageBase: 5_000_000,
  jhtEmployer: 185_000,
  jhtWorker: 100_000,
  jpEmployer: 0,
  jpWorker: 0,
  jkk: 12_000,
  jkm: 15_000,
  jkp: 0,
  status,
  paidAt: status === 'PAID' ? `${period}-15` : null,
});

describe('contributionYears', () => {
  it('lists months newest first by year, with unpaid and missing months as gaps', () => {
    const years = contributionYears([month('2025-11'), month('2025-12', 'UNPAID'), month('2026-02')], null);
    expect(years.map((y) => y.year)).toEqual(['2026', '2025']);
    expect(years[0]!.months.map((m) => [m.period, m.isGap])).toEqual([
      ['2026-02', false],
      ['2026-01', true],
    ]);
    expect(years[1]).toMatchObject({ paidMonths: 1, gapMonths: 1, jhtPaid: 285_000 });
  });

  it('extends an active card to the last complete month, so recent missing months show', () => {
    const years = contributionYears([month('2026-08')], '2026-10');
    expect(years[0]!.months.map((m) => m.period)).toEqual(['2026-10', '2026-09', '2026-08']);
    expect(years[0]!.gapMonths).toBe(2);
  });

  it('is empty without rows', () => {
    expect(contributionYears([], '2026-10')).toEqual([]);
  });
});

describe('programLines', () => {
  const puMonth: ContributionRecord = { ...month('2026-05'), wageBase: 5_400_000, jhtEmployer: 199_800, jhtWorker: 108_000, jpEmployer: 108_000, jpWorker: 54_000 };

  it('names each figure of an employee month by program and payer, so the JHT line is what the year adds up', () => {
    expect(programLines(puMonth, 'PU')).toEqual([
      { program: 'JHT', amount: 307_800, employer: 199_800, worker: 108_000 },
      { program: 'JP', amount: 162_000, employer: 108_000, worker: 54_000 },
    ]);
    const [year] = contributionYears([puMonth], null);
    expect(year).toMatchObject({ jhtPaid: 307_800, jpPaid: 162_000 });
  });

  it('shows a self-employed month as the JHT, JKK and JKM the member paid, leaving out programs without a contribution', () => {
    const bpuMonth = { ...month('2026-05'), jhtEmployer: 0, jhtWorker: 50_000, jkk: 25_000, jkm: 6_800 };
    expect(programLines(bpuMonth, 'BPU')).toEqual([
      { program: 'JHT', amount: 50_000 },
      { program: 'JKK', amount: 25_000 },
      { program: 'JKM', amount: 6_800 },
    ]);
    expect(programLines({ ...puMonth, jpEmployer: 0, jpWorker: 0 }, 'PU').map((line) => line.program)).toEqual(['JHT']);
  });
});
