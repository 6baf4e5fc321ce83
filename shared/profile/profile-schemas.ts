import * as v from 'valibot';
import { BankAccountSchema } from '../ids/bank.ts';
import { text } from '../schema/text.ts';

/** `profile.update`: the data a participant keeps current for claims (DOMAIN.md §1). */
export const ProfileUpdateArgsSchema = v.pipe(
  v.object({
    address: v.optional(text({ min: 10, max: 300, required: 'Isi alamat.', tooShort: 'Alamat minimal 10 huruf.', tooLong: 'Alamat maksimal 300 huruf.' })),
    npwp: v.optional(text({ max: 25, required: 'Isi NPWP.', tooLong: 'NPWP terlalu panjang.' })),
    bankAccount: v.optional(BankAccountSchema),
  }),
  v.check((args) => Object.values(args).some((value) => value !== undefined), 'Tidak ada data yang diubah.'),
);
export type ProfileUpdateArgs = v.InferOutput<typeof ProfileUpdateArgsSchema>;

export const profileErrors = {
  NPWP_FORMAT: 'NPWP harus 15 angka, atau 16 angka sama dengan NIK.',
  NPWP_NIK_MISMATCH: 'NPWP 16 angka harus sama dengan NIK Anda.',
  BANK_NAME_MISMATCH: 'Nama pemilik rekening harus sama dengan nama Anda sebagai peserta.',
} as const;

/** Names on a KTP and in a savings book differ only in case and spacing, never in letters. */
export function sameName(a: string, b: string): boolean {
  const normalise = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleUpperCase('id-ID');
  return normalise(a) === normalise(b);
}
