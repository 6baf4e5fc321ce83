import { describe, expect, it } from 'vitest';
import { bpuContribution, bpuStatus, puContribution } from '../../../../shared/rules/contributions.ts';
import type { RateTable } from '../../../../shared/rules/rate-table.ts';

describe('puContribution', () => {
  it('splits a Rp5,000,000 wage in risk class 1', () => {
    expect(puContribution(5_000_000, 1, '2026-11-12')).toEqual({
      jhtEmployer: 185_000,
      jhtWorker: 100_000,
      jpEmployer: 100_000,
      jpWorker: 50_000,
      jkk: 12_000,
      jkm: 15_000,
      jkp: 18_000,
      workerTotal: 150_000,
      employerTotal: 312_000,
    });
  });
  it('caps JP at the Rp10,547,400 wage cap in force in 2025', () => {
    const c = puContribution(20_000_000, 3, '2025-06-01');
    expect(c.jpEmployer).toBe(210_948);
    expect(c.jpWorker).toBe(105_474);
    expect(c.jhtWorker).toBe(400_000);
    expect(c.jkk).toBe(178_000);
  });
  it('uses the new cap from 1 March 2026', () => {
    expect(puContribution(20_000_000, 1, '2026-02-28').jpWorker).toBe(105_474);
    expect(puContribution(20_000_000, 1, '2026-03-01').jpWorker).toBe(110_863);
  });
  it('applies each JKK risk class rate', () => {
    expect([1, 2, 3, 4, 5].map((k) => puContribution(10_000_000, k as 1 | 2 | 3 | 4 | 5, '2026-01-01').jkk)).toEqual([
      24_000, 54_000, 89_000, 127_000, 174_000,
    ]);
  });
  it('keeps JKP out of both worker and employer totals', () => {
    const c = puContribution(4_000_000, 2, '2026-01-01');
    expect(c.jkp).toBe(14_400);
    expect(c.workerTotal).toBe(c.jhtWorker + c.jpWorker);
    expect(c.employerTotal).toBe(c.jhtEmployer + c.jpEmployer + c.jkk + c.jkm);
  });
  it('bases JKP on at most Rp5,000,000', () => {
    expect(puContribution(8_000_000, 1, '2026-01-01').jkp).toBe(18_000);
  });
  it('rejects negative wages', () => {
    expect(() => puContribution(-1, 1, '2026-01-01')).toThrow(RangeError);
  });
});

describe('bpuContribution', () => {
  it('charges the minimum package of Rp16,800 a month', () => {
    expect(bpuContribution(1_000_000, false, 1)).toEqual({ base: 1_000_000, jkk: 10_000, jkm: 6_800, jht: 0, monthly: 16_800, total: 16_800 });
  });
  it('charges Rp36,800 with the optional JHT', () => {
    expect(bpuContribution(1_000_000, true, 1).monthly).toBe(36_800);
  });
  it('raises income below Rp1,000,000 to the minimum bracket', () => {
    expect(bpuContribution(600_000, false, 1).base).toBe(1_000_000);
    expect(bpuContribution(0, false, 1).monthly).toBe(16_800);
  });
  it('scales with declared income and months paid ahead', () => {
    const c = bpuContribution(3_000_000, true, 12);
    expect(c.monthly).toBe(30_000 + 6_800 + 60_000);
    expect(c.total).toBe(96_800 * 12);
  });
  it('accepts 1 to 12 months only', () => {
    expect(() => bpuContribution(1_000_000, false, 0)).toThrow(RangeError);
    expect(() => bpuContribution(1_000_000, false, 13)).toThrow(RangeError);
    expect(() => bpuContribution(1_000_000, false, 1.5)).toThrow(RangeError);
  });
  it('uses the JKM amount of the row in force on the given date', () => {
    const tables: RateTable[] = [
      { validFrom: '2024-01-01', jpWageCap: 1, jpMinBenefit: 1, jpMaxBenefit: 1, jkpWageCap: 1, jmoClaimLimit: 1, bpuJkm: 6_800, bpuMinIncome: 1_000_000, taxThreshold: 1, assumedReturnPercent: 5 },
      { validFrom: '2027-01-01', jpWageCap: 1, jpMinBenefit: 1, jpMaxBenefit: 1, jkpWageCap: 1, jmoClaimLimit: 1, bpuJkm: 7_000, bpuMinIncome: 1_000_000, taxThreshold: 1, assumedReturnPercent: 5 },
    ];
    expect(bpuContribution(1_000_000, false, 1, tables, '2026-12-31').jkm).toBe(6_800);
    expect(bpuContribution(1_000_000, false, 1, tables, '2027-01-01').jkm).toBe(7_000);
    expect(bpuContribution(1_000_000, false, 1, tables).jkm).toBe(7_000);
  });
});

describe('bpuStatus', () => {
  it('is active through the last paid month', () => {
    expect(bpuStatus('2026-11', '2026-11-30')).toEqual({ status: 'ACTIVE', monthsOverdue: 0 });
    expect(bpuStatus('2027-02', '2026-11-12')).toEqual({ status: 'ACTIVE', monthsOverdue: 0 });
  });
  it('is in grace 1 to 3 months after', () => {
    expect(bpuStatus('2026-10', '2026-11-01')).toEqual({ status: 'GRACE', monthsOverdue: 1 });
    expect(bpuStatus('2026-08', '2026-11-12')).toEqual({ status: 'GRACE', monthsOverdue: 3 });
  });
  it('ends after more than 3 unpaid months, across a year boundary too', () => {
    expect(bpuStatus('2026-07', '2026-11-12')).toEqual({ status: 'ENDED', monthsOverdue: 4 });
    expect(bpuStatus('2025-12', '2026-04-01')).toEqual({ status: 'ENDED', monthsOverdue: 4 });
  });
});
