// Numbers are bounded by the column they end up in: a 12-digit key must be refused here,
// not overflow PostgreSQL's `integer` in a query.
import * as v from 'valibot';

/** Largest value of PostgreSQL `integer` / `serial` (int4). */
export const INT4_MAX = 2_147_483_647;

/** The id of an `integer` row sent as text (a path segment, a sync key): 1 … INT4_MAX, digits only. */
export function int4IdText(message = 'Nomor tidak dikenali.') {
  // One check, so a bad key gets one message rather than the same one twice.
  return v.pipe(v.string(message), v.check((s) => /^[1-9]\d{0,9}$/.test(s) && Number(s) <= INT4_MAX, message));
}
