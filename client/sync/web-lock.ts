import { SYNC_LOCK_NAME } from './sync-names.ts';

/**
 * Web Locks are shared by every tab, worker and the service worker of this origin, so only
 * one of them pushes at a time: two concurrent pushes of the same outbox would be harmless
 * for the server (ids dedupe) but would double the data a participant pays for.
 */
export function withWebLock<T>(job: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return job();
  return locks.request(SYNC_LOCK_NAME, job) as Promise<T>;
}
