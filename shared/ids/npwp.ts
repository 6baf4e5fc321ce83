// Since 2024 individuals use their NIK as a 16-digit NPWP; old 15-digit numbers are still accepted.

/** Codes let the claim form tell "wrong shape" apart from "not your NIK". */
export type NpwpResult =
  | { ok: true; value: string }
  | { ok: false; code: 'NPWP_FORMAT' | 'NPWP_NIK_MISMATCH'; message: string };

/** Accepts the printed form '99.999.999.9-999.999'; returns digits only, which is what BPJSTK stores. */
export function normalizeNpwp(input: string, nik: string): NpwpResult {
  const digits = input.replace(/[\s.-]/g, '');
  if (!/^(\d{15}|\d{16})$/.test(digits)) {
    return { ok: false, code: 'NPWP_FORMAT', message: 'NPWP harus 15 angka (format lama) atau 16 angka (NIK).' };
  }
  if (digits.length === 16 && digits !== nik) {
    return { ok: false, code: 'NPWP_NIK_MISMATCH', message: 'NPWP 16 angka harus sama dengan NIK Anda.' };
  }
  return { ok: true, value: digits };
}
