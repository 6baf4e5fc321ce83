/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { addRoute, cleanupOutdatedCaches, createHandlerBoundToURL, matchPrecache, precache } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { createBrowserSyncEngine } from './sync/browser-sync-engine.ts';
import { appMutationOutcomes } from './mutation-outcomes.ts';
import { BACKGROUND_SYNC_TAG, PERIODIC_SYNC_TAG } from './sync/sync-names.ts';
import type { NotificationRecord } from '../shared/sync/entities.ts';
import { openDeviceDb } from './data/device-db.ts';
import { isDataSaverOn } from './data/data-saver.ts';
import { readHomeSnapshot } from './data/home-snapshot.ts';
import { composeHomePage, STORED_BODY_HEADERS } from './shell/home-page-compose.ts';

declare const self: ServiceWorkerGlobalScope;

precache(self.__WB_MANIFEST);
cleanupOutdatedCaches();

const deviceDb = openDeviceDb();
// The worker's own requests (precache downloads, background syncs) are counted here, not in a page.
// No retry timer here: a worker the browser may stop any moment retries by failing its event.
const { sync, uploadsSettled, recordUsage, db } = createBrowserSyncEngine(appMutationOutcomes, deviceDb, { retryUploadsOnTimer: false });

// Every in-app address opens the precached shell, online or not; the API, the development
// mailbox and the back office are real server pages and must never get the shell instead.
// The home comes with the last home already in it, when there is one. Its route goes ahead of
// the precache's own, which would answer "/" with the bare index.html.
const shell = createHandlerBoundToURL('/index.html');
registerRoute(
  ({ request, url }) => request.mode === 'navigate' && url.pathname === '/',
  async (options) => (await lastHomePage()) ?? shell(options),
);
addRoute();
registerRoute(new NavigationRoute(shell, { denylist: [/^\/api\//, /^\/dev(\/|$)/, /^\/admin(\/|$)/, /^\/gateway(\/|$)/] }));

/** A snapshot read slower than this (a database busy upgrading, say) is not waited for: the app paints the home itself. */
const SNAPSHOT_READ_LIMIT_MS = 300;

/**
 * The shell with the last home already in it: the page paints the balance as soon as a static
 * page would, before its modules and its own IndexedDB are up. Same headers as the precached
 * shell (its Content-Security-Policy allows the inline script by hash), minus those describing
 * the stored body, which this one is not.
 */
async function lastHomePage(): Promise<Response | null> {
  try {
    const timeout = new Promise<null>((resolve) => setTimeout(resolve, SNAPSHOT_READ_LIMIT_MS, null));
    const [shellResponse, snapshot] = await Promise.all([matchPrecache('/index.html'), Promise.race([readHomeSnapshot(db), timeout])]);
    if (!shellResponse?.ok || !snapshot) return null;
    const page = composeHomePage(await shellResponse.text(), snapshot, Date.now());
    if (!page) return null;
    const headers = new Headers(shellResponse.headers);
    for (const name of STORED_BODY_HEADERS) headers.delete(name);
    return new Response(page, { status: 200, headers });
  } catch {
    return null;
  }
}

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
