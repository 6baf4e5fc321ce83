import type { ClaimUploadStatus, DocumentPageRow, DraftRow, JmoDb, PendingDraftMutation } from '../data/local-db.ts';
import { pagesOfDraft, uploadFingerprint } from '../data/document-pages.ts';
import { settleDraft } from '../data/drafts.ts';
import { queueMutation, type MutationOutcomeHook } from '../sync/outbox.ts';
import type { ClaimResubmitArgs, ClaimSubmitArgs } from '../../shared/claims/claim-schemas.ts';

export { countUploadingDrafts } from './uploading-drafts.ts';

/**
 * The half of claim uploads that the page itself runs (see ./claim-uploads.ts for the whole
 * story): "Kirim" freezes the draft in 'uploading', the queueing once its pages are up, and
 * what the page and the outcome hooks read. Kept apart from the upload stage: tus-js-client
 * keeps its code in every bundle that imports its module, and only the sync worker and the
 * service worker send pages, so the home screen and the claim screens must not import it.
 */

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** The claim's answers; `documents` (the page upload ids) is filled in by the upload stage. */
export type ClaimArgsWithoutDocuments = DistributiveOmit<ClaimSubmitArgs, 'documents'>;
export type ResubmitArgsWithoutDocuments = Omit<ClaimResubmitArgs, 'documents' | 'claimNo'>;

/** Corrections to a returned claim are drafts of this kind (as in client/features/claims/claim-fix.ts). */
const CLAIM_FIX_DRAFT_KIND = 'claim-fix';

/** The tus upload id: the last path segment of the page's upload URL. */
export function uploadIdOf(uploadUrl: string): string {
  return new URL(uploadUrl, 'http://phone.invalid').pathname.split('/').pop() ?? '';
}

const withoutDocuments = (args: object): Record<string, unknown> => {
  const { documents: _documents, attachments: _attachments, ...rest } = args as Record<string, unknown>;
  return rest;
};

export const isOnServer = (page: DocumentPageRow) => page.uploadState === 'done' && !!page.uploadUrl;

export function statusOf(pages: DocumentPageRow[], state: ClaimUploadStatus['state'], now: number): ClaimUploadStatus {
  const done = pages.filter(isOnServer);
  return {
    pagesDone: done.length,
    pagesTotal: pages.length,
    bytesDone: pages.reduce((sum, page) => sum + (isOnServer(page) ? page.size : Math.min(page.uploadedBytes, page.size)), 0),
    bytesTotal: pages.reduce((sum, page) => sum + page.size, 0),
    state,
    updatedAt: now,
  };
}

/**
 * Inside a transaction over drafts, documentPages, meta and outbox: the draft's pending
 * mutation goes into the outbox with its pages' upload ids, unless a page is not on the
 * server yet. Returns whether it was queued.
 */
export async function queueIfAllPagesUp(db: JmoDb, draft: DraftRow, now: number): Promise<boolean> {
  const pending = draft.pendingMutation;
  if (draft.state !== 'uploading' || !pending) return false;
  const pages = await pagesOfDraft(db, draft.id);
  if (!pages.every(isOnServer)) return false;
  const documents = pages.map((page) => uploadIdOf(page.uploadUrl!));
  await queueMutation(db, { name: pending.name, args: { ...pending.args, documents }, label: pending.label, draftId: draft.id }, now);
  await db.drafts.update(draft.id, { state: 'queued', pendingMutation: undefined, upload: statusOf(pages, 'uploading', now), updatedAt: now });
  return true;
}

/** Freezes an editing draft with the mutation it becomes; queues it at once when nothing is left to send. */
async function freeze(db: JmoDb, draft: DraftRow, pending: PendingDraftMutation, now: number): Promise<'uploading' | 'queued'> {
  const pages = await pagesOfDraft(db, draft.id);
  const frozen: DraftRow = { ...draft, state: 'uploading', pendingMutation: pending, upload: statusOf(pages, 'uploading', now), updatedAt: now };
  await db.drafts.put(frozen);
  return (await queueIfAllPagesUp(db, frozen, now)) ? 'queued' : 'uploading';
}

