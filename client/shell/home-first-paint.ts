import { FRESHNESS_SLOT, OFFLINE_NOTICE_SLOT, OFFLINE_TEXT, SNAPSHOT_ROOT_ID, STYLE_SLOT } from './home-snapshot-markup.ts';

// A cold start of the home is answered by the service worker with the last home already in the
// page (home-page-compose.ts), so it paints as soon as a static page would; the app drops that
// picture the moment it renders the screen itself. settleHomeSnapshot also runs in the small
// script index.html inlines, so this module imports nothing heavy.

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
  const noticeSlot = copy.ownerDocument.createElement('p');
  noticeSlot.setAttribute(OFFLINE_NOTICE_SLOT, '');
  copy.querySelector('.connection-bar')?.append(noticeSlot);
  // The app's own elements carry these ids while both are in the page for a moment.
  for (const node of copy.querySelectorAll('[id]')) node.removeAttribute('id');
  for (const node of copy.querySelectorAll('[style]')) {
    node.setAttribute(STYLE_SLOT, node.getAttribute('style')!);
    node.removeAttribute('style');
  }
  return copy.outerHTML;
}

/**
 * In the page, before its first frame: the picture's offline wording where the phone has no
 * network, and its style attributes through the CSSOM (the Content-Security-Policy refuses them
 * as markup; set this way they count, as they did when the app rendered them).
 */
export function settleHomeSnapshot(doc: Document, isOnline: boolean): HTMLElement | null {
  const root = doc.getElementById(SNAPSHOT_ROOT_ID);
  if (!root) return null;
  for (const node of root.querySelectorAll<HTMLElement>(`[${STYLE_SLOT}]`)) {
    node.style.cssText = node.getAttribute(STYLE_SLOT)!;
    node.removeAttribute(STYLE_SLOT);
  }
  if (!isOnline) {
    const label = root.querySelector(`[${OFFLINE_TEXT}]`);
    if (label) label.textContent = label.getAttribute(OFFLINE_TEXT);
    const notice = root.querySelector<HTMLElement>(`[${OFFLINE_NOTICE_SLOT}]`);
    if (notice) {
      notice.className = 'status-bar status-bar--offline';
      notice.textContent = notice.getAttribute(OFFLINE_NOTICE_SLOT);
      notice.hidden = false;
    }
  }
  return root;
}

/** The app now shows a screen of its own (or found nothing to show): the picture goes. */
export function dropHomeSnapshot(doc: Document = document): void {
  const root = doc.getElementById(SNAPSHOT_ROOT_ID);
  if (!root) return;
  root.remove();
  const app = doc.getElementById('app');
  if (app) app.hidden = false;
}
