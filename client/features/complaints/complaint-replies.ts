import type { DraftRow, JmoDb } from '../../data/local-db.ts';
import { queueNewDraft } from '../../data/drafts.ts';
import type { ComplaintReplyArgs } from '../../../shared/complaints/complaint-schemas.ts';
import type { ComplaintMessageRecord } from '../../../shared/sync/entities.ts';

/**
 * A reply lives in `drafts` (id = the reply id sent to the server) so it goes queued → sent
 * or rejected like every other draft; no table of its own is needed.
 */
const COMPLAINT_REPLY_KIND = 'complaint.reply';

export interface PendingReply {
  id: string;
  body: string;
  state: DraftRow['state'];
  rejection?: { code: string; message: string };
  createdAt: number;
}

/**
 * Writes the reply and its outbox row in one transaction. Sending a refused reply again
 * reuses its id: the server stored nothing for it, and one reply stays one message.
 */
export function queueComplaintReply(db: JmoDb, args: ComplaintReplyArgs, now: number): Promise<number> {
  return db.transaction('rw', [db.meta, db.outbox, db.drafts], async () => {
    const previous = await db.drafts.get(args.replyId);
    if (previous && previous.state !== 'rejected') throw new Error(`reply ${args.replyId} is already ${previous.state}`);
    return queueNewDraft(db, { id: args.replyId, kind: COMPLAINT_REPLY_KIND, data: { complaintKey: args.complaintKey, body: args.body } }, { name: 'complaint.reply', args, label: 'Balasan pengaduan' }, now);
  });
}

/** Only a refused reply can be deleted: a queued one is already on its way to the office. */
export async function deleteRefusedReply(db: JmoDb, replyId: string): Promise<void> {
  await db.transaction('rw', db.drafts, async () => {
    if ((await db.drafts.get(replyId))?.state === 'rejected') await db.drafts.delete(replyId);
  });
}

/**
 * The thread as the phone knows it: the server's messages, then the replies it has not
 * brought back yet. A sent reply disappears from the second list once the pull delivers
 * its message (the mutation's ref is the message key), so it is never shown twice.
 */
export async function readComplaintThread(db: JmoDb, complaintKey: string): Promise<{ messages: ComplaintMessageRecord[]; pending: PendingReply[] }> {
  const messages = await db.complaintMessages.where('complaintKey').equals(complaintKey).sortBy('at');
  const delivered = new Set(messages.map((message) => message.key));
  const replies = await db.drafts
    .where('kind')
    .equals(COMPLAINT_REPLY_KIND)
    .filter((draft) => draft.data.complaintKey === complaintKey && !(draft.state === 'sent' && draft.resultRef !== undefined && delivered.has(draft.resultRef)))
    .sortBy('createdAt');
  return {
    messages,
    pending: replies.map((draft) => ({ id: draft.id, body: String(draft.data.body ?? ''), state: draft.state, rejection: draft.rejection, createdAt: draft.createdAt })),
  };
}
