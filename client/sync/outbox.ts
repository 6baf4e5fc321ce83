import type { Dexie } from 'dexie';
import type { JmoDb, OutboxRow } from '../data/local-db.ts';
import { readMeta, writeMeta } from '../data/meta.ts';
import type { MutationResult } from '../../shared/sync/protocol.ts';

export interface NewMutation {
  name: string;
  args: unknown;
  label: string;
  /** The local record (a draft) this mutation was made from; its outcome hook finds it by this id. */
  draftId?: string;
}

/**
 * Adds a mutation with the next gapless id; the id and the outbox row commit together. A
 * caller that writes something with it (a draft moving to "queued") opens a transaction over
 * its own tables too and calls this inside it, so both commit or neither does.
 */
export async function queueMutation(db: JmoDb, mutation: NewMutation, now: number): Promise<number> {
  return db.transaction('rw', [db.meta, db.outbox], async () => {
    const id = (await readMeta(db, 'nextMutationId')) ?? 1;
    const row: OutboxRow = { id, createdAt: now, ...mutation };
    await db.outbox.add(row);
    await writeMeta(db, 'nextMutationId', id + 1);
    return id;
  });
}

/** The local tables by name (`drafts`, `claims`, …), for hooks that say which ones they write. */
type LocalTableName = Exclude<keyof JmoDb, keyof Dexie>;

/**
 * What a feature does when the server answers one of its mutations (e.g. its draft becomes
 * "sent" or "refused"). The engine runs it inside the transaction that stores the answer and
 * removes the outbox row, so the answer and its effect commit together or not at all.
 */
export interface MutationOutcomeHook {
  /** Every table `settle` writes: the engine's transaction must cover them. */
  readonly tables: readonly LocalTableName[];
  settle(db: JmoDb, row: OutboxRow, result: MutationResult, now: number): Promise<void>;
}

/** Outcome hooks by mutation name; a mutation without one needs nothing besides its stored answer. */
export type MutationOutcomeHooks = Readonly<Record<string, MutationOutcomeHook>>;

/** The phone's install id: random once, kept until sign-out wipes the database. */
export async function ensureDeviceId(db: JmoDb, randomUUID: () => string): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await readMeta(db, 'deviceId');
    if (existing) return existing;
    const deviceId = randomUUID();
    await writeMeta(db, 'deviceId', deviceId);
    return deviceId;
  });
}

export function countPending(db: JmoDb): Promise<number> {
  return db.outbox.count();
}
