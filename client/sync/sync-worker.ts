/// <reference lib="webworker" />
import { expose } from 'comlink';
import { createBrowserSyncEngine } from './browser-sync-engine.ts';

// The sync loop runs off the main thread: parsing a large first pull and writing it into
// IndexedDB must not freeze scrolling on a slow phone.
const { sync } = createBrowserSyncEngine();

const syncApi = { sync };
export type SyncApi = typeof syncApi;
expose(syncApi);
