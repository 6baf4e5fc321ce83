import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { BankAccountSchema, BANKS } from '../../../../shared/ids/bank.ts';

describe('BANKS', () => {
  it('lists the main payout banks with unique clearing codes', () => {
    expect(BANKS.find((b) => b.code === '002')?.name).toBe('BRI');
    expect(BANKS.find((b) => b.code === '451')?.name).toBe('BSI');
    expect(new Set(BANKS.map((b) => b.code)).size).toBe(BANKS.length);
  });
});

describe('BankAccountSchema', () => {
  it('strips spaces from the account number and trims the name', () => {
    expect(v.parse(BankAccountSchema, { bankCode: '014', number: '123 456 7890', holderName: ' Sari Dewi ' })).toEqual({
      bankCode: '014',
      number: '1234567890',
      holderName: 'Sari Dewi',
    });
  });
  it('accepts 6 to 20 digits', () => {
    expect(v.safeParse(BankAccountSchema, { bankCode: '002', number: '123456', holderName: 'Ani' }).success).toBe(true);
    expect(v.safeParse(BankAccountSchema, { bankCode: '002', number: '1'.repeat(20), holderName: 'Ani' }).success).toBe(true);
    expect(v.safeParse(BankAccountSchema, { bankCode: '002', number: '12345', holderName: 'Ani' }).success).toBe(false);
    expect(v.safeParse(BankAccountSchema, { bankCode: '002', number: '1'.repeat(21), holderName: 'Ani' }).success).toBe(false);
  });
  it('rejects unknown banks and one-letter names', () => {
    const r = v.safeParse(BankAccountSchema, { bankCode: '999', number: '1234567890', holderName: 'A' });
    expect(r.issues?.map((i) => i.message)).toEqual(['Pilih bank dari daftar.', 'Nama pemilik rekening minimal 2 huruf.']);
  });
});
