import type { JmoDb } from '../../data/local-db.ts';
import { queueNewDraft, settleDraft } from '../../data/drafts.ts';
import type { MutationOutcomeHooks } from '../../sync/outbox.ts';

const PROFILE_DRAFT_KIND = 'profile';

/** A profile change learns the server's answer in its draft (registered in client/mutation-outcomes.ts). */
export const profileMutationOutcomes: MutationOutcomeHooks = { 'profile.update': settleDraft };

/**
 * The change is kept as a draft beside its mutation, so the form can show whether it is
 * waiting, sent or refused.
 */
export async function queueProfileUpdate(db: JmoDb, args: Record<string, unknown>, label: string, now: number, randomUUID: () => string): Promise<string> {
  const id = randomUUID();
  await queueNewDraft(db, { id, kind: PROFILE_DRAFT_KIND, data: args }, { name: 'profile.update', args, label }, now);
  return id;
}
