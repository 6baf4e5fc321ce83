import type { HomeSnapshot } from '../data/home-snapshot.ts';
import { freshnessWording } from './freshness-wording.ts';
import { APP_MARKUP, FRESHNESS_SLOT, OFFLINE_NOTICE_SLOT, OFFLINE_TEXT, SNAPSHOT_ROOT_ID } from './home-snapshot-markup.ts';

// Strings only: this runs in the service worker, which has no DOM. The page side of the same
// picture (capture, settle, drop) is home-first-paint.ts.

/** Headers of a stored response that describe its stored body, not a new body built from it. */
export const STORED_BODY_HEADERS = ['content-length', 'content-encoding', 'etag', 'last-modified'];

/**
 * In the service worker, for a navigation to the home: index.html with the last home in place of
 * the still-empty app, or null when either is not what it should be. Its "Data per …" is computed
 * now from the snapshot's own facts, in both wordings (the page knows whether it is offline), and
 * never says "terbaru": this page has not heard from the server yet.
 */
export function composeHomePage(indexHtml: string, snapshot: HomeSnapshot, now: number): string | null {
  if (!indexHtml.includes(APP_MARKUP)) return null;
  const label = (isOnline: boolean) => freshnessWording(snapshot, { now, isOnline, language: snapshot.language, words: snapshot.words, mayClaimFresh: false }).text;
  const freshnessSlot = `<p ${FRESHNESS_SLOT}=""></p>`;
  if (!snapshot.html.includes(freshnessSlot)) return null;
  const picture = snapshot.html
    .replace(freshnessSlot, () => `<p class="freshness freshness--stale" ${OFFLINE_TEXT}="${escapeHtml(label(false))}">${escapeHtml(label(true))}</p>`)
    .replace(`<p ${OFFLINE_NOTICE_SLOT}=""></p>`, () => `<p ${OFFLINE_NOTICE_SLOT}="${escapeHtml(snapshot.words.offlineNotice)}" hidden></p>`);
  // A picture until the app takes over: screen readers and the keyboard meet the app only, once.
  return indexHtml.replace(APP_MARKUP, () => `<div id="${SNAPSHOT_ROOT_ID}" aria-hidden="true" inert>${picture}</div><div id="app" hidden></div>`);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
