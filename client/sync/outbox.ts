import type { JmoDb, OutboxRow } from '../data/local-db.ts';
import { readMeta, writeMeta } from '../data/meta.ts';

export interface NewMutation {
  name: string;
  args: unknown;
  label: string;
  draftId?: string;
}

/**
 * Adds a mutation with the next gapless id. The id, the outbox row and whatever the caller
 * writes in `alongside` (e.g. the draft moving to "queued") commit together or not at all,
 * so a killed browser never leaves a queued draft without its mutation, or the reverse.
 */
export async function queueMutation(db: JmoDb, mutation: NewMutation, now: number, alongside?: () => Promise<unknown>): Promise<number> {
  return db.transaction('rw', [db.meta, db.outbox, db.drafts], async () => {
    const id = (await readMeta(db, 'nextMutationId')) ?? 1;
    const row: OutboxRow = { id, createdAt: now, ...mutation };
    await db.outbox.add(row);
    await writeMeta(db, 'nextMutationId', id + 1);
    if (mutation.draftId) await db.drafts.update(mutation.draftId, { state: 'queued', mutationId: id, updatedAt: now });
    await alongside?.();
    return id;
  });
}

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
