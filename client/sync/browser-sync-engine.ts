import { openLocalDb } from '../data/local-db.ts';
import { openDeviceDb, type DeviceDb } from '../data/device-db.ts';
import { readUploadConditions, type NavigatorSignals } from '../data/upload-settings.ts';
import { createUsageRecorder } from '../net/network-usage.ts';
import { createClaimUploadStage, createSyncWithUploads, type ClaimUploadsOutcome } from '../uploads/claim-upload-stage.ts';
import { createSyncEngine, type SyncOutcome } from './sync-engine.ts';
import type { MutationOutcomeHooks } from './outbox.ts';
import { withWebLock } from './web-lock.ts';

/**
 * The engine as both the page's sync worker and the service worker run it: same databases,
 * same lock, so the two never push at the same time. Each worker's requests appear in its
 * own Resource Timing, not the page's, so every sync counts its traffic into the month's total.
 * After each sync the claim document upload stage runs beside it (its own lock, not the sync
 * lock): photos never hold back a push.
 */
export function createBrowserSyncEngine(outcomeHooks: MutationOutcomeHooks, deviceDb: DeviceDb = openDeviceDb(), options: { retryUploadsOnTimer?: boolean } = {}) {
  const db = openLocalDb();
  const fetchImpl = globalThis.fetch.bind(globalThis);
  const engine = createSyncEngine({
    db,
    fetch: fetchImpl,
    now: Date.now,
    withLock: withWebLock,
    randomUUID: () => crypto.randomUUID(),
    outcomeHooks,
  });
  const recordUsage = createUsageRecorder(deviceDb, globalThis.performance, Date.now);
  const stage = createClaimUploadStage({
    db,
    // Read afresh every run: a phone that moved onto Wi-Fi or out of coverage decides anew.
    conditions: () => readUploadConditions(deviceDb, globalThis.navigator as NavigatorSignals, fetchImpl),
    now: Date.now,
  });
  const withUploads = createSyncWithUploads({
    sync: () => engine.sync(),
    stage,
    random: Math.random,
    ...(options.retryUploadsOnTimer === false ? {} : { setTimer: (callback: () => void, ms: number) => setTimeout(callback, ms) }),
  });
  return {
    sync: () => withUploads.sync().finally(recordUsage),
    uploadsSettled: () => withUploads.uploadsSettled().finally(recordUsage),
    recordUsage,
    /** The phone's database the engine syncs, for the service worker's reads of it. */
    db,
  };
}

/** What the page's sync worker offers the page (through comlink). */
export interface SyncApi {
  sync(): Promise<SyncOutcome>;
  /** What the upload stage in flight (or the last one) left: the page registers Background Sync while drafts wait. */
  uploadsSettled(): Promise<ClaimUploadsOutcome>;
}
