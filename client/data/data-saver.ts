import type { DeviceDb } from './device-db.ts';

/** 'auto' follows the browser (navigator.connection.saveData or a Save-Data: on request header). */
export type DataSaverChoice = 'auto' | 'on' | 'off';

const CHOICE_KEY = 'dataSaver';
const HINT_KEY = 'saveDataHeader';

export async function readDataSaverChoice(db: DeviceDb): Promise<DataSaverChoice> {
  const value = (await db.settings.get(CHOICE_KEY))?.value;
  return value === 'on' || value === 'off' ? value : 'auto';
}

export async function writeDataSaverChoice(db: DeviceDb, choice: DataSaverChoice): Promise<void> {
  await db.settings.put({ key: CHOICE_KEY, value: choice });
}

export interface BrowserSignals {
  /** navigator.connection.saveData where the browser has it (Chromium). */
  saveData?: boolean;
  fetch?: typeof fetch;
}

/**
 * Whether the browser asks to save data. A browser (or an operator's proxy) may send
 * `Save-Data: on` without telling scripts, so the server's echo of the header is asked once
 * per phone and remembered; navigator.connection.saveData is read live.
 */
export async function browserAsksToSaveData(db: DeviceDb, signals: BrowserSignals): Promise<boolean> {
  if (signals.saveData) return true;
  const known = (await db.settings.get(HINT_KEY))?.value;
  if (typeof known === 'boolean') return known;
  if (!signals.fetch) return false;
  try {
    const response = await signals.fetch('/api/client-hints', { cache: 'no-store' });
    if (!response.ok) return false;
    const { saveData } = (await response.json()) as { saveData: boolean };
    await db.settings.put({ key: HINT_KEY, value: saveData === true });
    return saveData === true;
  } catch {
    return false; // offline on the very first start: ask again next time
  }
}

export async function isDataSaverOn(db: DeviceDb, signals: BrowserSignals): Promise<boolean> {
  const choice = await readDataSaverChoice(db);
  if (choice !== 'auto') return choice === 'on';
  return browserAsksToSaveData(db, signals);
}
