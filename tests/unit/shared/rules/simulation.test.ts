import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MembershipRecord } from '../../../../shared/sync/entities.ts';
import { jhtBasisOf, jpPensionAge, simulateJht, simulateJp } from '../../../../shared/rules/simulation.ts';

describe('simulateJht', () => {
  it('adds 5.7% of the wage every month when the return is zero', () => {
    const r = simulateJht({ balance0: 10_000_000, monthlyWage: 5_000_000, years: 2, returnPercent: 0 });
    expect(r.totalContributions).toBe(285_000 * 24);
    expect(r.finalBalance).toBe(10_000_000 + 285_000 * 24);
    expect(r.totalDevelopment).toBe(0);
    expect(r.yearly).toEqual([
      { year: 1, balance: 13_420_000 },
      { year: 2, balance: 16_840_000 },
    ]);
  });
  it('compounds the default 5% a year monthly', () => {
    const r = simulateJht({ balance0: 12_000_000, monthlyWage: 0, years: 1 });
    expect(r.finalBalance).toBe(Math.round(12_000_000 * (1 + 0.05 / 12) ** 12));
    expect(r.finalBalance).toBe(12_613_943);
    expect(r.totalDevelopment).toBe(613_943);
  });
  it('raises the wage once a year, not monthly', () => {
    const r = simulateJht({ balance0: 0, monthlyWage: 1_000_000, years: 2, wageGrowthPercent: 10, returnPercent: 0 });
    expect(r.totalContributions).toBe(57_000 * 12 + 62_700 * 12);
  });
  it('returns the starting balance for zero years', () => {
    expect(simulateJht({ balance0: 5_000_000, monthlyWage: 3_000_000, years: 0 })).toEqual({
      finalBalance: 5_000_000,
      totalContributions: 0,
      totalDevelopment: 0,
      yearly: [],
    });
  });
  it('rejects fractional years', () => {
    expect(() => simulateJht({ balance0: 0, monthlyWage: 1, years: 1.5 })).toThrow(RangeError);
  });
  it('always splits the final balance into start, contributions and development', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500_000_000 }),
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.integer({ min: 0, max: 40 }),
        (balance0, monthlyWage, years) => {
          const r = simulateJht({ balance0, monthlyWage, years });
          return r.finalBalance === balance0 + r.totalContributions + r.totalDevelopment && r.totalDevelopment >= 0;
        },
      ),
    );
  });
});

describe('simulateJp', () => {
  it('pays a monthly pension from 180 contribution months', () => {
    expect(simulateJp({ avgWage: 6_000_000, contributionMonths: 180, date: '2026-11-12' })).toEqual({ kind: 'MONTHLY', monthly: 900_000 });
  });
  it('caps the wage at the JP wage cap in force', () => {
    expect(simulateJp({ avgWage: 20_000_000, contributionMonths: 240, date: '2025-06-01' })).toEqual({ kind: 'MONTHLY', monthly: 2_109_480 });
  });
  it('raises small pensions to the Rp393,500 minimum', () => {
    expect(simulateJp({ avgWage: 2_000_000, contributionMonths: 180, date: '2026-11-12' })).toEqual({ kind: 'MONTHLY', monthly: 393_500 });
  });
  it('limits pensions to the Rp4,700,000 maximum', () => {
    const tables = [{ validFrom: '2024-03-01', jpWageCap: 20_000_000, jpMinBenefit: 393_500, jpMaxBenefit: 4_700_000, jkpWageCap: 5_000_000, jmoClaimLimit: 15_000_000, bpuJkm: 6_800, bpuMinIncome: 1_000_000, taxThreshold: 50_000_000, assumedReturnPercent: 5 }];
    expect(simulateJp({ avgWage: 20_000_000, contributionMonths: 480, date: '2026-01-01', tables })).toEqual({ kind: 'MONTHLY', monthly: 4_700_000 });
  });
  it('pays a lump sum below 180 months: 3% of the wage each month plus returns', () => {
    const r = simulateJp({ avgWage: 5_000_000, contributionMonths: 179, date: '2026-11-12' });
    expect(r.kind).toBe('LUMP_SUM');
    const i = 0.05 / 12;
    expect(r.kind === 'LUMP_SUM' && r.amount).toBe(Math.round((150_000 * ((1 + i) ** 179 - 1)) / i));
    expect(r.kind === 'LUMP_SUM' && r.amount).toBeGreaterThan(150_000 * 179);
  });
  it('gives nothing for no contributions', () => {
    expect(simulateJp({ avgWage: 5_000_000, contributionMonths: 0, date: '2026-11-12' })).toEqual({ kind: 'LUMP_SUM', amount: 0 });
  });
});

describe('jpPensionAge', () => {
  it('was 56 before 2019 and 57 from 2019', () => {
    expect(jpPensionAge(2018)).toBe(56);
    expect(jpPensionAge(2019)).toBe(57);
    expect(jpPensionAge(2021)).toBe(57);
    expect(jpPensionAge(2022)).toBe(58);
  });
  it('is 59 in 2025 to 2027 and 60 in 2028', () => {
    expect([2025, 2026, 2027].map(jpPensionAge)).toEqual([59, 59, 59]);
    expect(jpPensionAge(2028)).toBe(60);
  });
  it('stops at 65 from 2043', () => {
    expect(jpPensionAge(2042)).toBe(64);
    expect(jpPensionAge(2043)).toBe(65);
    expect(jpPensionAge(2100)).toBe(65);
  });
});

describe('a JHT projection for a self-employed (BPU) member', () => {
  const card = (overrides: Partial<MembershipRecord>): MembershipRecord => ({
    key: 'k',
    kpj: '99000000001',
    segment: 'BPU',
    employerName: null,
    programs: ['JKK', 'JKM', 'JHT'],
    status: 'ACTIVE',
    startDate: '2021-05-01',
    endDate: null,
    endReason: null,
    reportedWage: null,
    declaredIncome: 2_500_000,
    cardToken: 't',
    ...overrides,
  });

  it('adds the 2% of declared income the member pays, not 5.7% of a wage', () => {
    const basis = jhtBasisOf([card({})]);
    expect(basis).toEqual({ segment: 'BPU', monthlyWage: 2_500_000, jhtRatePercent: 2 });
    const r = simulateJht({ balance0: 0, monthlyWage: basis!.monthlyWage, jhtRatePercent: basis!.jhtRatePercent, years: 1, returnPercent: 0 });
    expect(r.totalContributions).toBe(50_000 * 12);
  });

  it('counts income below the BPU minimum as the minimum, and nothing when JHT was not chosen', () => {
    expect(jhtBasisOf([card({ declaredIncome: 600_000 })])?.monthlyWage).toBe(1_000_000);
    expect(jhtBasisOf([card({ programs: ['JKK', 'JKM'] })])).toBeNull();
  });

  it('uses the active employee cards, whose wages add up at 5.7%', () => {
    const pu = (wage: number, status: MembershipRecord['status'] = 'ACTIVE') => card({ segment: 'PU', programs: ['JHT', 'JKK', 'JKM'], reportedWage: wage, declaredIncome: null, status });
    expect(jhtBasisOf([pu(4_000_000), pu(3_000_000), pu(9_000_000, 'NONACTIVE'), card({})])).toEqual({ segment: 'PU', monthlyWage: 7_000_000, jhtRatePercent: 5.7 });
  });
});
