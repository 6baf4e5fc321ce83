import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const PAKLARING_PHOTO = 'tests/fixtures/documents/paklaring-photo.jpg';

export interface PhotoFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * Distinct full-size phone photos made from the committed paklaring photo, in the browser (no
 * image tool needed on the machine): each is stamped with its own label and tilted a little, so
 * every page shrinks to different bytes and a page stored under the wrong document would show
 * in the hashes. 3000×4000 JPEGs with grain, as a phone camera gives them.
 */
export async function photoVariants(page: Page, labels: readonly string[]): Promise<PhotoFile[]> {
  const source = readFileSync(PAKLARING_PHOTO).toString('base64');
  const made = await page.evaluate(
    async ({ source, labels }) => {
      const bytes = Uint8Array.from(atob(source), (char) => char.charCodeAt(0));
      const photo = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }));
      const out: string[] = [];
      for (const [index, label] of labels.entries()) {
        const canvas = new OffscreenCanvas(photo.width, photo.height);
        const context = canvas.getContext('2d')!;
        context.fillStyle = '#5b4028';
        context.fillRect(0, 0, canvas.width, canvas.height);
        context.translate(canvas.width / 2, canvas.height / 2);
        context.rotate(((index % 2 === 0 ? 1 : -1) * (index + 1) * Math.PI) / 360);
        context.drawImage(photo, -photo.width / 2, -photo.height / 2);
        context.setTransform(1, 0, 0, 1, 0, 0);
        // Sensor grain in 4×4 blotches (it survives the shrink's downscale), seeded per photo:
        // a page then shrinks to ~150 KB like a real phone shot, not to the ~60 KB of the clean
        // fixture, so one page takes more than one upload chunk.
        const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
        let seed = index + 1;
        for (let y = 0; y < canvas.height; y += 4) {
          for (let x = 0; x < canvas.width; x += 4) {
            seed = (seed * 1103515245 + 12345) & 0x7fffffff;
            const grain = (seed / 0x7fffffff - 0.5) * 15;
            for (let dy = 0; dy < 4 && y + dy < canvas.height; dy++) {
              for (let dx = 0; dx < 4 && x + dx < canvas.width; dx++) {
                const at = ((y + dy) * canvas.width + x + dx) * 4;
                for (let channel = at; channel < at + 3; channel++) pixels.data[channel] = pixels.data[channel]! + grain;
              }
            }
          }
        }
        context.putImageData(pixels, 0, 0);
        context.fillStyle = 'rgba(180, 20, 20, 0.85)';
        context.font = 'bold 150px sans-serif';
        context.fillText(label, 360, 3500);
        const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
        const buffer = new Uint8Array(await blob.arrayBuffer());
        let binary = '';
        for (let at = 0; at < buffer.length; at += 0x8000) binary += String.fromCharCode(...buffer.subarray(at, at + 0x8000));
        out.push(btoa(binary));
      }
      return out;
    },
    { source, labels: [...labels] },
  );
  return made.map((base64, index) => ({ name: `foto-${index + 1}.jpg`, mimeType: 'image/jpeg', buffer: Buffer.from(base64, 'base64') }));
}

export interface StoredPage {
  id: string;
  draftId: string;
  documentId: string;
  index: number;
  size: number;
  type: string;
  uploadState: string;
  uploadUrl: string | null;
  sha256: string;
}

/**
 * The pages the phone keeps in IndexedDB (the app's Dexie database, read with the plain
 * IndexedDB API so the test does not depend on the app's code), each with the sha256 of its
 * blob: the bytes the office must end up with.
 */
export async function storedPages(page: Page): Promise<StoredPage[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('jmo-lite');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const rows = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
      const request = db.transaction('documentPages').objectStore('documentPages').getAll();
      request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
      request.onerror = () => reject(request.error);
    });
    db.close();
    const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
    const pages = await Promise.all(
      rows.map(async (row) => ({
        id: row.id as string,
        draftId: row.draftId as string,
        documentId: row.documentId as string,
        index: row.index as number,
        size: row.size as number,
        type: row.type as string,
        uploadState: row.uploadState as string,
        uploadUrl: (row.uploadUrl as string | undefined) ?? null,
        sha256: hex(await crypto.subtle.digest('SHA-256', await (row.blob as Blob).arrayBuffer())),
      })),
    );
    return pages.sort((a, b) => a.documentId.localeCompare(b.documentId) || a.index - b.index);
  });
}
