import { jakartaDateOf } from '../shared/rules/dates.ts';

/** Today's date in Asia/Jakarta as YYYY-MM-DD: the day the rules speak of, not the server's. */
export function jakartaDate(now: Date): string {
  return jakartaDateOf(now.getTime());
}
