import { openLocalDb } from './local-db.ts';

/** The page's handle on the phone's database (the sync worker opens its own). */
export const localDb = openLocalDb();
