import type { DocumentPageRow, DraftRow, JmoDb } from '../../data/local-db.ts';
import { draftsOfKind, queueDraft, settleDraft } from '../../data/drafts.ts';
import { deletePagesOfDraft, uploadFingerprint } from '../../data/document-pages.ts';
import type { MutationOutcomeHooks } from '../../sync/outbox.ts';
import type { ClaimSubmitArgs, ClaimType } from '../../../shared/claims/claim-schemas.ts';
import type { ClaimDraftData } from './claim-draft-model.ts';
import { CLAIM_STEPS } from './claim-steps.ts';

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

/** Queues a claim that has no pages to wait for; the draft id travels with it so the server can never make two claims of it. */
export function queueClaim(db: JmoDb, args: ClaimSubmitArgs, label: string, now: number): Promise<number> {
  return queueDraft(db, { name: 'claim.submit', args, label, draftId: args.draftId }, now);
}

/**
 * Pages of documents the claim no longer lists (the participant changed the cause after taking
 * them) are dropped before sending: they would cost data and the office does not ask for them.
 */
export async function keepOnlyDocuments(db: JmoDb, draftId: string, documentIds: readonly string[]): Promise<void> {
  const keep = new Set(documentIds);
  await db.transaction('rw', db.documentPages, db.uploadUrls, async () => {
    const stale = await db.documentPages
      .where('draftId')
      .equals(draftId)
      .filter((page) => !keep.has(page.documentId))
      .primaryKeys();
    await db.uploadUrls.where('fingerprint').anyOf(stale.map(uploadFingerprint)).delete();
    await db.documentPages.bulkDelete(stale);
  });
}

/**
 * A claim waiting for its photos goes back to the wizard's documents step: to retake a page
 * the server refused, or because the participant wants to change something before it leaves.
 * Its mutation is not queued yet, so nothing was sent that could be taken back; a draft the
 * upload stage queued meanwhile stays queued (this returns false). Pages already on the
 * server stay marked as sent and are not sent again.
 */
export async function reopenUploadingDraft(db: JmoDb, id: string, now: number, refused?: { pageId: string; message: string }): Promise<boolean> {
  return db.transaction('rw', db.drafts, async () => {
    const draft = await db.drafts.get(id);
    if (draft?.kind !== CLAIM_DRAFT_KIND || draft.state !== 'uploading') return false;
    const data = draft.data as unknown as ClaimDraftData;
    const step = Math.max(0, CLAIM_STEPS[data.type].indexOf('documents'));
    const reopened: DraftRow = { ...draft, state: 'editing', step, data: { ...draft.data, refusedPage: refused }, updatedAt: now };
    delete reopened.pendingMutation;
    delete reopened.upload;
    await db.drafts.put(reopened);
    return true;
  });
}

/**
 * The page the server refused, when the upload stage handed the draft back for it (its status
 * says 'refused') or the participant reopened it from the waiting screen. The stage's message
 * starts with the document and page ("KTP …, halaman 2: "); the screens name those themselves.
 */
export function refusedPageOf(draft: DraftRow): { pageId: string; message: string } | undefined {
  const problem = draft.upload?.state === 'refused' ? draft.upload.problem : undefined;
  if (problem?.pageId) return { pageId: problem.pageId, message: problem.message.replace(/^.*?, halaman \d+: /s, '') };
  return (draft.data as { refusedPage?: { pageId: string; message: string } }).refusedPage;
}

/** Whether the participant may delete this draft: not while its mutation is on its way. */
const isDeletableDraft = (draft: DraftRow) => draft.state === 'editing' || draft.state === 'rejected';

export async function deleteClaimDraft(db: JmoDb, id: string): Promise<void> {
  await db.transaction('rw', db.drafts, db.documentPages, db.uploadUrls, async () => {
    // Queued drafts stay: their mutation is on its way and the result must find them.
    const draft = await db.drafts.get(id);
    if (draft?.kind !== CLAIM_DRAFT_KIND || !isDeletableDraft(draft)) return;
    await db.drafts.delete(id);
    // Its photos go in the same transaction: megabytes of someone's ID card must not outlive the draft.
    await deletePagesOfDraft(db, id);
  });
}

/**
 * A refused claim is fixed in a new draft with the same answers; the refused one goes, so
 * fixing a claim never leaves its old copy behind in the list.
 */
export async function copyRejectedDraft(db: JmoDb, draft: DraftRow, now: number, randomUUID: () => string): Promise<string> {
  const id = randomUUID();
  await db.transaction('rw', db.drafts, db.documentPages, db.uploadUrls, async () => {
    const { refusedPage: _refused, ...data } = draft.data;
    await db.drafts.add({ id, kind: CLAIM_DRAFT_KIND, state: 'editing', data, step: 0, createdAt: now, updatedAt: now });
    // The photos come along, as new uploads: the server ties an upload to the draft it was made for.
    const pages = await db.documentPages.where('draftId').equals(draft.id).toArray();
    await db.documentPages.bulkAdd(pages.map((page): DocumentPageRow => ({ ...page, id: randomUUID(), draftId: id, createdAt: now, uploadState: 'pending', uploadedBytes: 0, uploadUrl: undefined })));
    if (draft.state === 'rejected') {
      await db.drafts.delete(draft.id);
      await deletePagesOfDraft(db, draft.id);
    }
  });
  return id;
}
