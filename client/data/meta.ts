import type { JmoDb } from './local-db.ts';
import type { SyncAttemptOutcome } from '../../shared/rules/freshness.ts';

/** Sync bookkeeping kept in the `meta` table, one row per key. */
export interface SyncMeta {
  deviceId: string;
  /** Whose data this is; a different sign-in wipes the database first. */
  accountEmail: string;
  cursor: string;
  etag: string;
  /** Highest mutation id the server has confirmed for this device. */
  lastMutationId: number;
  nextMutationId: number;
  /** serverTime − local clock at the last answer, so "Data per …" uses the server's clock. */
  serverOffsetMs: number;
  /** Server time at which the server last confirmed the local copy is current. */
  lastConfirmedAt: number;
  /** How the last request to the server ended (local clock): only 'ok' lets data read as current. */
  lastAttempt: { outcome: SyncAttemptOutcome; at: number };
  status: SyncStatus;
  /** ETag of the office directory copy in the `offices` table. */
  officesEtag: string;
}

export interface SyncStatus {
  state: 'idle' | 'syncing' | 'offline' | 'error' | 'signed-out';
  /** While pushing: how many of the waiting items have been answered. */
  progress?: { done: number; total: number };
  lastError?: string;
  nextRetryAt?: number;
  updatedAt: number;
}

export async function readMeta<K extends keyof SyncMeta>(db: JmoDb, key: K): Promise<SyncMeta[K] | undefined> {
  return (await db.meta.get(key))?.value as SyncMeta[K] | undefined;
}

export function writeMeta<K extends keyof SyncMeta>(db: JmoDb, key: K, value: SyncMeta[K]): Promise<unknown> {
  return db.meta.put({ key, value });
}

/** What "Data per …" is computed from; read in the same transaction as the data it labels where that matters. */
export interface FreshnessFacts {
  confirmedAt: number | null;
  serverOffsetMs: number;
  lastAttempt: SyncAttemptOutcome | null;
}

export async function readFreshnessFacts(db: JmoDb): Promise<FreshnessFacts> {
  return {
    confirmedAt: (await readMeta(db, 'lastConfirmedAt')) ?? null,
    serverOffsetMs: (await readMeta(db, 'serverOffsetMs')) ?? 0,
    lastAttempt: (await readMeta(db, 'lastAttempt'))?.outcome ?? null,
  };
}
