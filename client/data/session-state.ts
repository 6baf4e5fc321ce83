import { localDb } from './local-db-instance.ts';
import { readMeta, writeMeta } from './meta.ts';
import { LOCAL_DB_NAME } from './local-db.ts';
import { Dexie } from 'dexie';
import { clearHomeSnapshot, forgetLegacyHomeSnapshot, pageStorage } from './home-snapshot.ts';

/** Whose data this phone holds. The session cookie itself is httpOnly and invisible here. */
export function readSignedInEmail(): Promise<string | undefined> {
  return readMeta(localDb, 'accountEmail');
}

/**
 * Called after a successful sign-in. A different person's data never stays on the phone:
 * if the previous owner was someone else, everything local is wiped first.
 */
export async function adoptAccount(email: string): Promise<void> {
  const previous = await readSignedInEmail();
  if (previous && previous !== email) await wipeLocalData();
  await writeMeta(localDb, 'accountEmail', email);
}

/** Sign-out on a shared phone: nothing of this person may remain readable. */
export async function wipeLocalData(): Promise<void> {
  const storage = pageStorage();
  // First, so no later step that fails can leave the picture of this person's home behind.
  forgetLegacyHomeSnapshot(storage);
  await clearHomeSnapshot(localDb);
  localDb.close();
  await Dexie.delete(LOCAL_DB_NAME);
  await localDb.open();
  try {
    const keys = Array.from({ length: storage?.length ?? 0 }, (_, index) => storage!.key(index));
    for (const key of keys) if (key?.startsWith('jmo.draft.')) storage!.removeItem(key);
  } catch {
    // Storage unavailable: nothing kept there either.
  }
}
