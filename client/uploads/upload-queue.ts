import { Upload, type HttpStack } from 'tus-js-client';
import type { DocumentPageRow, JmoDb } from '../data/local-db.ts';
import { pagesOfDraft, uploadFingerprint } from '../data/document-pages.ts';
import { blobFileReader } from './blob-file-reader.ts';
import { ChunkSizer } from './chunk-sizer.ts';
import { dexieUrlStorage } from './dexie-url-storage.ts';
import { fetchHttpStack } from './fetch-http-stack.ts';

/** Where the phone's pages go (tus 1.0, session cookie). */
export const UPLOADS_ENDPOINT = '/api/uploads';
/** One upload at a time per origin: the page, the sync worker and Background Sync must not send the same photo twice. */
const UPLOAD_LOCK_NAME = 'jmo-lite-uploads';

export interface UploadProgress {
  draftId: string;
  pagesDone: number;
  pagesTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

/** Why a page did not make it: the server's status and `{code, message}` where it answered at all. */
export interface UploadFailure {
  error: Error;
  /** The HTTP status of the refusing answer; absent for a dropped connection or a stop. */
  status?: number;
  code?: string;
  message?: string;
  page?: { id: string; documentId: string; index: number };
}

export type DraftUploadResult = { complete: true } | ({ complete: false } & UploadFailure);

/** An upload the server no longer knows (expired after 7 days, cleaned up, or never created). */
const isGoneUpload = (failure: UploadFailure) =>
  (failure.status === 404 || failure.status === 410) && (failure.code === undefined || failure.code === 'UPLOAD_NOT_FOUND' || failure.code === 'UPLOAD_EXPIRED');

/** Reads the status and the app's `{code, message}` out of tus-js-client's error. */
export function describeUploadError(error: unknown): Omit<UploadFailure, 'page'> {
  const failure: Omit<UploadFailure, 'page'> = { error: error instanceof Error ? error : new Error(String(error)) };
  const response = (error as { originalResponse?: { getStatus(): number; getBody(): string } | null }).originalResponse;
  if (!response) return failure;
  failure.status = response.getStatus();
  try {
    const body = JSON.parse(response.getBody()) as { code?: unknown; message?: unknown };
    if (typeof body.code === 'string') failure.code = body.code;
    if (typeof body.message === 'string') failure.message = body.message;
  } catch {
    // tus's own plain-text answers (or a proxy's page) carry no code: the status alone decides.
  }
  return failure;
}

export interface UploadQueueOptions {
  db: JmoDb;
  endpoint?: string;
  httpStack?: HttpStack;
  /** tus-js-client's own retries within one run (a run that still fails is tried again by the caller's next trigger). */
  retryDelays?: number[];
  onProgress?: (progress: UploadProgress) => void;
  now?: () => number;
}

/**
 * Sends a draft's pages, one page at a time, each resumable: a cut connection or a killed app
 * continues from the server's offset (the resume record is in IndexedDB beside the page), so
 * a participant on a weak link never pays for the same bytes twice.
 */
export function createUploadQueue({
  db,
  endpoint = UPLOADS_ENDPOINT,
  httpStack = fetchHttpStack(),
  retryDelays = [1_000, 5_000, 15_000],
  onProgress = () => {},
  now = () => performance.now(),
}: UploadQueueOptions) {
  const sizer = new ChunkSizer();
  const urlStorage = dexieUrlStorage(db);
  const running = new Map<string, Promise<DraftUploadResult>>();
  // tus-js-client's abort() settles nothing, so the page's promise is rejected by hand.
  let current: { upload: Upload; reject: (error: Error) => void } | null = null;
  let stopped = false;

  function uploadPage(page: DocumentPageRow, onSent: (bytes: number) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      let chunkSentAt = now();
      const upload: Upload = new Upload(page.blob, {
        endpoint,
        chunkSize: sizer.size,
        metadata: { draftId: page.draftId, documentId: page.documentId, page: String(page.index), filetype: page.type },
        fingerprint: async () => uploadFingerprint(page.id),
        urlStorage,
        fileReader: blobFileReader,
        httpStack,
        retryDelays,
        storeFingerprintForResuming: true,
        removeFingerprintOnSuccess: true,
        onBeforeRequest: (request) => {
          if (request.getMethod() === 'PATCH') chunkSentAt = now();
        },
        onUploadUrlAvailable: () => void db.documentPages.update(page.id, { uploadUrl: upload.url ?? undefined }),
        onProgress: (bytesSent) => onSent(bytesSent),
        onChunkComplete: (chunkSize, bytesAccepted) => {
          sizer.record(chunkSize, now() - chunkSentAt);
          upload.options.chunkSize = sizer.size; // tus-js-client reads it for every next chunk
          void db.documentPages.update(page.id, { uploadedBytes: bytesAccepted });
        },
        onSuccess: () => {
          db.documentPages
            .update(page.id, { uploadState: 'done', uploadedBytes: page.size, uploadUrl: upload.url ?? undefined })
            .then(() => resolve(), reject);
        },
        onError: (error) => reject(error),
      });
      current = { upload, reject };
      upload
        .findPreviousUploads()
        .then((previous) => {
          if (stopped) return reject(new Error('Unggahan dihentikan'));
          if (previous[0]) upload.resumeFromPreviousUpload(previous[0]);
          upload.start();
        })
        .catch(reject);
    });
  }

  async function forgetUpload(pageId: string): Promise<void> {
    await db.transaction('rw', db.documentPages, db.uploadUrls, async () => {
      await db.uploadUrls.where('fingerprint').equals(uploadFingerprint(pageId)).delete();
      await db.documentPages.where('id').equals(pageId).modify((row) => {
        delete row.uploadUrl;
        row.uploadedBytes = 0;
      });
    });
  }

  async function run(draftId: string): Promise<DraftUploadResult> {
    const pages = await pagesOfDraft(db, draftId);
    const progress: UploadProgress = {
      draftId,
      pagesTotal: pages.length,
      bytesTotal: pages.reduce((sum, page) => sum + page.size, 0),
      pagesDone: pages.filter((page) => page.uploadState === 'done').length,
      bytesDone: 0,
    };
    let bytesOfDonePages = pages.filter((page) => page.uploadState === 'done').reduce((sum, page) => sum + page.size, 0);
    onProgress({ ...progress, bytesDone: bytesOfDonePages });
    for (const page of pages.filter((candidate) => candidate.uploadState !== 'done')) {
      const where = { id: page.id, documentId: page.documentId, index: page.index };
      for (let attempt = 0; ; attempt++) {
        if (stopped) return { complete: false, error: new Error('Unggahan dihentikan'), page: where };
        try {
          await uploadPage(page, (sent) => onProgress({ ...progress, bytesDone: bytesOfDonePages + sent }));
          break;
        } catch (error) {
          const failure = { ...describeUploadError(error), page: where };
          // The server lost the upload mid-way (tus-js-client only starts anew when HEAD says so):
          // forget where it was and send the page again from its first byte, once per run.
          if (attempt === 0 && isGoneUpload(failure)) {
            await forgetUpload(page.id);
            continue;
          }
          return { complete: false, ...failure };
        } finally {
          current = null;
        }
      }
      bytesOfDonePages += page.size;
      progress.pagesDone += 1;
      onProgress({ ...progress, bytesDone: bytesOfDonePages });
    }
    return { complete: true };
  }

  return {
    /** Sends what is left of a draft's pages; resolves (never rejects) with whether all are on the server. */
    uploadDraft(draftId: string): Promise<DraftUploadResult> {
      stopped = false;
      const already = running.get(draftId);
      if (already) return already;
      const locks = (globalThis.navigator as Navigator | undefined)?.locks;
      const job = () => run(draftId);
      const promise = (locks ? (locks.request(UPLOAD_LOCK_NAME, job) as unknown as Promise<DraftUploadResult>) : job()).finally(() => running.delete(draftId));
      running.set(draftId, promise);
      return promise;
    },
    /** Stops the upload in flight (offline, Wi-Fi lost, page closing); the server keeps what it received. */
    async stop(): Promise<void> {
      stopped = true;
      const inFlight = current;
      if (!inFlight) return;
      await inFlight.upload.abort(false);
      inFlight.reject(new Error('Unggahan dihentikan'));
    },
    /** The chunk size the next request will use (for the bench and the tests). */
    get chunkSize() {
      return sizer.size;
    },
  };
}

export type UploadQueue = ReturnType<typeof createUploadQueue>;
