import { Dexie } from 'dexie';
import type { DraftRow, JmoDb } from './local-db.ts';
import { queueMutation, type MutationOutcomeHook, type NewMutation } from '../sync/outbox.ts';

/**
 * What every draft goes through (claims, corrections, complaints, replies, profile changes):
 * editing → queued with its mutation → sent with the server's reference, or refused with the
 * reason. Each feature queues its drafts here and registers `settleDraft` for its mutations
 * (client/mutation-outcomes.ts); the sync engine itself never writes a draft.
 */

/** The drafts of one kind ('claim', 'complaint', 'profile'), most recently changed first. */
export function draftsOfKind(db: JmoDb, kind: string): Promise<DraftRow[]> {
  return db.drafts.where('[kind+updatedAt]').between([kind, Dexie.minKey], [kind, Dexie.maxKey]).reverse().toArray();
}

/**
 * Queues the mutation a draft became and moves the draft to "queued" in one transaction, so a
 * killed browser never leaves a queued draft without its mutation, or the reverse.
 */
export function queueDraft(db: JmoDb, mutation: NewMutation & { draftId: string }, now: number): Promise<number> {
  return db.transaction('rw', [db.meta, db.outbox, db.drafts], async () => {
    const id = await queueMutation(db, mutation, now);
    await db.drafts.update(mutation.draftId, { state: 'queued', updatedAt: now });
    return id;
  });
}

/**
 * For what is written and sent in one go (a correction, a reply, a profile change): the draft,
 * already queued, and its mutation commit together. An existing draft with this id (a refused
 * reply sent again) is replaced.
 */
export function queueNewDraft(db: JmoDb, draft: Pick<DraftRow, 'id' | 'kind' | 'data'>, mutation: Omit<NewMutation, 'draftId'>, now: number): Promise<number> {
  return db.transaction('rw', [db.meta, db.outbox, db.drafts], async () => {
    await db.drafts.put({ ...draft, state: 'queued', step: 0, createdAt: now, updatedAt: now });
    return queueMutation(db, { ...mutation, draftId: draft.id }, now);
  });
}

/** The server's answer reaches the draft the mutation was made from. */
export const settleDraft: MutationOutcomeHook = {
  tables: ['drafts'],
  async settle(db, row, result, now) {
    if (!row.draftId) return;
    await db.drafts.update(row.draftId, {
      state: result.status === 'applied' ? 'sent' : 'rejected',
      resultRef: result.status === 'applied' ? result.ref : undefined,
      rejection: result.status === 'rejected' ? { code: result.code, message: result.message } : undefined,
      updatedAt: now,
    });
  },
};
