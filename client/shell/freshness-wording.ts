import { formatAsOf, freshnessOf } from '../../shared/rules/freshness.ts';
import type { FreshnessFacts } from '../data/meta.ts';

export interface FreshnessWords {
  fresh: string;
  stale: string;
  offline: string;
  unreachable: string;
  sessionEnded: string;
  outdated: string;
  never: string;
}

/**
 * "Data per 12 Nov 2026 14.03 — belum diperbarui": the label of the full app and of the home's
 * first paint alike. `mayClaimFresh: false` is for a page that has not heard from the server
 * since it opened, which must not call its data current even if it was a minute ago.
 */
export function freshnessWording(
  facts: FreshnessFacts,
  context: { now: number; isOnline: boolean; language: 'id' | 'en'; words: FreshnessWords; mayClaimFresh?: boolean },
): { text: string; isFresh: boolean } {
  const { confirmedAt, serverOffsetMs, lastAttempt } = facts;
  const { words } = context;
  const { state } = freshnessOf({ confirmedAt, now: context.now + serverOffsetMs, isOnline: context.isOnline, lastAttempt });
  if (state === 'NEVER' || confirmedAt === null) return { text: words.never, isFresh: false };
  const shown = state === 'FRESH' && context.mayClaimFresh === false ? 'STALE' : state;
  const qualifier = { FRESH: words.fresh, STALE: words.stale, OFFLINE: words.offline, UNREACHABLE: words.unreachable, SESSION_ENDED: words.sessionEnded, OUTDATED: words.outdated }[shown];
  return { text: `${formatAsOf(confirmedAt, context.language)} — ${qualifier}`, isFresh: shown === 'FRESH' };
}
