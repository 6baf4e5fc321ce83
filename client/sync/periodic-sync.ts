import { PERIODIC_SYNC_TAG } from './sync-names.ts';

/** Chromium wakes the service worker at most this often, and less for rarely used apps. */
const PERIODIC_MIN_INTERVAL_MS = 12 * 60 * 60 * 1000;

interface PeriodicSyncManager {
  register(tag: string, options: { minInterval: number }): Promise<void>;
  unregister(tag: string): Promise<void>;
  getTags(): Promise<string[]>;
}

export type PeriodicSyncState = 'registered' | 'unregistered' | 'not-permitted' | 'unsupported';

export interface PeriodicSyncEnv {
  serviceWorker?: { ready: Promise<ServiceWorkerRegistration> };
  permissions?: Pick<Permissions, 'query'>;
}

/**
 * Periodic Background Sync keeps the cached balance and claim status recent while the app is
 * closed. Chromium grants it only to an installed app the user engages with; elsewhere, when
 * not granted, or under data saver (a refresh nobody asked for) it is left off.
 */
export async function updatePeriodicSync(enabled: boolean, env: PeriodicSyncEnv = globalThis.navigator ?? {}): Promise<PeriodicSyncState> {
  try {
    const registration = await env.serviceWorker?.ready;
    const periodicSync = (registration as (ServiceWorkerRegistration & { periodicSync?: PeriodicSyncManager }) | undefined)?.periodicSync;
    if (!periodicSync) return 'unsupported';
    if (!enabled) {
      await periodicSync.unregister(PERIODIC_SYNC_TAG);
      return 'unregistered';
    }
    const permission = await env.permissions?.query({ name: 'periodic-background-sync' as PermissionName });
    if (permission?.state !== 'granted') return 'not-permitted';
    await periodicSync.register(PERIODIC_SYNC_TAG, { minInterval: PERIODIC_MIN_INTERVAL_MS });
    return 'registered';
  } catch {
    return 'unsupported';
  }
}
