import { wrap } from 'comlink';
import { signal } from '@preact/signals';
import type { SyncApi } from './browser-sync-engine.ts';
import { createSyncScheduler } from './sync-scheduler.ts';
import { BACKGROUND_SYNC_TAG } from './sync-names.ts';
import { requestPersistentStorage } from '../data/storage-quota.ts';
import { dataSaver, recordPageUsage } from '../data/device-db-instance.ts';
import { localDb } from '../data/local-db-instance.ts';
import { countPending } from './outbox.ts';
import { updatePeriodicSync } from './periodic-sync.ts';
import { countUploadingDrafts } from '../uploads/uploading-drafts.ts';

/** Set when the server said the session ended: the shell asks the user to sign in again. */
export const signInRequired = signal(false);

let scheduler: ReturnType<typeof createSyncScheduler> | null = null;
let api: ReturnType<typeof wrap<SyncApi>> | null = null;

/** Starts the sync worker and its triggers once per page. */
export function startSync(): void {
  if (scheduler) return;
  const worker = new Worker(new URL('../sync-worker.ts', import.meta.url), { type: 'module', name: 'jmo-sync' });
  const workerApi = wrap<SyncApi>(worker);
  api = workerApi;
  scheduler = createSyncScheduler({
    // The page's own requests (sign-in, screens) are counted alongside, while the page is alive.
    runSync: () =>
      workerApi.sync().finally(() => {
        void recordPageUsage();
        void keepUploadsAlive();
      }),
    setTimer: (callback, ms) => setTimeout(callback, ms),
    clearTimer: (handle) => clearTimeout(handle as number),
    random: Math.random,
    isVisible: () => document.visibilityState === 'visible',
    onSignedOut: () => (signInRequired.value = true),
    timerPulls: () => !dataSaver.value,
  });
  // Under data saver a returning network only delivers what waits; it does not pull for nothing.
  window.addEventListener('online', async () => {
    if (!dataSaver.value || (await countPending(localDb)) > 0 || (await countUploadingDrafts(localDb)) > 0) void scheduler?.online();
  });
  // Photos waiting for Wi-Fi (or for any network) go when the phone's connection changes.
  (navigator as Navigator & { connection?: EventTarget }).connection?.addEventListener('change', async () => {
    if ((await countUploadingDrafts(localDb)) > 0) void scheduler?.request();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void scheduler?.request();
  });
  void scheduler.request();
}

/** After queueing a mutation: send now if possible, and let the OS retry if the app closes. */
export function requestSync(): void {
  void scheduler?.request();
  void registerBackgroundSync();
}

export function resumeSyncAfterSignIn(): void {
  signInRequired.value = false;
  // Signed in, the phone now holds someone's data and unsent work: ask the browser to keep it.
  void requestPersistentStorage();
  void updatePeriodicSync(!dataSaver.value);
  if (scheduler) void scheduler.resume();
  else startSync();
}

export function stopSync(): void {
  void updatePeriodicSync(false);
  scheduler?.stop();
  scheduler = null;
  api = null;
}

/**
 * While a claim's photos wait (no network, Wi-Fi only, a cut link), the service worker's
 * Background Sync is asked to carry on should the app be closed; the tag fires once, so it is
 * asked again after every upload run that left photos waiting.
 */
async function keepUploadsAlive(): Promise<void> {
  const settled = await api?.uploadsSettled().catch(() => null);
  if (settled && settled.waiting > 0) await registerBackgroundSync();
}

interface SyncManager {
  register(tag: string): Promise<void>;
}

async function registerBackgroundSync(): Promise<void> {
  try {
    const registration = await navigator.serviceWorker?.ready;
    await (registration as ServiceWorkerRegistration & { sync?: SyncManager })?.sync?.register(BACKGROUND_SYNC_TAG);
  } catch {
    // Background Sync is Chromium-only; elsewhere the triggers above still deliver.
  }
}
