import { readHomeSnapshot } from '../data/home-snapshot.ts';
import { freshnessWording } from './freshness-wording.ts';

// A cold start paints the last home from its snapshot before the app's modules and IndexedDB
// are up; the app drops that picture the moment it renders the screen itself. This module is
// also bundled on its own into the small script index.html runs first, so it imports nothing heavy.

const SNAPSHOT_ROOT_ID = 'home-snapshot';
const FRESHNESS_SLOT = 'data-snapshot-freshness';
/** Where a style attribute waits in the snapshot: parsed as markup, the CSP would refuse it. */
const STYLE_SLOT = 'data-snapshot-style';
/**
 * What changes on its own and must not be replayed later: sync progress, waiting items, storage
 * alerts, the offline and update strips, and the freshness label (painted anew from its facts).
 */
const VOLATILE = '.sync-status, .storage-full, .status-bar, .freshness';

/** The rendered home shell as the snapshot keeps it, or null when the home has no balance on screen. */
export function captureHomeShell(appRoot: Element): string | null {
  const shell = appRoot.querySelector('.app');
  if (!shell?.querySelector('[data-testid="merged-balance"]')) return null;
  const copy = shell.cloneNode(true) as Element;
  const balanceSection = copy.querySelector('#balance-heading')?.closest('section');
  if (!balanceSection) return null;
  for (const node of copy.querySelectorAll(VOLATILE)) node.remove();
  const slot = copy.ownerDocument.createElement('p');
  slot.setAttribute(FRESHNESS_SLOT, '');
  balanceSection.append(slot);
  // The app's own elements carry these ids while both are in the page for a moment.
  for (const node of copy.querySelectorAll('[id]')) node.removeAttribute('id');
  for (const node of copy.querySelectorAll('[style]')) {
    node.setAttribute(STYLE_SLOT, node.getAttribute('style')!);
    node.removeAttribute('style');
  }
  return copy.outerHTML;
}

/**
 * Runs before any module, in the page's head: on the home address, with a snapshot of the
 * signed-in account, builds the picture of the last home (not yet in the page), so the work is
 * done while the stylesheet is still on its way. Its "Data per …" is computed now from the
 * snapshot's own facts and never says "terbaru": this page has not heard from the server yet.
 */
export function prepareHomeSnapshot(doc: Document, storage: Storage | null, now: number, isOnline: boolean): HTMLElement | null {
  if (doc.location.pathname !== '/') return null;
  const snapshot = readHomeSnapshot(storage);
  if (!snapshot) return null;
  const root = doc.createElement('div');
  root.id = SNAPSHOT_ROOT_ID;
  root.innerHTML = snapshot.html;
  // The Content-Security-Policy refuses style attributes that arrive as markup (and reports it);
  // set through the CSSOM they count, as they did when the app rendered them.
  for (const node of root.querySelectorAll<HTMLElement>(`[${STYLE_SLOT}]`)) {
    node.style.cssText = node.getAttribute(STYLE_SLOT)!;
    node.removeAttribute(STYLE_SLOT);
  }
  const slot = root.querySelector(`[${FRESHNESS_SLOT}]`);
  if (!slot) return null;
  slot.className = 'freshness freshness--stale';
  slot.textContent = freshnessWording(snapshot, { now, isOnline, language: snapshot.language, words: snapshot.words, mayClaimFresh: false }).text;
  if (!isOnline) {
    const notice = doc.createElement('p');
    notice.className = 'status-bar status-bar--offline';
    notice.textContent = snapshot.words.offlineNotice;
    root.querySelector('.connection-bar')?.append(notice);
  }
  // A picture until the app takes over: screen readers and the keyboard meet the app only, once.
  root.setAttribute('aria-hidden', 'true');
  root.inert = true;
  return root;
}

/** Puts the prepared picture in place of the still-empty app; false when there is no #app yet. */
export function showHomeSnapshot(doc: Document, root: HTMLElement): boolean {
  const app = doc.getElementById('app');
  if (!app) return false;
  app.before(root);
  app.hidden = true;
  return true;
}

/** Both steps at once, for a document whose #app is already parsed. */
export function paintHomeSnapshot(doc: Document, storage: Storage | null, now: number, isOnline: boolean): boolean {
  const root = prepareHomeSnapshot(doc, storage, now, isOnline);
  return root ? showHomeSnapshot(doc, root) : false;
}

/** The app now shows a screen of its own (or found nothing to show): the picture goes. */
export function dropHomeSnapshot(doc: Document = document): void {
  const root = doc.getElementById(SNAPSHOT_ROOT_ID);
  if (!root) return;
  root.remove();
  const app = doc.getElementById('app');
  if (app) app.hidden = false;
}
