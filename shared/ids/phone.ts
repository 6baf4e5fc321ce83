// Mobile numbers arrive as 08…, 628… or +628…; one E.164 form makes OTP delivery and duplicate checks reliable.
import * as v from 'valibot';

const E164_ID_MOBILE = /^\+628\d{8,11}$/;
const MESSAGE = 'Nomor HP tidak valid. Contoh: 0812 3456 7890.';

/** Returns null rather than throwing so forms can show one friendly message. */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s\-.()]/g, '');
  let e164: string;
  if (compact.startsWith('+62')) e164 = compact;
  else if (compact.startsWith('62')) e164 = `+${compact}`;
  else if (compact.startsWith('0')) e164 = `+62${compact.slice(1)}`;
  else return null;
  return E164_ID_MOBILE.test(e164) ? e164 : null;
}

/** Output is already E.164, so handlers can store the parsed value as is. */
export const PhoneSchema = v.pipe(
  v.string(MESSAGE),
  v.check((s) => normalizePhone(s) !== null, MESSAGE),
  v.transform((s) => normalizePhone(s) ?? s),
);

/** Shown on OTP screens: enough for the user to recognise the number, not enough to harvest it. */
export function maskPhone(e164: string): string {
  const national = e164.startsWith('+62') ? e164.slice(3) : e164.replace(/^\+/, '');
  if (national.length <= 7) return `+62 ${'•'.repeat(national.length)}`;
  return `+62 ${national.slice(0, 3)}${'•'.repeat(national.length - 7)}${national.slice(-4)}`;
}
