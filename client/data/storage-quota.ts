import { signal } from '@preact/signals';

/** Set when a write was refused because the phone (or the browser's share of it) is full. */
export const storageFull = signal(false);

/**
 * A refused write for lack of space, in any of its shapes: the DOMException itself, Dexie's
 * QuotaExceededError, or Dexie's AbortError whose `inner` is the quota error (Chromium aborts
 * the whole transaction).
 */
export function isQuotaError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { name, inner, cause } = current as { name?: string; inner?: unknown; cause?: unknown };
    if (name === 'QuotaExceededError') return true;
    current = inner ?? cause;
  }
  return false;
}

/**
 * Local writes are transactions: a refused one leaves the outbox and the drafts as they were,
 * and the form keeps what the user typed. What is left is telling the user, wherever the
 * write was started (draft autosave is fire-and-forget), so this listens for the rejection.
 */
export function watchQuotaFailures(target: Pick<Window, 'addEventListener'>): void {
  target.addEventListener('unhandledrejection', (event) => {
    if (!isQuotaError(event.reason)) return;
    storageFull.value = true;
    event.preventDefault();
  });
}

/** Asks the browser not to evict this app's data under storage pressure (idempotent); a refusal is fine. */
export async function requestPersistentStorage(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<boolean> {
  try {
    if (!storage?.persist) return false;
    return await storage.persist();
  } catch {
    return false;
  }
}

export interface StorageReport {
  persisted: boolean | null;
  usage: number | null;
  quota: number | null;
}

export async function readStorageReport(storage: StorageManager | undefined = globalThis.navigator?.storage): Promise<StorageReport> {
  const [persisted, estimate] = await Promise.all([storage?.persisted?.().catch(() => null) ?? null, storage?.estimate?.().catch(() => null) ?? null]);
  return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}
