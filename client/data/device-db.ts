import { Dexie, type EntityTable } from 'dexie';

/** A per-phone choice, e.g. data saver; not personal data, so signing out keeps it. */
export interface DeviceSettingRow {
  key: string;
  value: unknown;
}

/** Bytes this app moved over the network in one calendar month ('2026-11'). */
export interface NetworkUsageRow {
  month: string;
  bytes: number;
}

export type DeviceDb = Dexie & {
  settings: EntityTable<DeviceSettingRow, 'key'>;
  usage: EntityTable<NetworkUsageRow, 'month'>;
};

const DEVICE_DB_NAME = 'jmo-lite-device';

/**
 * Kept apart from the account's database (client/data/local-db.ts), which a sign-out deletes:
 * the phone's data-saver choice and its data bill belong to the phone, not to the person.
 */
export function openDeviceDb(name = DEVICE_DB_NAME): DeviceDb {
  const db = new Dexie(name) as DeviceDb;
  db.version(1).stores({ settings: '&key', usage: '&month' });
  return db;
}
