/// <reference lib="webworker" />
import { expose } from 'comlink';
import { openLocalDb } from '../data/local-db.ts';
import { createSyncEngine } from './sync-engine.ts';
import { withWebLock } from './web-lock.ts';

// The sync loop runs off the main thread: parsing a large first pull and writing it into
// IndexedDB must not freeze scrolling on a slow phone.
const engine = createSyncEngine({
  db: openLocalDb(),
  fetch: self.fetch.bind(self),
  now: Date.now,
  withLock: withWebLock,
  randomUUID: () => crypto.randomUUID(),
});

const syncApi = { sync: engine.sync };
export type SyncApi = typeof syncApi;
expose(syncApi);
