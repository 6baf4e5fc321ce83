/// <reference lib="webworker" />
import { expose } from 'comlink';
import { createBrowserSyncEngine, type SyncApi } from './sync/browser-sync-engine.ts';
import { appMutationOutcomes } from './mutation-outcomes.ts';

// The sync loop runs off the main thread: parsing a large first pull and writing it into
// IndexedDB must not freeze scrolling on a slow phone. It lives beside sw.ts, not in sync/,
// because it hands the engine the features' outcome hooks. Claim photos go up from here too,
// after each sync, retried on this worker's own timer while the page lives.
const { sync, uploadsSettled } = createBrowserSyncEngine(appMutationOutcomes);

expose({ sync, uploadsSettled } satisfies SyncApi);
