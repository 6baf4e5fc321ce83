/// <reference lib="webworker" />
import { expose } from 'comlink';
import { openLocalDb } from '../data/local-db.ts';
import { createSyncEngine } from './sync-engine.ts';
import { withWebLock } from './web-lock.ts';
import { openDeviceDb } from '../data/device-db.ts';
import { createUsageRecorder } from '../net/network-usage.ts';

// The sync loop runs off the main thread: parsing a large first pull and writing it into
// IndexedDB must not freeze scrolling on a slow phone.
const engine = createSyncEngine({
  db: openLocalDb(),
  fetch: self.fetch.bind(self),
  now: Date.now,
  withLock: withWebLock,
  randomUUID: () => crypto.randomUUID(),
});

// This worker's requests appear in its own Resource Timing, not the page's: it counts them itself.
const recordUsage = createUsageRecorder(openDeviceDb(), self.performance, Date.now);

const syncApi = {
  async sync() {
    try {
      return await engine.sync();
    } finally {
      void recordUsage();
    }
  },
};
export type SyncApi = typeof syncApi;
expose(syncApi);
