import type { DeviceDb } from '../data/device-db.ts';

/** What a typical prepaid package costs per GB (1 GB = 1024 MB, as operators count). */
const RUPIAH_PER_GB = 4_300;
const BYTES_PER_GB = 1024 ** 3;

export function monthOf(now: number): string {
  const date = new Date(now);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
}

/** Adds to this month's total; page, sync worker and service worker all write here. */
export async function addTransferredBytes(db: DeviceDb, bytes: number, now: number): Promise<void> {
  if (!(bytes > 0)) return;
  const month = monthOf(now);
  await db.transaction('rw', db.usage, async () => {
    const row = await db.usage.get(month);
    await db.usage.put({ month, bytes: (row?.bytes ?? 0) + Math.round(bytes) });
  });
}

export async function readMonthUsage(db: DeviceDb, now: number): Promise<number> {
  return (await db.usage.get(monthOf(now)))?.bytes ?? 0;
}

export function costInRupiah(bytes: number): number {
  return (bytes / BYTES_PER_GB) * RUPIAH_PER_GB;
}

type TimelineEntry = { entryType: string; transferSize?: number };
export interface ResourceTimeline {
  getEntriesByType(type: string): TimelineEntry[];
  clearResourceTimings(): void;
}

/**
 * Bytes on the wire (headers and compressed body; 0 for a cache hit) of every request this
 * context made since the last call, from Resource Timing. The buffer is cleared, so each
 * request is counted once. `withNavigation` adds the page's own load, once per page.
 */
function takeTransferredBytes(timeline: ResourceTimeline, withNavigation = false): number {
  const entries = [...timeline.getEntriesByType('resource'), ...(withNavigation ? timeline.getEntriesByType('navigation') : [])];
  timeline.clearResourceTimings();
  return entries.reduce((sum, entry) => sum + (entry.transferSize ?? 0), 0);
}

/** Counts this context's traffic into the month's total; call after the context used the network. */
export function createUsageRecorder(db: DeviceDb, timeline: ResourceTimeline | undefined, now: () => number, countNavigation = false) {
  let navigationCounted = !countNavigation;
  let pending = Promise.resolve();
  return function record(): Promise<void> {
    if (!timeline) return pending;
    const bytes = takeTransferredBytes(timeline, !navigationCounted);
    navigationCounted = true;
    pending = pending.then(() => addTransferredBytes(db, bytes, now())).catch(() => undefined);
    return pending;
  };
}
