/** Names shared by the page, the sync worker and the service worker. */
export const SYNC_LOCK_NAME = 'jmo-lite-sync';
export const BACKGROUND_SYNC_TAG = 'jmo-outbox';
export const PERIODIC_SYNC_TAG = 'jmo-refresh';
