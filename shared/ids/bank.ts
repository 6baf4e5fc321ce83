// Payouts go only to an account in the participant's own name; the name match itself is checked server-side.
import * as v from 'valibot';
import { text } from '../schema/text.ts';

/** Common payout banks with their clearing codes; the server may extend this list. */
export const BANKS: readonly { code: string; name: string }[] = [
  { code: '002', name: 'BRI' },
  { code: '008', name: 'Bank Mandiri' },
  { code: '009', name: 'BNI' },
  { code: '200', name: 'BTN' },
  { code: '014', name: 'BCA' },
  { code: '451', name: 'BSI' },
  { code: '022', name: 'CIMB Niaga' },
  { code: '011', name: 'Danamon' },
  { code: '013', name: 'Permata' },
  { code: '110', name: 'Bank BJB' },
];

const BANK_CODES = BANKS.map((b) => b.code);

/** Spaces are stripped because people copy numbers as printed in their savings book. */
export const BankAccountSchema = v.object({
  bankCode: v.picklist(BANK_CODES, 'Pilih bank dari daftar.'),
  number: v.pipe(
    v.string('Nomor rekening harus 6 sampai 20 angka.'),
    v.transform((s) => s.replace(/\s/g, '')),
    v.regex(/^\d{6,20}$/, 'Nomor rekening harus 6 sampai 20 angka.'),
  ),
  holderName: text({ min: 2, max: 100, required: 'Nama pemilik rekening wajib diisi.', tooShort: 'Nama pemilik rekening minimal 2 huruf.', tooLong: 'Nama pemilik rekening maksimal 100 huruf.' }),
});
