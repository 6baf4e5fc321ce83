// KPJ numbers are per registration, not per person, so only their shape is checked here.
import * as v from 'valibot';

const KPJ = /^\d{11}$/;

/** Form schema for "Tambah Kartu Peserta"; trims because users paste numbers from the card. */
export const KpjSchema = v.pipe(v.string('Nomor KPJ harus 11 angka.'), v.trim(), v.regex(KPJ, 'Nomor KPJ harus 11 angka.'));

/** Cheap guard for data already stored, where the schema's messages are not needed. */
export function isKpj(s: string): boolean {
  return KPJ.test(s);
}
