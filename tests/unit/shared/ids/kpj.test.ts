import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { isKpj, KpjSchema } from '../../../../shared/ids/kpj.ts';

describe('KPJ', () => {
  it('accepts exactly 11 digits', () => {
    expect(isKpj('12345678901')).toBe(true);
    expect(isKpj('1234567890')).toBe(false);
    expect(isKpj('123456789012')).toBe(false);
    expect(isKpj('1234567890a')).toBe(false);
  });
  it('trims a pasted number in the form', () => {
    expect(v.parse(KpjSchema, ' 12345678901\n')).toBe('12345678901');
  });
  it('explains the rule in Indonesian', () => {
    const r = v.safeParse(KpjSchema, '123');
    expect(r.issues?.[0]?.message).toBe('Nomor KPJ harus 11 angka.');
  });
});
