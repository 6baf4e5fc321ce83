import { signal } from '@preact/signals';
import { openDeviceDb } from './device-db.ts';
import { isDataSaverOn } from './data-saver.ts';
import { createUsageRecorder } from '../net/network-usage.ts';

/** The page's handle on the per-phone database (the workers open their own). */
export const deviceDb = openDeviceDb();

/** "Hemat data" as it applies now; read by the sync triggers, the office list and Settings. */
export const dataSaver = signal(false);

/** Counts the page's own requests (and its load) into this month's data use. */
export const recordPageUsage = createUsageRecorder(deviceDb, globalThis.performance, Date.now, true);

export function browserSaveData(): boolean {
  return (navigator as Navigator & { connection?: { saveData?: boolean } }).connection?.saveData === true;
}

export async function refreshDataSaver(): Promise<boolean> {
  dataSaver.value = await isDataSaverOn(deviceDb, { saveData: browserSaveData(), fetch: (input, init) => fetch(input, init) });
  return dataSaver.value;
}

/** Settles once the stored choice is read at page load: optional downloads wait for it. */
export const dataSaverKnown: Promise<boolean> = refreshDataSaver().catch(() => dataSaver.value);