export const freezeTables = (db: JmoDb) => [db.meta, db.outbox, db.drafts, db.documentPages];

/**
 * "Kirim" on a claim with document pages: the draft stops being editable and waits in
 * 'uploading' until its pages are on the server; then `claim.submit` is queued with their
 * ids. Pressing twice changes nothing. Resolves with where the draft is now ('queued' when
 * every page was already up). The caller asks for a sync (requestSync) as after any queueing.
 */
export function queueClaimAfterUploads(db: JmoDb, claim: { draftId: string; args: ClaimArgsWithoutDocuments; label: string }, now: number): Promise<'uploading' | 'queued'> {
  return db.transaction('rw', freezeTables(db), async () => {
    const draft = await db.drafts.get(claim.draftId);
    if (!draft) throw new Error(`Draf ${claim.draftId} tidak ada lagi`);
    if (draft.state === 'uploading') return 'uploading';
    if (draft.state !== 'editing') return 'queued';
    return freeze(db, draft, { name: 'claim.submit', args: { ...withoutDocuments(claim.args), draftId: claim.draftId }, label: claim.label }, now);
  });
}

/**
 * The same for a correction of a returned claim: its new pages live under the correction
 * draft's id (kind 'claim-fix'). The draft is made here when the form kept none.
 */
export function queueResubmitAfterUploads(
  db: JmoDb,
  fix: { draftId: string; claimNo: string; args: ResubmitArgsWithoutDocuments; label: string; returnedEventKey?: string },
  now: number,
): Promise<'uploading' | 'queued'> {
  return db.transaction('rw', freezeTables(db), async () => {
    const existing = await db.drafts.get(fix.draftId);
    if (existing && existing.state === 'uploading') return 'uploading';
    if (existing && existing.state !== 'editing') return 'queued';
    const data = { ...existing?.data, claimNo: fix.claimNo, ...(fix.returnedEventKey ? { returnedEventKey: fix.returnedEventKey } : {}) };
    const draft: DraftRow = existing ? { ...existing, data } : { id: fix.draftId, kind: CLAIM_FIX_DRAFT_KIND, state: 'editing', data, step: 0, createdAt: now, updatedAt: now };
    return freeze(db, draft, { name: 'claim.resubmit', args: { ...withoutDocuments(fix.args), claimNo: fix.claimNo }, label: fix.label }, now);
  });
}

/**
 * "Unggah sekarang" under data saver: this claim's photos may use mobile data. Kept on the
 * draft, so the service worker's Background Sync honours it too. Wi-Fi only still waits.
 */
export async function askToUploadNow(db: JmoDb, draftId: string): Promise<void> {
  await db.drafts
    .where('id')
    .equals(draftId)
    .modify((draft) => {
      if (draft.state === 'uploading' && draft.upload) draft.upload = { ...draft.upload, userAsked: true };
    });
}


/**
 * The server's answer to claim.submit / claim.resubmit reaches the draft (settleDraft); once
 * the claim is applied the server holds its pages (linked to the claim, never expiring), so
 * the photos leave the phone and free its storage. A refused claim keeps them: the
 * participant fixes it with the same photos.
 */
export const settleClaimAndFreePages: MutationOutcomeHook = {
  tables: ['drafts', 'documentPages', 'uploadUrls'],
  async settle(db, row, result, now) {
    await settleDraft.settle(db, row, result, now);
    if (result.status !== 'applied' || !row.draftId) return;
    const ids = await db.documentPages.where('draftId').equals(row.draftId).primaryKeys();
    await db.uploadUrls.where('fingerprint').anyOf(ids.map(uploadFingerprint)).delete();
    await db.documentPages.bulkDelete(ids);
  },
};
