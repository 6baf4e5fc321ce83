import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatRupiah, percentOf, roundRupiah } from '../../../../shared/money/rupiah.ts';

describe('roundRupiah', () => {
  it('rounds halves up to the next rupiah', () => {
    expect(roundRupiah(1234.5)).toBe(1235);
    expect(roundRupiah(1234.49)).toBe(1234);
  });
  it('rounds negative halves away from zero', () => {
    expect(roundRupiah(-1234.5)).toBe(-1235);
    expect(roundRupiah(-0.4)).toBe(0);
    expect(Object.is(roundRupiah(-0.4), 0)).toBe(true);
  });
  it('is not fooled by float artefacts just below a half', () => {
    expect(roundRupiah(1234.4999999999998)).toBe(1235);
    expect(roundRupiah(1.005 * 1000)).toBe(1005);
  });
  it('refuses NaN and Infinity', () => {
    expect(() => roundRupiah(Number.NaN)).toThrow(RangeError);
    expect(() => roundRupiah(Infinity)).toThrow(RangeError);
  });
});

describe('formatRupiah', () => {
  it('groups thousands with dots in Indonesian', () => {
    expect(formatRupiah(1_234_567)).toBe('Rp1.234.567');
    expect(formatRupiah(16_800, 'id')).toBe('Rp16.800');
  });
  it('groups thousands with commas in English', () => {
    expect(formatRupiah(1_234_567, 'en')).toBe('Rp1,234,567');
  });
  it('handles small, zero and negative amounts', () => {
    expect(formatRupiah(0)).toBe('Rp0');
    expect(formatRupiah(999)).toBe('Rp999');
    expect(formatRupiah(1000)).toBe('Rp1.000');
    expect(formatRupiah(-500_000)).toBe('-Rp500.000');
  });
  it('keeps every digit and the sign of any integer amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), fc.constantFrom('id' as const, 'en' as const), (n, lang) => {
        const text = formatRupiah(n, lang);
        const back = Number(text.replace(/\D/g, '')) * (text.startsWith('-') ? -1 : 1);
        return back === n && /^-?Rp\d{1,3}([.,]\d{3})*$/.test(text);
      }),
    );
  });
});

describe('percentOf', () => {
  it('takes JKK class 2 (0.54%) of a Rp5,000,000 wage as Rp27,000', () => {
    expect(percentOf(5_000_000, 0.54)).toBe(27_000);
  });
  it('takes JHT 5.7% of Rp4,901,790 as Rp279,402 and rounds halves up', () => {
    expect(percentOf(4_901_790, 5.7)).toBe(279_402);
    expect(percentOf(10, 5)).toBe(1);
    expect(percentOf(9, 5)).toBe(0);
  });
  it('avoids the float error of 0.29 * 100', () => {
    expect(percentOf(1_000_000, 0.29)).toBe(2_900);
    expect(percentOf(1_000_000, 1.1)).toBe(11_000);
  });
  it('matches exact rational arithmetic for integer amounts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 10_000 }), (amount, bp) => {
        const exact = (BigInt(amount) * BigInt(bp) * 2n + 10_000n) / 20_000n;
        return percentOf(amount, bp / 100) === Number(exact);
      }),
    );
  });
});
