import { shrinkInWorker } from '../../../client/features/claim-documents/shrink-client.ts';

/** Loaded by the photo-shrink test's page: runs the app's own worker on a photo and hands back what it made. */
declare global {
  interface Window {
    shrinkPhoto(url: string): Promise<{ type: string; width: number; height: number; bytes: number[] }>;
  }
}

window.shrinkPhoto = async (url) => {
  const photo = await (await fetch(url)).blob();
  const page = await shrinkInWorker(photo);
  return { type: page.blob.type, width: page.width, height: page.height, bytes: [...new Uint8Array(await page.blob.arrayBuffer())] };
};
