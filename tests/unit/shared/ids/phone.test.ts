import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import fc from 'fast-check';
import { maskPhone, normalizePhone, PhoneSchema } from '../../../../shared/ids/phone.ts';

describe('normalizePhone', () => {
  it.each(['0812 3456 7890', '0812-3456-7890', '62 812 3456 7890', '+62 812-3456-7890', '+6281234567890'])(
    'turns %s into E.164',
    (input) => {
      expect(normalizePhone(input)).toBe('+6281234567890');
    },
  );
  it('accepts 10 to 13 digit local numbers', () => {
    expect(normalizePhone('0812345678')).toBe('+62812345678');
    expect(normalizePhone('0812345678901')).toBe('+62812345678901');
  });
  it('rejects numbers that are too short or too long', () => {
    expect(normalizePhone('081234567')).toBeNull();
    expect(normalizePhone('08123456789012')).toBeNull();
  });
  it('rejects landlines, foreign numbers and letters', () => {
    expect(normalizePhone('021 555 1234')).toBeNull();
    expect(normalizePhone('+65 8123 4567')).toBeNull();
    expect(normalizePhone('0812abc67890')).toBeNull();
    expect(normalizePhone('')).toBeNull();
  });
  it('is idempotent', () => {
    const local = fc.tuple(fc.constantFrom('0', '62', '+62'), fc.stringMatching(/^8\d{7,12}$/));
    fc.assert(
      fc.property(local, ([prefix, rest]) => {
        const once = normalizePhone(prefix + rest);
        return once === null || normalizePhone(once) === once;
      }),
    );
  });
});

describe('PhoneSchema', () => {
  it('outputs E.164', () => {
    expect(v.parse(PhoneSchema, '0812 3456 7890')).toBe('+6281234567890');
  });
  it('gives an example in its message', () => {
    const r = v.safeParse(PhoneSchema, '12345');
    expect(r.issues?.[0]?.message).toBe('Nomor HP tidak valid. Contoh: 0812 3456 7890.');
  });
});

describe('maskPhone', () => {
  it('keeps the operator prefix and last four digits', () => {
    expect(maskPhone('+6281234567890')).toBe('+62 812••••7890');
    expect(maskPhone('+62812345678')).toBe('+62 812••5678');
  });
});
