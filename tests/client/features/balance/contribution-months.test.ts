import { describe, expect, it } from 'vitest';
import { contributionYears } from '../../../../client/features/balance/contribution-months.ts';
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
