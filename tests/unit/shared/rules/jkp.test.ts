import { describe, expect, it } from 'vitest';
import { jkpBenefit, jkpEligibility } from '../../../../shared/rules/jkp.ts';
import { addPeriods } from '../../../../shared/rules/dates.ts';

/** n consecutive periods ending at `last`. */
const run = (last: string, n: number): string[] => Array.from({ length: n }, (_, i) => addPeriods(last, -i));

const phkDate = '2026-11-12';
const today = '2026-11-20';

describe('jkpEligibility', () => {
  it('accepts 12 paid months in a row up to the PHK month', () => {
    expect(jkpEligibility({ paidPeriods: run('2026-11', 12), phkDate, endReason: 'PHK', today })).toEqual({
      eligible: true,
      paidMonths: 12,
      consecutiveMonths: 12,
      deadline: '2027-05-12',
    });
  });
  it('lets the consecutive run end in the month before PHK', () => {
    const r = jkpEligibility({ paidPeriods: run('2026-10', 12), phkDate, endReason: 'PHK', today });
    expect(r).toMatchObject({ eligible: true, consecutiveMonths: 12 });
  });
  it('names the count when fewer than 12 months were paid in the last 24', () => {
    expect(jkpEligibility({ paidPeriods: run('2026-11', 9), phkDate, endReason: 'PHK', today })).toEqual({
      eligible: false,
      code: 'JKP_TOO_FEW_MONTHS',
      message: 'Iuran Anda dalam 24 bulan sebelum PHK baru 9 bulan; minimal 12 bulan.',
    });
  });
  it('ignores months older than 24 months and after the PHK', () => {
    const paid = [...run('2026-11', 8), ...run('2024-11', 10), '2026-12', '2027-01'];
    expect(jkpEligibility({ paidPeriods: paid, phkDate, endReason: 'PHK', today })).toMatchObject({ code: 'JKP_TOO_FEW_MONTHS' });
    const edge = [...run('2026-11', 11), '2024-12'];
    expect(jkpEligibility({ paidPeriods: edge, phkDate, endReason: 'PHK', today })).toMatchObject({ eligible: true, paidMonths: 12 });
  });
  it('counts duplicate periods once', () => {
    const paid = [...run('2026-11', 11), '2026-11'];
    expect(jkpEligibility({ paidPeriods: paid, phkDate, endReason: 'PHK', today })).toMatchObject({ code: 'JKP_TOO_FEW_MONTHS' });
  });
  it('needs 6 consecutive months right before the PHK', () => {
    const paid = [...run('2026-11', 5), ...run('2026-05', 10)];
    expect(jkpEligibility({ paidPeriods: paid, phkDate, endReason: 'PHK', today })).toEqual({
      eligible: false,
      code: 'JKP_NOT_CONSECUTIVE',
      message: 'Iuran berturut-turut sampai PHK baru 5 bulan; minimal 6 bulan.',
    });
    const six = [...run('2026-11', 6), ...run('2026-04', 10)];
    expect(jkpEligibility({ paidPeriods: six, phkDate, endReason: 'PHK', today }).eligible).toBe(true);
  });
  it('is not for resignation', () => {
    expect(jkpEligibility({ paidPeriods: run('2026-11', 24), phkDate, endReason: 'RESIGN', today })).toEqual({
      eligible: false,
      code: 'JKP_NOT_PHK',
      message: 'JKP hanya untuk pekerja yang terkena PHK; alasan berhenti Anda tercatat: mengundurkan diri.',
    });
    expect(jkpEligibility({ paidPeriods: run('2026-11', 24), phkDate, endReason: null, today })).toMatchObject({ code: 'JKP_NOT_PHK' });
  });
  it('can be claimed until exactly 6 months after PHK, not a day later', () => {
    const paid = run('2026-11', 24);
    expect(jkpEligibility({ paidPeriods: paid, phkDate, endReason: 'PHK', today: '2027-05-12' }).eligible).toBe(true);
    expect(jkpEligibility({ paidPeriods: paid, phkDate, endReason: 'PHK', today: '2027-05-13' })).toEqual({
      eligible: false,
      code: 'JKP_DEADLINE_PASSED',
      message: 'Batas pengajuan JKP adalah 6 bulan setelah PHK, yaitu 12 Mei 2027, dan sudah lewat.',
    });
  });
});

describe('jkpBenefit', () => {
  it('pays 60% of a Rp4,000,000 wage: Rp2,400,000 a month', () => {
    expect(jkpBenefit(4_000_000)).toEqual({ monthly: 2_400_000, months: 6, total: 14_400_000 });
  });
  it('caps the wage at Rp5,000,000: at most Rp3,000,000 a month, Rp18,000,000 in total', () => {
    expect(jkpBenefit(5_000_000)).toEqual({ monthly: 3_000_000, months: 6, total: 18_000_000 });
    expect(jkpBenefit(12_000_000)).toEqual({ monthly: 3_000_000, months: 6, total: 18_000_000 });
  });
  it('rounds to whole rupiah', () => {
    expect(jkpBenefit(3_333_333).monthly).toBe(2_000_000);
    expect(jkpBenefit(1_000_001).monthly).toBe(600_001);
  });
});
