import { shrinkInWorker } from '../../client/features/claim-documents/shrink-client.ts';
import { openLocalDb } from '../../client/data/local-db.ts';
import { addPage, pagesOfDraft } from '../../client/data/document-pages.ts';
import { createUploadQueue } from '../../client/uploads/upload-queue.ts';

/**
 * The bench's page (served through the counting proxy): the app's own shrink worker, page store
 * and tus upload queue, driven from Node. Pages stay in the browser's IndexedDB, so a reload
 * is an app restart that resumes from what IndexedDB kept.
 */
export type PhotoVariant = 'as-taken' | 'upside-down' | 'closer' | 'mirrored';

export interface BenchPage {
  documentId: string;
  index: number;
  size: number;
  type: string;
  uploadState: string;
  uploadedBytes: number;
  uploadUrl: string | null;
}

declare global {
  interface Window {
    benchShrinkTime(url: string): Promise<number>;
    benchPhotograph(url: string, variant: PhotoVariant, draftId: string, documentId: string): Promise<{ type: string; size: number; width: number; height: number }>;
    benchUpload(draftId: string): Promise<{ complete: boolean; error: string | null }>;
    benchPages(draftId: string): Promise<BenchPage[]>;
  }
}

const db = openLocalDb('jmo-bench-documents');

window.benchShrinkTime = async (url) => {
  const photo = await (await fetch(url)).blob();
  const started = performance.now();
  await shrinkInWorker(photo);
  return performance.now() - started;
};

/**
 * Another photograph of a document, made from the fixture (the repository carries one real
 * photographed letter): turned, framed closer, or mirrored, and saved as a camera would
 * (full size, JPEG 0.92), so each page of the claim is a different picture of similar detail.
 */
async function photograph(url: string, variant: PhotoVariant): Promise<Blob> {
  const photo = await (await fetch(url)).blob();
  if (variant === 'as-taken') return photo;
  const bitmap = await createImageBitmap(photo, { imageOrientation: 'from-image' });
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext('2d')!;
  if (variant === 'upside-down') {
    context.translate(bitmap.width, bitmap.height);
    context.rotate(Math.PI);
    context.drawImage(bitmap, 0, 0);
  } else if (variant === 'mirrored') {
    context.translate(bitmap.width, 0);
    context.scale(-1, 1);
    context.drawImage(bitmap, 0, 0);
  } else {
    // 85 % of the frame, enlarged back to the camera's size: the phone held closer.
    const w = bitmap.width * 0.85;
    const h = bitmap.height * 0.85;
    context.drawImage(bitmap, (bitmap.width - w) / 2, (bitmap.height - h) / 2, w, h, 0, 0, bitmap.width, bitmap.height);
  }
  bitmap.close();
  return canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
}

window.benchPhotograph = async (url, variant, draftId, documentId) => {
  const page = await shrinkInWorker(await photograph(url, variant));
  await addPage(db, { draftId, documentId, blob: page.blob }, Date.now(), () => crypto.randomUUID());
  return { type: page.blob.type, size: page.blob.size, width: page.width, height: page.height };
};

window.benchUpload = async (draftId) => {
  // No retries inside the run: the bench restarts the app itself after a cut.
  const result = await createUploadQueue({ db, retryDelays: [] }).uploadDraft(draftId);
  return { complete: result.complete, error: result.complete ? null : String(result.error) };
};

window.benchPages = async (draftId) =>
  (await pagesOfDraft(db, draftId)).map(({ documentId, index, size, type, uploadState, uploadedBytes, uploadUrl }) => ({ documentId, index, size, type, uploadState, uploadedBytes, uploadUrl: uploadUrl ?? null }));
