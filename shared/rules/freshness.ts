// Offline-first screens must say how old their data is (DOMAIN.md rule 13); balances are never shown as live when they are not.
import { formatShortDate } from './dates.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** Confirmed by the server this recently while online counts as current. */
const FRESH_MS = 15 * MINUTE;
/** Beyond this a snapshot shows "may be outdated" whatever the connection. */
const OUTDATED_MS = 35 * DAY;
/** Asia/Jakarta is UTC+7 all year (no daylight saving), so a fixed offset is exact. */
const JAKARTA_OFFSET_MS = 7 * 60 * MINUTE;

/**
 * How the last attempt to reach the server ended. Only 'ok' lets data count as current:
 * a phone whose network is up but whose server does not answer, or whose session has ended,
 * holds data nobody has confirmed since.
 */
export type SyncAttemptOutcome = 'ok' | 'unreachable' | 'session-ended';

/**
 * NEVER: nothing cached yet. OUTDATED wins over everything because the warning matters more;
 * OFFLINE wins over the server reasons because without a connection neither can be acted on.
 */
export type FreshnessState = 'FRESH' | 'STALE' | 'OFFLINE' | 'UNREACHABLE' | 'SESSION_ENDED' | 'NEVER' | 'OUTDATED';

/** ageMs is null only when the data was never confirmed. lastAttempt is null before any attempt concluded. */
export function freshnessOf(input: { confirmedAt: number | null; now: number; isOnline: boolean; lastAttempt: SyncAttemptOutcome | null }): {
  state: FreshnessState;
  ageMs: number | null;
} {
  const { confirmedAt, now, isOnline, lastAttempt } = input;
  if (confirmedAt === null) return { state: 'NEVER', ageMs: null };
  // A device clock behind the server's timestamp must not produce a negative age.
  const ageMs = Math.max(0, now - confirmedAt);
  if (ageMs > OUTDATED_MS) return { state: 'OUTDATED', ageMs };
  if (!isOnline) return { state: 'OFFLINE', ageMs };
  if (lastAttempt === 'session-ended') return { state: 'SESSION_ENDED', ageMs };
  if (lastAttempt === 'unreachable') return { state: 'UNREACHABLE', ageMs };
  return { state: ageMs <= FRESH_MS ? 'FRESH' : 'STALE', ageMs };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Jakarta wall-clock time computed by hand, because Node builds without full ICU lack the time zone data. */
export function formatAsOf(ms: number, language: 'id' | 'en'): string {
  const local = new Date(ms + JAKARTA_OFFSET_MS);
  const isoDate = `${String(local.getUTCFullYear()).padStart(4, '0')}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const hours = pad(local.getUTCHours());
  const minutes = pad(local.getUTCMinutes());
  return language === 'id'
    ? `Data per ${formatShortDate(isoDate, 'id')} ${hours}.${minutes}`
    : `Data as of ${formatShortDate(isoDate, 'en')} ${hours}:${minutes}`;
}
