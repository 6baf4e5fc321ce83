// The marks the last home's picture carries between its capture in the page, its composition in
// the service worker and its settling by the script index.html inlines; that script bundles this
// file, so it holds nothing but names.

export const SNAPSHOT_ROOT_ID = 'home-snapshot';
/** The empty #app of index.html, where the picture goes. */
export const APP_MARKUP = '<div id="app"></div>';
export const FRESHNESS_SLOT = 'data-snapshot-freshness';
export const OFFLINE_NOTICE_SLOT = 'data-snapshot-offline-notice';
/** The freshness label's wording for a phone without network; the page picks it by navigator.onLine. */
export const OFFLINE_TEXT = 'data-snapshot-offline-text';
/** Where a style attribute waits in the snapshot: parsed as markup, the CSP would refuse it. */
export const STYLE_SLOT = 'data-snapshot-style';
