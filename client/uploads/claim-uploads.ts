import type { HttpStack } from 'tus-js-client';
import type { ClaimUploadStatus, DocumentPageRow, DraftRow, JmoDb, PendingDraftMutation } from '../data/local-db.ts';
import { pagesOfDraft, uploadFingerprint } from '../data/document-pages.ts';
import { settleDraft } from '../data/drafts.ts';
import { queueMutation, type MutationOutcomeHook } from '../sync/outbox.ts';
import type { SyncOutcome } from '../sync/sync-engine.ts';
import { retryDelayMs } from '../sync/backoff.ts';
import { documentLabel } from '../../shared/rules/claim-documents.ts';
import type { ClaimResubmitArgs, ClaimSubmitArgs } from '../../shared/claims/claim-schemas.ts';
import { decideUpload, type UploadConditions } from './upload-policy.ts';
import { createUploadQueue, type DraftUploadResult, type UploadProgress } from './upload-queue.ts';

export type { ClaimUploadStatus, PendingDraftMutation } from '../data/local-db.ts';
export { readUploadWifiOnly, writeUploadWifiOnly } from '../data/upload-settings.ts';

/**
 * A claim with document photos is sent in two stages. "Kirim" freezes the draft in
 * 'uploading' with the mutation it will become (queueClaimAfterUploads); the upload stage,
 * run after every sync by the sync worker and by the service worker's Background Sync, sends
 * the pages (resumably, its own lock, never the sync lock) and, when the last one is on the
 * server, queues the mutation naming them in ONE transaction that first checks the draft is
 * still 'uploading'. So the outbox never holds a claim whose pages are not complete, a claim
 * is queued once however many workers finish its pages, and everything else in the outbox
 * goes out while the photos are still on their way.
 */

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** The claim's answers; `documents` (the page upload ids) is filled in by the upload stage. */
export type ClaimArgsWithoutDocuments = DistributiveOmit<ClaimSubmitArgs, 'documents'>;
export type ResubmitArgsWithoutDocuments = Omit<ClaimResubmitArgs, 'documents' | 'claimNo'>;

/** Corrections to a returned claim are drafts of this kind (as in client/features/claims/claim-fix.ts). */
const CLAIM_FIX_DRAFT_KIND = 'claim-fix';

/** Refusals of a page itself: sending it again cannot help, the participant must retake or remove it. */
const PAGE_REFUSALS = new Set(['UPLOAD_TYPE_REFUSED', 'UPLOAD_TOO_LARGE', 'UPLOAD_TOO_MANY_PAGES', 'UPLOAD_METADATA_INVALID']);

/** The tus upload id: the last path segment of the page's upload URL. */
export function uploadIdOf(uploadUrl: string): string {
  return new URL(uploadUrl, 'http://phone.invalid').pathname.split('/').pop() ?? '';
}

const withoutDocuments = (args: object): Record<string, unknown> => {
  const { documents: _documents, attachments: _attachments, ...rest } = args as Record<string, unknown>;
  return rest;
};

const isOnServer = (page: DocumentPageRow) => page.uploadState === 'done' && !!page.uploadUrl;

