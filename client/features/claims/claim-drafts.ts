import type { DraftRow, JmoDb } from '../../data/local-db.ts';
import { draftsOfKind, queueDraft, settleDraft } from '../../data/drafts.ts';
import type { MutationOutcomeHooks } from '../../sync/outbox.ts';
import type { ClaimSubmitArgs, ClaimType } from '../../../shared/claims/claim-schemas.ts';
import type { ClaimDraftData } from './claim-draft-model.ts';

const CLAIM_DRAFT_KIND = 'claim';

/** Claims and their corrections learn the server's answer in their drafts (registered in client/mutation-outcomes.ts). */
export const claimMutationOutcomes: MutationOutcomeHooks = { 'claim.submit': settleDraft, 'claim.resubmit': settleDraft };

/** Claim drafts only, newest first: the drafts table also holds complaints and profile changes. */
export function listClaimDrafts(db: JmoDb): Promise<DraftRow[]> {
  return draftsOfKind(db, CLAIM_DRAFT_KIND);
}

/** Claim drafts on their way to the server, which the server would count as claims in process. */
export function queuedClaimDrafts(db: JmoDb): Promise<DraftRow[]> {
  return db.drafts.where('[kind+state]').equals([CLAIM_DRAFT_KIND, 'queued']).toArray();
}

/** The claim draft with this id, or null (also for another kind's draft, e.g. a typed-in URL). */
export async function findClaimDraft(db: JmoDb, id: string): Promise<DraftRow | null> {
  const draft = await db.drafts.get(id);
  return draft?.kind === CLAIM_DRAFT_KIND ? draft : null;
}

/**
 * The draft a tap on a claim type opens: the participant's open draft of that type and card
 * when there is one, so tapping twice never leaves two half-filled copies. With one card the
 * card is known up front; with several, a draft whose card is not chosen yet is reused.
 */
export async function openClaimDraft(db: JmoDb, type: ClaimType, cardKpjs: readonly string[], now: number, randomUUID: () => string): Promise<string> {
  return db.transaction('rw', db.drafts, async () => {
    const onlyCard = cardKpjs.length === 1 ? cardKpjs[0] : undefined;
    const open = (await listClaimDrafts(db)).find((draft) => {
      const data = draft.data as unknown as ClaimDraftData;
      return draft.state === 'editing' && data.type === type && (data.kpj === undefined || data.kpj === onlyCard);
    });
    if (open) return open.id;
    const id = randomUUID();
    const data: ClaimDraftData = { type, documentsConfirmed: [], ...(onlyCard ? { kpj: onlyCard } : {}) };
    await db.drafts.add({ id, kind: CLAIM_DRAFT_KIND, state: 'editing', data: data as unknown as Record<string, unknown>, step: 0, createdAt: now, updatedAt: now });
    return id;
  });
}

/**
 * The wizard's write-through: it owns the answers and the step while the user types and saves
 * every change at once, so a killed browser or a restarted phone resumes where the user was.
 */
export async function saveClaimDraft(db: JmoDb, id: string, changes: { data?: ClaimDraftData; step?: number }, now: number): Promise<void> {
  await db.transaction('rw', db.drafts, async () => {
    const draft = await db.drafts.get(id);
    // A queued draft is frozen: what was sent must stay what the user saw.
    if (!draft || draft.state !== 'editing') return;
    await db.drafts.update(id, {
      ...(changes.data ? { data: changes.data as unknown as Record<string, unknown> } : {}),
      ...(changes.step !== undefined ? { step: changes.step } : {}),
      updatedAt: now,
    });
  });
}

/** Queues the claim; the draft id travels with it so the server can never make two claims of it. */
export function queueClaim(db: JmoDb, args: ClaimSubmitArgs, label: string, now: number): Promise<number> {
  return queueDraft(db, { name: 'claim.submit', args, label, draftId: args.draftId }, now);
}

/** Whether the participant may delete this draft: not while its mutation is on its way. */
const isDeletableDraft = (draft: DraftRow) => draft.state === 'editing' || draft.state === 'rejected';

export async function deleteClaimDraft(db: JmoDb, id: string): Promise<void> {
  await db.transaction('rw', db.drafts, async () => {
    // Queued drafts stay: their mutation is on its way and the result must find them.
    const draft = await db.drafts.get(id);
    if (draft?.kind === CLAIM_DRAFT_KIND && isDeletableDraft(draft)) await db.drafts.delete(id);
  });
}

/**
 * A refused claim is fixed in a new draft with the same answers; the refused one goes, so
 * fixing a claim never leaves its old copy behind in the list.
 */
export async function copyRejectedDraft(db: JmoDb, draft: DraftRow, now: number, randomUUID: () => string): Promise<string> {
  const id = randomUUID();
  await db.transaction('rw', db.drafts, async () => {
    await db.drafts.add({ id, kind: CLAIM_DRAFT_KIND, state: 'editing', data: draft.data, step: 0, createdAt: now, updatedAt: now });
    if (draft.state === 'rejected') await db.drafts.delete(draft.id);
  });
  return id;
}
