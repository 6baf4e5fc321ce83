// NIK structure (Dukcapil): PP KK CC DDMMYY SSSS, women's day +40. Checked offline so typos fail before any server round trip.
import * as v from 'valibot';
import { isIsoDate } from '../rules/dates.ts';
import { maskDigits } from './mask-digits.ts';

/** What the NIK itself says about its holder, used to cross-check the form. */
export interface NikInfo {
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'M' | 'F';
  serial: string;
}

/** Distinct codes let the form point at the part of the NIK that is wrong. */
export type NikErrorCode = 'NIK_FORMAT' | 'NIK_PROVINCE' | 'NIK_DATE' | 'NIK_SERIAL';

/** Errors are values so the UI can show the message without try/catch. */
export type NikResult = { ok: true; value: NikInfo } | { ok: false; code: NikErrorCode; message: string };

const fail = (code: NikErrorCode, message: string): NikResult => ({ ok: false, code, message });

/** Decodes a NIK; two-digit years resolve to the latest century that does not put the birth in the future. */
export function parseNik(nik: string, today: string): NikResult {
  if (!/^\d{16}$/.test(nik)) return fail('NIK_FORMAT', 'NIK harus 16 angka.');
  const province = Number(nik.slice(0, 2));
  if (province < 11 || province > 96) {
    return fail('NIK_PROVINCE', `Kode provinsi pada NIK (${nik.slice(0, 2)}) tidak dikenal; harus antara 11 dan 96.`);
  }
  const rawDay = Number(nik.slice(6, 8));
  const month = nik.slice(8, 10);
  const yy = nik.slice(10, 12);
  const female = rawDay >= 41 && rawDay <= 71;
  const day = String(female ? rawDay - 40 : rawDay).padStart(2, '0');
  const dateMessage = `Tanggal lahir pada NIK (${nik.slice(6, 12)}, format DDMMYY) tidak valid.`;
  if (!female && (rawDay < 1 || rawDay > 31)) return fail('NIK_DATE', dateMessage);
  let birthDate = `${Number(yy) <= Number(today.slice(2, 4)) ? '20' : '19'}${yy}-${month}-${day}`;
  // A 20YY date later this year cannot be a birth date yet; the holder was born a century earlier.
  if (birthDate > today) birthDate = `19${birthDate.slice(2)}`;
  if (!isIsoDate(birthDate)) return fail('NIK_DATE', dateMessage);
  const serial = nik.slice(12, 16);
  if (serial === '0000') return fail('NIK_SERIAL', 'Nomor urut pada NIK (4 angka terakhir) tidak boleh 0000.');
  return {
    ok: true,
    value: {
      provinceCode: nik.slice(0, 2),
      regencyCode: nik.slice(2, 4),
      districtCode: nik.slice(4, 6),
      birthDate,
      sex: female ? 'F' : 'M',
      serial,
    },
  };
}

/** A NIK is personal data; screens, the audit log and the server log show only enough to recognise it. */
export const maskNik = (nik: string): string => maskDigits(nik);

/** Registration is blocked when the NIK contradicts the entered birth date or sex, as Dukcapil would. */
export function nikMatchesPerson(nik: string, birthDate: string, sex: 'M' | 'F', today: string): boolean {
  const parsed = parseNik(nik, today);
  return parsed.ok && parsed.value.birthDate === birthDate && parsed.value.sex === sex;
}

/** Form-level check only; parseNik gives the detailed reason. */
export const NikSchema = v.pipe(v.string('NIK harus 16 angka.'), v.trim(), v.regex(/^\d{16}$/, 'NIK harus 16 angka.'));
