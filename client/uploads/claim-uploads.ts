import type { HttpStack } from 'tus-js-client';
import type { ClaimUploadStatus, JmoDb } from '../data/local-db.ts';
import { pagesOfDraft, uploadFingerprint } from '../data/document-pages.ts';
import type { SyncOutcome } from '../sync/sync-engine.ts';
import { retryDelayMs } from '../sync/backoff.ts';
import { documentLabel } from '../../shared/rules/claim-documents.ts';
import { decideUpload, type UploadConditions } from './upload-policy.ts';
import { createUploadQueue, type DraftUploadResult, type UploadProgress } from './upload-queue.ts';
import { freezeTables, queueIfAllPagesUp, statusOf } from './claim-upload-queueing.ts';

export type { ClaimUploadStatus, PendingDraftMutation } from '../data/local-db.ts';
export { readUploadWifiOnly, writeUploadWifiOnly } from '../data/upload-settings.ts';
export {
  askToUploadNow,
  countUploadingDrafts,
  queueClaimAfterUploads,
  queueResubmitAfterUploads,
  settleClaimAndFreePages,
  uploadIdOf,
  type ClaimArgsWithoutDocuments,
  type ResubmitArgsWithoutDocuments,
} from './claim-upload-queueing.ts';

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

/** Refusals of a page itself: sending it again cannot help, the participant must retake or remove it. */
const PAGE_REFUSALS = new Set(['UPLOAD_TYPE_REFUSED', 'UPLOAD_TOO_LARGE', 'UPLOAD_TOO_MANY_PAGES', 'UPLOAD_METADATA_INVALID']);

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
    let queued = 0;
    let outcome: ClaimUploadsOutcome;
    do {
      again = false;
      outcome = await deps.stage.run();
      queued += outcome.queued;
      if (outcome.queued > 0) await deps.sync();
    } while (again);
    return { ...outcome, queued };
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
