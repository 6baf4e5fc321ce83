import { shrinkInWorker } from '../../../client/features/claim-documents/shrink-client.ts';

/** Loaded by the photo-shrink test's page: runs the app's own worker on a photo and hands back what it made. */
declare global {
  interface Window {
    shrinkPhoto(url: string, types?: string[]): Promise<{ type: string; width: number; height: number; bytes: number[]; milliseconds: number }>;
  }
}

window.shrinkPhoto = async (url, types) => {
  const photo = await (await fetch(url)).blob();
  const started = performance.now();
  const page = await shrinkInWorker(photo, types);
  const milliseconds = Math.round(performance.now() - started);
  return { type: page.blob.type, width: page.width, height: page.height, bytes: [...new Uint8Array(await page.blob.arrayBuffer())], milliseconds };
};
