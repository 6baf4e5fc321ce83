import type { Locator, Page } from 'playwright-core';

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
