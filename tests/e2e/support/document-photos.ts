import type { Locator, Page } from 'playwright-core';
import { photoVariants } from './photo-variants.ts';

/** A real photographed letter (tests/fixtures/documents/make-photo-fixture.sh): shrunk to ~100–200 KB on the phone. */
export const DOCUMENT_PHOTO = 'tests/fixtures/documents/paklaring-photo.jpg';

/** The documents step's cards that have no page yet. */
function emptyDocuments(page: Page): Locator {
  return page.locator('main [data-document]').filter({ hasText: /Belum ada foto|No photo yet/ });
}

/**
 * Attaches the photo to every document of the wizard's documents step that has no page yet,
 * through the "Pilih foto atau PDF" picker (the camera input takes the same file), and waits
 * until each page is shrunk and stored: its thumbnail is shown. Returns how many were attached.
 */
export async function attachDocumentPhotos(page: Page, file = DOCUMENT_PHOTO): Promise<number> {
  await page.locator('main [data-document]').first().waitFor({ timeout: 30_000 });
  let attached = 0;
  for (let card = emptyDocuments(page).first(); (await emptyDocuments(page).count()) > 0; card = emptyDocuments(page).first()) {
    const id = await card.getAttribute('data-document');
    await card.locator('input[type="file"]:not([capture])').setInputFiles(file);
    await page.locator(`main [data-document="${id}"] img.doc-thumb`).first().waitFor({ timeout: 30_000 });
    attached += 1;
  }
  return attached;
}

/**
 * Attaches distinct full-size phone photos (photoVariants) to the given documents of the documents
 * step, `pagesOf[id]` pages to a document (one unless said), all of a document's pages in one pick,
 * and waits until its last page is shrunk and stored: its thumbnail "… halaman N" is shown.
 * Distinct photos let each office page be matched to its phone page by hash.
 */
export async function attachDistinctPhotos(page: Page, documentIds: readonly string[], pagesOf: Readonly<Record<string, number>> = {}): Promise<void> {
  const labels = documentIds.flatMap((id) => Array.from({ length: pagesOf[id] ?? 1 }, (_, index) => `${id} ${index + 1}`));
  const photos = await photoVariants(page, labels);
  for (const documentId of documentIds) {
    const card = page.locator(`main [data-document="${documentId}"]`);
    const count = pagesOf[documentId] ?? 1;
    await card.locator('input[accept="image/*,application/pdf"]').setInputFiles(photos.splice(0, count));
    await card.getByRole('img', { name: new RegExp(`halaman ${count}$`) }).waitFor({ timeout: 60_000 });
  }
}