function statusOf(pages: DocumentPageRow[], state: ClaimUploadStatus['state'], now: number): ClaimUploadStatus {
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
async function queueIfAllPagesUp(db: JmoDb, draft: DraftRow, now: number): Promise<boolean> {
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

const freezeTables = (db: JmoDb) => [db.meta, db.outbox, db.drafts, db.documentPages];

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

/** Drafts whose photos are still on their way: the page keeps its triggers (online, connection change) for them. */
export function countUploadingDrafts(db: JmoDb): Promise<number> {
  return db.drafts.where('state').equals('uploading').count();
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

/** What one run of the stage left behind. */
export interface ClaimUploadsOutcome {
  /** Drafts whose mutation went into the outbox in this run. */
  queued: number;
  /** Drafts still 'uploading' after it (waiting for a connection, Wi-Fi, the participant, or a retry). */
  waiting: number;
  /** An upload failed for a reason time may cure (network, server): try again after a backoff. */
  retry: boolean;
}

export interface ClaimUploadStageDeps {
  db: JmoDb;
  /** The network and the settings as they are now (readUploadConditions in a browser). */
  conditions: () => Promise<Omit<UploadConditions, 'userAsked'>>;
  now: () => number;
  endpoint?: string;
  httpStack?: HttpStack;
  retryDelays?: number[];
}

/** Writes a draft's upload status, never over a draft that left 'uploading' meanwhile; keeps "unggah sekarang". */
async function writeStatus(db: JmoDb, draftId: string, status: Omit<ClaimUploadStatus, 'userAsked'>): Promise<void> {
  await db.drafts
    .where('id')
    .equals(draftId)
    .modify((draft) => {
      if (draft.state !== 'uploading') return;
      const userAsked = draft.upload?.userAsked;
      draft.upload = { ...status, ...(userAsked ? { userAsked } : {}) };
    });
}

function pageProblem(failure: Extract<DraftUploadResult, { complete: false }>): NonNullable<ClaimUploadStatus['problem']> {
  const page = failure.page;
  const document = page ? (documentLabel(page.documentId)?.id ?? page.documentId) : undefined;
  const why = failure.message ?? 'Halaman ini ditolak server.';
  return {
    code: failure.code ?? `HTTP_${failure.status ?? 0}`,
    message: document && page ? `${document}, halaman ${page.index + 1}: ${why}` : why,
    ...(page ? { documentId: page.documentId, pageId: page.id } : {}),
  };
}

/**
 * The upload stage: sends the pages of every 'uploading' draft the conditions allow, queues
 * each draft's mutation once all its pages are up, and keeps the draft's status current for
 * the screens. One instance per worker; run() calls must not overlap (createSyncWithUploads
 * takes care of that), while other workers' stages are kept apart by the upload lock and the
 * re-checking transaction.
 */
export function createClaimUploadStage(deps: ClaimUploadStageDeps) {
  const { db } = deps;
  // Progress arrives per answered chunk; writes are chained (never out of order) and coalesced
  // (a chunk answered while the previous write is pending replaces it).
  let writes: Promise<void> = Promise.resolve();
  const latest = new Map<string, UploadProgress>();
  const queue = createUploadQueue({
    db,
    ...(deps.endpoint ? { endpoint: deps.endpoint } : {}),
    ...(deps.httpStack ? { httpStack: deps.httpStack } : {}),
    ...(deps.retryDelays ? { retryDelays: deps.retryDelays } : {}),
    onProgress(progress) {
      const scheduled = latest.has(progress.draftId);
      latest.set(progress.draftId, progress);
      if (scheduled) return;
      writes = writes
        .then(async () => {
          const current = latest.get(progress.draftId)!;
          latest.delete(progress.draftId);
          const { draftId: _draftId, ...counts } = current;
          await writeStatus(db, progress.draftId, { ...counts, state: 'uploading', updatedAt: deps.now() });
        })
        .catch(() => undefined); // a lost progress line is redrawn by the next chunk
    },
  });

  async function setWaiting(draftId: string, state: ClaimUploadStatus['state'], problem?: ClaimUploadStatus['problem']): Promise<void> {
    await writes;
    const pages = await pagesOfDraft(db, draftId);
    await writeStatus(db, draftId, { ...statusOf(pages, state, deps.now()), ...(problem ? { problem } : {}) });
  }

  /** A page the server refuses for good: the draft is editable again, naming what to retake. */
  async function returnToEditing(draftId: string, problem: NonNullable<ClaimUploadStatus['problem']>): Promise<void> {
    await writes;
    await db.transaction('rw', db.drafts, db.documentPages, db.uploadUrls, async () => {
      const draft = await db.drafts.get(draftId);
      if (draft?.state !== 'uploading') return;
      const pages = await pagesOfDraft(db, draftId);
      const now = deps.now();
      // The refused upload is dead on the server: nothing to resume.
      if (problem.pageId) await db.uploadUrls.where('fingerprint').equals(uploadFingerprint(problem.pageId)).delete();
      await db.drafts.update(draftId, { state: 'editing', pendingMutation: undefined, upload: { ...statusOf(pages, 'refused', now), problem }, updatedAt: now });
    });
  }

  async function finish(draftId: string): Promise<boolean> {
    await writes;
    return db.transaction('rw', freezeTables(db), async () => {
      const draft = await db.drafts.get(draftId);
      return draft ? queueIfAllPagesUp(db, draft, deps.now()) : false;
    });
  }

  const uploadingDrafts = () => db.drafts.where('state').equals('uploading').sortBy('updatedAt');

  return {
    async run(): Promise<ClaimUploadsOutcome> {
      const outcome: ClaimUploadsOutcome = { queued: 0, waiting: 0, retry: false };
      const drafts = await uploadingDrafts();
      if (drafts.length === 0) return outcome;
      const conditions = await deps.conditions();
      for (const draft of drafts) {
        const decision = decideUpload({ ...conditions, userAsked: draft.upload?.userAsked === true });
        if (!decision.upload) {
          outcome.waiting++;
          await setWaiting(draft.id, decision.reason);
          continue;
        }
        const result = await queue.uploadDraft(draft.id);
        if (result.complete) {
          if (await finish(draft.id)) outcome.queued++;
          else if ((await db.drafts.get(draft.id))?.state === 'uploading') {
            // A page was retaken or added while this run sent the others: the next run sends it.
            outcome.waiting++;
            outcome.retry = true;
          }
          continue;
        }
        if (result.code && PAGE_REFUSALS.has(result.code)) {
          await returnToEditing(draft.id, pageProblem(result));
          continue;
        }
        outcome.waiting++;
        outcome.retry = true;
        const offline = result.status === undefined && !(await deps.conditions()).online;
        await setWaiting(draft.id, offline ? 'offline' : 'retrying', result.status === undefined ? undefined : pageProblem(result));
        // A failing link fails every draft alike: the next trigger tries them all again.
        outcome.waiting += drafts.length - drafts.indexOf(draft) - 1;
        break;
      }
      return outcome;
    },
    /** The sync found no network: the screens say the photos wait for a connection. */
    async markOffline(): Promise<void> {
      for (const draft of await uploadingDrafts()) await setWaiting(draft.id, 'offline');
    },
    /** Stops the page in flight (the server keeps what it has; the next run resumes there). */
    stop: () => queue.stop(),
  };
}

export type ClaimUploadStage = ReturnType<typeof createClaimUploadStage>;

export interface SyncWithUploadsDeps {
  sync: () => Promise<SyncOutcome>;
  stage: ClaimUploadStage;
  random: () => number;
  /** Where the worker lives on (the page's sync worker) the stage retries on its own after a backoff; a service worker passes none and lets Background Sync retry. */
  setTimer?: (callback: () => void, ms: number) => unknown;
}

/**
 * The sync as both workers run it: push and pull first (a queued reply never waits behind
 * photos), then the upload stage in the background of that sync, at most one run at a time
 * per worker. A run that queued a claim pushes it at once. `uploadsSettled` is for the
 * service worker, whose sync event must last until the photos are up.
 */
export function createSyncWithUploads(deps: SyncWithUploadsDeps) {
  let running: Promise<ClaimUploadsOutcome> | null = null;
  let again = false;
  let failures = 0;
  let retryTimer = false;
  const idle: ClaimUploadsOutcome = { queued: 0, waiting: 0, retry: false };

  async function runUntilQuiet(): Promise<ClaimUploadsOutcome> {
    let outcome: ClaimUploadsOutcome;
    do {
      again = false;
      outcome = await deps.stage.run();
      if (outcome.queued > 0) await deps.sync();
    } while (again);
    return outcome;
  }

  function startUploads(): Promise<ClaimUploadsOutcome> {
    if (running) {
      again = true; // a new draft, "unggah sekarang" or a better network since this run began
      return running;
    }
    const run = runUntilQuiet().catch((): ClaimUploadsOutcome => ({ queued: 0, waiting: 1, retry: true }));
    running = run.then((outcome) => {
      running = null;
      if (!outcome.retry) failures = 0;
      else if (deps.setTimer && !retryTimer) {
        retryTimer = true;
        deps.setTimer(() => {
          retryTimer = false;
          void startUploads();
        }, retryDelayMs(failures++, deps.random));
      }
      return outcome;
    });
    return running;
  }

  return {
    async sync(): Promise<SyncOutcome> {
      const outcome = await deps.sync();
      if (outcome.kind === 'ok') void startUploads();
      else if (outcome.kind === 'offline') await deps.stage.markOffline().catch(() => undefined);
      return outcome;
    },
    /** Resolves when the stage has nothing running (at once when nothing was started). */
    uploadsSettled(): Promise<ClaimUploadsOutcome> {
      return running ?? Promise.resolve(idle);
    },
  };
}
