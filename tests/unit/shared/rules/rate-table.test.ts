import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_TABLES, JKK_RISK_RATES_PERCENT, rateTableOn, type RateTable } from '../../../../shared/rules/rate-table.ts';

describe('rateTableOn', () => {
  it('uses the Rp10,042,300 JP cap until the end of February 2025', () => {
    expect(rateTableOn('2025-02-28').jpWageCap).toBe(10_042_300);
  });
  it('switches to Rp10,547,400 on 1 March 2025', () => {
    expect(rateTableOn('2025-03-01').jpWageCap).toBe(10_547_400);
  });
  it('uses the 2026 row from 1 March 2026 onward', () => {
    expect(rateTableOn('2026-03-01').jpWageCap).toBe(11_086_300);
    expect(rateTableOn('2030-01-01').jpWageCap).toBe(11_086_300);
  });
  it('falls back to the earliest row for older dates', () => {
    expect(rateTableOn('2020-01-01').validFrom).toBe('2024-03-01');
  });
  it('does not depend on the order of the rows', () => {
    const reversed = [...DEFAULT_RATE_TABLES].reverse();
    expect(rateTableOn('2025-06-01', reversed).jpWageCap).toBe(10_547_400);
    expect(rateTableOn('2020-06-01', reversed).jpWageCap).toBe(10_042_300);
  });
  it('throws on an empty table', () => {
    expect(() => rateTableOn('2025-01-01', [] as RateTable[])).toThrow(RangeError);
  });
  it('carries the fixed figures of DOMAIN.md', () => {
    expect(rateTableOn('2026-11-12')).toMatchObject({
      jkpWageCap: 5_000_000,
      jmoClaimLimit: 15_000_000,
      bpuJkm: 6_800,
      bpuMinIncome: 1_000_000,
      taxThreshold: 50_000_000,
      assumedReturnPercent: 5,
    });
  });
});

describe('JKK_RISK_RATES_PERCENT', () => {
  it('runs from 0.24% (very low risk) to 1.74% (very high risk)', () => {
    expect(JKK_RISK_RATES_PERCENT[0]).toBe(0.24);
    expect(JKK_RISK_RATES_PERCENT[4]).toBe(1.74);
  });
});
