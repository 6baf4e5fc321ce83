import type { JmoDb } from './local-db.ts';
import { readMeta, type FreshnessFacts } from './meta.ts';
import type { FreshnessWords } from '../shell/freshness-wording.ts';

// The last home this phone showed, kept in the account's own database beside the data it shows:
// the service worker reads it to answer the next cold start with that home already in the page,
// as a static page would come, before any module or the page's IndexedDB is up. Deleting the
// database at sign-out or when another account signs in takes it along.
const SNAPSHOT_KEY = 'homeSnapshot';
const VERSION = 2;
/** Where version 1 lived, read synchronously by the page; removed wherever it may remain. */
const LEGACY_LOCAL_STORAGE_KEYS = ['jmo.home-snapshot', 'jmo.account'];

/** The freshness qualifiers and the offline notice, in the snapshot's language. */
export interface SnapshotWords extends FreshnessWords {
  offlineNotice: string;
}

export interface HomeSnapshot extends FreshnessFacts {
  version: typeof VERSION;
  /** The signed-in email the home was shown to; painted only while that account owns the database. */
  owner: string;
  language: 'id' | 'en';
  /** The app shell as the home rendered it, with the parts that change on their own taken out. */
  html: string;
  /** The FreshnessFacts (extended above) come from the same read as the balances in `html`. */
  words: SnapshotWords;
}

/** A full disk rejects, as every write does, into the storage notice (storage-quota.ts); nothing else is touched. */
export async function writeHomeSnapshot(db: JmoDb, snapshot: Omit<HomeSnapshot, 'version'>): Promise<void> {
  await db.meta.put({ key: SNAPSHOT_KEY, value: { version: VERSION, ...snapshot } satisfies HomeSnapshot });
}

/** The snapshot if it is whole and belongs to the account that owns the database now; else null. */
export async function readHomeSnapshot(db: JmoDb): Promise<HomeSnapshot | null> {
  const [row, owner] = await Promise.all([db.meta.get(SNAPSHOT_KEY), readMeta(db, 'accountEmail')]);
  const snapshot = row?.value as Partial<HomeSnapshot> | undefined;
  if (snapshot?.version !== VERSION || typeof snapshot.html !== 'string' || typeof snapshot.words !== 'object' || snapshot.words === null) return null;
  if (!owner || snapshot.owner !== owner) return null;
  if (snapshot.language !== 'id' && snapshot.language !== 'en') return null;
  if (snapshot.confirmedAt !== null && typeof snapshot.confirmedAt !== 'number') return null;
  return snapshot as HomeSnapshot;
}

/** Nobody signed in, or the language changed: the last home is not painted again. */
export async function clearHomeSnapshot(db: JmoDb): Promise<void> {
  await db.meta.delete(SNAPSHOT_KEY);
}

/** Version 1 kept the whole home in localStorage; nothing of it may stay behind on the phone. */
export function forgetLegacyHomeSnapshot(storage: Storage | null): void {
  try {
    for (const key of LEGACY_LOCAL_STORAGE_KEYS) storage?.removeItem(key);
  } catch {
    // Storage unavailable: nothing kept there either.
  }
}

/** The page's localStorage, or null where there is none or the browser refuses it (blocked site data). */
export function pageStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
