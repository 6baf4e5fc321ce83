import { openLocalDb } from '../data/local-db.ts';
import { openDeviceDb, type DeviceDb } from '../data/device-db.ts';
import { createUsageRecorder } from '../net/network-usage.ts';
import { createSyncEngine, type SyncOutcome } from './sync-engine.ts';
import type { MutationOutcomeHooks } from './outbox.ts';
import { withWebLock } from './web-lock.ts';

/**
 * The engine as both the page's sync worker and the service worker run it: same databases,
 * same lock, so the two never push at the same time. Each worker's requests appear in its
 * own Resource Timing, not the page's, so every sync counts its traffic into the month's total.
 */
export function createBrowserSyncEngine(outcomeHooks: MutationOutcomeHooks, deviceDb: DeviceDb = openDeviceDb()) {
  const engine = createSyncEngine({
    db: openLocalDb(),
    fetch: globalThis.fetch.bind(globalThis),
    now: Date.now,
    withLock: withWebLock,
    randomUUID: () => crypto.randomUUID(),
    outcomeHooks,
  });
  const recordUsage = createUsageRecorder(deviceDb, globalThis.performance, Date.now);
  return {
    sync: () => engine.sync().finally(recordUsage),
    recordUsage,
  };
}

/** What the page's sync worker offers the page (through comlink). */
export interface SyncApi {
  sync(): Promise<SyncOutcome>;
}
