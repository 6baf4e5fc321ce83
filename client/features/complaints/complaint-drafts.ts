import type { DraftRow, JmoDb } from '../../data/local-db.ts';
import { draftsOfKind, queueDraft, settleDraft } from '../../data/drafts.ts';
import type { MutationOutcomeHooks } from '../../sync/outbox.ts';
import type { ComplaintFileArgs } from '../../../shared/complaints/complaint-schemas.ts';

const COMPLAINT_DRAFT_KIND = 'complaint';

/** Complaints and replies learn the server's answer in their drafts (registered in client/mutation-outcomes.ts). */
export const complaintMutationOutcomes: MutationOutcomeHooks = { 'complaint.file': settleDraft, 'complaint.reply': settleDraft };

export function listComplaintDrafts(db: JmoDb): Promise<DraftRow[]> {
  return draftsOfKind(db, COMPLAINT_DRAFT_KIND);
}

export async function createComplaintDraft(db: JmoDb, now: number, randomUUID: () => string): Promise<string> {
  const id = randomUUID();
  await db.drafts.add({ id, kind: COMPLAINT_DRAFT_KIND, state: 'editing', data: { category: '', description: '', kpj: null }, step: 0, createdAt: now, updatedAt: now });
  return id;
}

export async function saveComplaintDraft(db: JmoDb, id: string, data: Record<string, unknown>, now: number): Promise<void> {
  await db.transaction('rw', db.drafts, async () => {
    if ((await db.drafts.get(id))?.state === 'editing') await db.drafts.update(id, { data, updatedAt: now });
  });
}

export function queueComplaint(db: JmoDb, args: ComplaintFileArgs, now: number): Promise<number> {
  return queueDraft(db, { name: 'complaint.file', args, label: 'Pengaduan', draftId: args.draftId }, now);
}
