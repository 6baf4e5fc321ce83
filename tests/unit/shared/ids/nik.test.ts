import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { maskNik, NikSchema, nikMatchesPerson, parseNik } from '../../../../shared/ids/nik.ts';

const today = '2026-11-12';

describe('parseNik', () => {
  it('splits a man\u2019s NIK into region codes, birth date and serial', () => {
    expect(parseNik('3174051211010012', today)).toEqual({
      ok: true,
      value: { provinceCode: '31', regencyCode: '74', districtCode: '05', birthDate: '2001-11-12', sex: 'M', serial: '0012' },
    });
  });
  it('treats day 43 as a woman born on the 3rd', () => {
    const r = parseNik('3174054303900012', today);
    expect(r.ok && r.value).toMatchObject({ birthDate: '1990-03-03', sex: 'F' });
  });
  it('reads day 71 as a woman born on the 31st', () => {
    const r = parseNik('3174057101900012', today);
    expect(r.ok && r.value).toMatchObject({ birthDate: '1990-01-31', sex: 'F' });
  });
  it('puts YY up to this year in the 2000s and later YY in the 1900s', () => {
    const y26 = parseNik('3174050101260012', today);
    const y27 = parseNik('3174050101270012', today);
    expect(y26.ok && y26.value.birthDate).toBe('2026-01-01');
    expect(y27.ok && y27.value.birthDate).toBe('1927-01-01');
  });
  it('falls back to the 1900s when the 20YY date would still be in the future', () => {
    const r = parseNik('3174051512260012', today);
    expect(r.ok && r.value.birthDate).toBe('1926-12-15');
  });
  it.each([
    ['317405121101001', 'NIK_FORMAT'],
    ['31740512110100123', 'NIK_FORMAT'],
    ['3174 0512 1101 0012', 'NIK_FORMAT'],
    ['1074051211010012', 'NIK_PROVINCE'],
    ['9774051211010012', 'NIK_PROVINCE'],
    ['3174050011010012', 'NIK_DATE'],
    ['3174053211010012', 'NIK_DATE'],
    ['3174054011010012', 'NIK_DATE'],
    ['3174057211010012', 'NIK_DATE'],
    ['3174051213010012', 'NIK_DATE'],
    ['3174053002010012', 'NIK_DATE'],
    ['3174052902010012', 'NIK_DATE'],
    ['3174051211010000', 'NIK_SERIAL'],
  ])('rejects %s with %s', (nik, code) => {
    const r = parseNik(nik, today);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.code).toBe(code);
      expect(r.message.length).toBeGreaterThan(10);
    }
  });
  it('accepts province codes 11 and 96 at the edges', () => {
    expect(parseNik('1174051211010012', today).ok).toBe(true);
    expect(parseNik('9674051211010012', today).ok).toBe(true);
  });
  it('accepts 29 February in a leap year', () => {
    expect(parseNik('3174052902000012', today).ok).toBe(true);
  });
});

describe('maskNik', () => {
  it('shows only the first four and the last two digits', () => {
    expect(maskNik('3174051211010012')).toBe('3174••••••••••12');
  });
});

describe('nikMatchesPerson', () => {
  it('confirms when birth date and sex agree with the NIK', () => {
    expect(nikMatchesPerson('3174054303900012', '1990-03-03', 'F', today)).toBe(true);
  });
  it('refuses a wrong sex or birth date', () => {
    expect(nikMatchesPerson('3174054303900012', '1990-03-03', 'M', today)).toBe(false);
    expect(nikMatchesPerson('3174054303900012', '1990-03-04', 'F', today)).toBe(false);
    expect(nikMatchesPerson('bad', '1990-03-03', 'F', today)).toBe(false);
  });
});

describe('NikSchema', () => {
  it('trims spaces around 16 digits', () => {
    expect(v.parse(NikSchema, ' 3174051211010012 ')).toBe('3174051211010012');
  });
  it('explains the rule in Indonesian', () => {
    const r = v.safeParse(NikSchema, '31740512');
    expect(r.success).toBe(false);
    expect(r.issues?.[0]?.message).toBe('NIK harus 16 angka.');
  });
});
