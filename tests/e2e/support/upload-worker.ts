import { openLocalDb } from '../../../client/data/local-db.ts';
import { addPage, pagesOfDraft } from '../../../client/data/document-pages.ts';
import { createUploadQueue, type UploadProgress } from '../../../client/uploads/upload-queue.ts';
import { pageBytes } from './page-bytes.ts';

/** The upload queue inside a dedicated worker, as the sync worker will run it: no window, no localStorage, no XMLHttpRequest use. */
self.onmessage = async ({ data }: MessageEvent<{ size: number }>) => {
  const db = openLocalDb('upload-worker-e2e');
  await addPage(db, { draftId: 'w1', documentId: 'KTP', blob: new Blob([pageBytes(data.size)], { type: 'image/webp' }) }, Date.now(), () => crypto.randomUUID());
  const events: UploadProgress[] = [];
  const result = await createUploadQueue({ db, onProgress: (event) => events.push(event) }).uploadDraft('w1');
  const pages = await pagesOfDraft(db, 'w1');
  postMessage({
    complete: result.complete,
    error: result.complete ? null : String(result.error),
    pages: pages.map(({ uploadState, uploadUrl }) => ({ uploadState, uploadUrl })),
    last: events.at(-1),
    resumeRecords: await db.uploadUrls.count(),
    inWorker: typeof window === 'undefined',
  });
};
