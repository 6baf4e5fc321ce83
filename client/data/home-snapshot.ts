import type { FreshnessFacts } from './meta.ts';
import type { FreshnessWords } from '../shell/freshness-wording.ts';
import { LANGUAGE_STORAGE_KEY } from '../i18n/language-key.ts';

// The last home this phone showed, kept in localStorage because it is readable synchronously
// before any module loads: the first paint of the next cold start comes from here. It holds only
// what the home itself showed, on the participant's own phone, and goes with everything else on
// sign-out or when another account signs in.
const SNAPSHOT_KEY = 'jmo.home-snapshot';
/** Who is signed in, readable without IndexedDB: a snapshot is painted only for this account. */
const ACCOUNT_KEY = 'jmo.account';
const VERSION = 1;

/** The freshness qualifiers and the offline notice, in the snapshot's language. */
export interface SnapshotWords extends FreshnessWords {
  offlineNotice: string;
}

export interface HomeSnapshot extends FreshnessFacts {
  version: typeof VERSION;
  /** accountTag() of the owner whose data this is. */
  account: string;
  language: 'id' | 'en';
  /** The app shell as the home rendered it, with the parts that change on their own taken out. */
  html: string;
  /** The FreshnessFacts (extended above) come from the same read as the balances in `html`. */
  words: SnapshotWords;
}

/** The page's localStorage, or null where there is none or the browser refuses it (blocked site data). */
export function pageStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * A stand-in for the email, so the snapshot can be matched to the signed-in account without
 * keeping the address itself (it is not on the home screen). Not a secret: it only tells
 * accounts on one phone apart.
 */
export function accountTag(email: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const char of email.trim().toLowerCase()) {
    const code = char.codePointAt(0)!;
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** At sign-in: the account whose snapshot may be painted from now on. */
export function markSignedInAccount(storage: Storage | null, email: string): void {
  try {
    storage?.setItem(ACCOUNT_KEY, accountTag(email));
  } catch {
    // Storage unavailable: no snapshot will be painted, the app still starts as before.
  }
}

export function writeHomeSnapshot(storage: Storage | null, owner: string, snapshot: Omit<HomeSnapshot, 'version' | 'account'>): void {
  if (!storage) return;
  try {
    const account = accountTag(owner);
    storage.setItem(ACCOUNT_KEY, account);
    storage.setItem(SNAPSHOT_KEY, JSON.stringify({ version: VERSION, account, ...snapshot } satisfies HomeSnapshot));
  } catch {
    // Full or unavailable storage: the next start simply waits for the full app.
  }
}

/** The snapshot if it belongs to the signed-in account and matches the chosen language; else null. */
export function readHomeSnapshot(storage: Storage | null): HomeSnapshot | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(SNAPSHOT_KEY);
    if (!raw) return null;
    const snapshot = JSON.parse(raw) as Partial<HomeSnapshot> | null;
    if (snapshot?.version !== VERSION || typeof snapshot.html !== 'string' || typeof snapshot.words !== 'object' || snapshot.words === null) return null;
    if (!snapshot.account || snapshot.account !== storage.getItem(ACCOUNT_KEY)) return null;
    const language = storage.getItem(LANGUAGE_STORAGE_KEY) === 'en' ? 'en' : 'id';
    if (snapshot.language !== language) return null;
    if (snapshot.confirmedAt !== null && typeof snapshot.confirmedAt !== 'number') return null;
    return snapshot as HomeSnapshot;
  } catch {
    return null;
  }
}

/** Sign-out, another account, or nobody signed in: nothing of the last home may be painted again. */
export function clearHomeSnapshot(storage: Storage | null): void {
  try {
    storage?.removeItem(SNAPSHOT_KEY);
    storage?.removeItem(ACCOUNT_KEY);
  } catch {
    // Storage unavailable: nothing was kept there either.
  }
}
