import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addMonths,
  addPeriods,
  ageOn,
  daysInMonth,
  formatPeriod,
  formatPeriodRange,
  formatShortDate,
  isIsoDate,
  membershipDuration,
  monthsBetween,
  periodIndex,
  periodOf,
} from '../../../../shared/rules/dates.ts';

describe('isIsoDate', () => {
  it('accepts real calendar days only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
  });
  it('knows century leap years', () => {
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
  });
});

describe('addMonths', () => {
  it('keeps the day when the target month has it', () => {
    expect(addMonths('2026-11-12', 1)).toBe('2026-12-12');
  });
  it('clamps 31 January + 1 month to the end of February', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
  });
  it('crosses year boundaries both ways', () => {
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-03-01', -26)).toBe('2024-01-01');
  });
  it('rejects impossible dates', () => {
    expect(() => addMonths('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('monthsBetween', () => {
  it('counts a month only once it is complete', () => {
    expect(monthsBetween('2026-01-15', '2026-02-14')).toBe(0);
    expect(monthsBetween('2026-01-15', '2026-02-15')).toBe(1);
  });
  it('treats 31 Jan to 28 Feb as one month, matching addMonths', () => {
    expect(monthsBetween('2025-01-31', '2025-02-28')).toBe(1);
  });
  it('is negative when the dates are reversed', () => {
    expect(monthsBetween('2026-03-01', '2026-01-01')).toBe(-2);
  });
  it('agrees with addMonths for any start and offset', () => {
    const day = fc.record({ y: fc.integer({ min: 1950, max: 2080 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) });
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 600 }), ({ y, m, d }, n) => {
        const from = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
        return monthsBetween(from, addMonths(from, n)) === n;
      }),
    );
  });
});

describe('ageOn', () => {
  it('adds a year on the birthday, not before', () => {
    expect(ageOn('1970-06-15', '2026-06-14')).toBe(55);
    expect(ageOn('1970-06-15', '2026-06-15')).toBe(56);
  });
  it('lets someone born on 29 Feb turn a year older on 28 Feb', () => {
    expect(ageOn('2004-02-29', '2005-02-28')).toBe(1);
  });
});

describe('periods', () => {
  it('maps a date to its month', () => {
    expect(periodOf('2026-11-12')).toBe('2026-11');
  });
  it('moves periods across years', () => {
    expect(addPeriods('2026-11', 3)).toBe('2027-02');
    expect(addPeriods('2026-01', -1)).toBe('2025-12');
  });
  it('orders periods as integers', () => {
    expect(periodIndex('2026-01') - periodIndex('2025-12')).toBe(1);
    expect(() => periodIndex('2026-13')).toThrow(RangeError);
  });
});

describe('membershipDuration', () => {
  it('reads as years and months', () => {
    expect(membershipDuration('2019-08-01', '2026-11-12')).toEqual({ years: 7, months: 3 });
  });
  it('never goes negative', () => {
    expect(membershipDuration('2026-11-12', '2026-01-01')).toEqual({ years: 0, months: 0 });
  });
});

describe('formatShortDate', () => {
  it('uses Indonesian month abbreviations', () => {
    expect(formatShortDate('2026-12-12')).toBe('12 Des 2026');
    expect(formatShortDate('2026-05-01')).toBe('1 Mei 2026');
    expect(formatShortDate('2026-08-17')).toBe('17 Agu 2026');
  });
  it('uses English abbreviations on request', () => {
    expect(formatShortDate('2026-05-01', 'en')).toBe('1 May 2026');
  });
});

describe('formatPeriodRange', () => {
  it('writes the months of a payment in words, the year once when both months share it', () => {
    expect(formatPeriodRange('2026-11', '2026-12')).toBe('November–Desember 2026');
    expect(formatPeriodRange('2026-12', '2027-01')).toBe('Desember 2026–Januari 2027');
    expect(formatPeriodRange('2026-08', '2026-08')).toBe('Agustus 2026');
    expect(formatPeriodRange('2026-05', '2026-06', 'en')).toBe('May–June 2026');
  });
  it('shortens a month to the three letters people write', () => {
    expect(formatPeriod('2026-08', 'id', 'short')).toBe('Agu 2026');
    expect(formatPeriod('2026-05', 'en', 'short')).toBe('May 2026');
  });
});
