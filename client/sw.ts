/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { createBrowserSyncEngine } from './sync/browser-sync-engine.ts';
import { appMutationOutcomes } from './mutation-outcomes.ts';
import { BACKGROUND_SYNC_TAG, PERIODIC_SYNC_TAG } from './sync/sync-names.ts';
import type { NotificationRecord } from '../shared/sync/entities.ts';
import { openDeviceDb } from './data/device-db.ts';
import { isDataSaverOn } from './data/data-saver.ts';

declare const self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every in-app address opens the precached shell, online or not; the API, the development
// mailbox and the back office are real server pages and must never get the shell instead.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/api\//, /^\/dev(\/|$)/, /^\/admin(\/|$)/, /^\/gateway(\/|$)/],
  }),
);

// The first install takes control at once (there is no older page to break); an update
// waits until the user accepts the reload offered by the shell.
clientsClaim();
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// With the app closed, the browser wakes this worker when the network returns ('sync', after
// a mutation was queued) or now and then ('periodicsync', where the user's engagement allows).
// Same engine, same lock as the page's sync worker, so the two never push at the same time.
interface ExtendableTagEvent extends ExtendableEvent {
  readonly tag: string;
}

const deviceDb = openDeviceDb();
// The worker's own requests (precache downloads, background syncs) are counted here, not in a page.
// No retry timer here: a worker the browser may stop any moment retries by failing its event.
const { sync, uploadsSettled, recordUsage } = createBrowserSyncEngine(appMutationOutcomes, deviceDb, { retryUploadsOnTimer: false });

async function syncInBackground(): Promise<void> {
  const outcome = await sync();
  if (outcome.kind === 'ok') await announce(outcome.newNotifications);
  // A rejected promise tells the browser to fire 'sync' again later with its own backoff.
  if (outcome.kind === 'offline' || outcome.kind === 'server-error') throw new Error(`sync ${outcome.kind}`);
  // Claim photos go up within the same event (tus over fetch: a service worker has no
  // XMLHttpRequest); a cut link fails the event, so the browser fires it again later.
  const uploads = await uploadsSettled();
  if (uploads.retry) throw new Error('uploads to retry');
}

self.addEventListener('sync', (event) => {
  const syncEvent = event as ExtendableTagEvent;
  if (syncEvent.tag === BACKGROUND_SYNC_TAG) syncEvent.waitUntil(syncInBackground());
});
self.addEventListener('periodicsync', (event) => {
  const syncEvent = event as ExtendableTagEvent;
  if (syncEvent.tag === PERIODIC_SYNC_TAG) syncEvent.waitUntil(refreshInBackground());
});

/** Keeps the cached balance and claim status recent while the app is closed; never under data saver. */
async function refreshInBackground(): Promise<void> {
  const saveData = (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData;
  if (await isDataSaverOn(deviceDb, { saveData })) return;
  const outcome = await sync();
  if (outcome.kind === 'ok') await announce(outcome.newNotifications);
  await uploadsSettled();
}

self.addEventListener('activate', (event) => event.waitUntil(recordUsage()));

/** A system notification for news a background sync brought, where the user allowed them. */
async function announce(items: NotificationRecord[]): Promise<void> {
  if (items.length === 0 || Notification.permission !== 'granted') return;
  for (const item of items.slice(0, 3)) {
    await self.registration.showNotification(item.title, { body: item.body, tag: `jmo-${item.key}`, data: { link: item.link ?? '/notifikasi' }, icon: '/icons/icon-192.png', lang: 'id' });
  }
}

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const link = (event.notification.data as { link?: string } | null)?.link ?? '/notifikasi';
  event.waitUntil(self.clients.openWindow(link));
});
