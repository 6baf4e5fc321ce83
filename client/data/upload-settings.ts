import type { DeviceDb } from './device-db.ts';
import { isDataSaverOn } from './data-saver.ts';
import type { UploadConditions } from '../uploads/upload-policy.ts';

/**
 * The phone's "unggah hanya lewat Wi-Fi" choice. A device setting (like data saver): it is
 * about this phone's data plan, so signing out keeps it.
 */
const WIFI_ONLY_KEY = 'uploadWifiOnly';

export async function readUploadWifiOnly(db: DeviceDb): Promise<boolean> {
  return (await db.settings.get(WIFI_ONLY_KEY))?.value === true;
}

export async function writeUploadWifiOnly(db: DeviceDb, wifiOnly: boolean): Promise<void> {
  await db.settings.put({ key: WIFI_ONLY_KEY, value: wifiOnly });
}

/** What a page, a dedicated worker and a service worker can all read of their network. */
export interface NavigatorSignals {
  onLine?: boolean;
  connection?: { type?: string; saveData?: boolean };
}

/**
 * Everything the upload decision needs except the participant's per-claim "unggah sekarang".
 * navigator.connection exists in Chromium's pages and workers alike; elsewhere the type is
 * unknown and the Wi-Fi-only choice cannot hold back anything (decideUpload says so).
 */
export async function readUploadConditions(db: DeviceDb, signals: NavigatorSignals, fetchImpl?: typeof fetch): Promise<Omit<UploadConditions, 'userAsked'>> {
  const connection = signals.connection;
  const [dataSaver, wifiOnly] = await Promise.all([isDataSaverOn(db, { saveData: connection?.saveData, fetch: fetchImpl }), readUploadWifiOnly(db)]);
  return { online: signals.onLine !== false, dataSaver, wifiOnly, ...(connection?.type !== undefined ? { connectionType: connection.type } : {}) };
}
