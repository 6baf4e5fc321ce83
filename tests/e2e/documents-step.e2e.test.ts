import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPhonePage, saveScreenshot } from './support/browser.ts';
import { startDevPage } from './support/dev-page.ts';

const PHOTO = 'tests/fixtures/documents/paklaring-photo.jpg';
const PDF = { name: 'ktp.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') };

/**
 * The documents step in Chromium at 360×640, as the wizard will show it: photos taken and
 * pages kept without any network once the screen is up.
 */
describe('the documents step in a phone browser', () => {
  let devPage: Awaited<ReturnType<typeof startDevPage>>;
  let browser: Browser;
  beforeAll(async () => {
    devPage = await startDevPage('/tests/e2e/support/documents-step-page.tsx');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await devPage?.close();
  });

  it('takes, adds, retakes and removes pages offline, with thumbnails, and keeps them shrunk in IndexedDB', async () => {
    const page = await newPhonePage(browser);
    await page.goto(devPage.url);
    const letter = page.locator('[data-document="SURAT_BERHENTI"]');
    const ktp = page.locator('[data-document="KTP"]');
    await letter.getByText('Belum ada foto').waitFor();
    // Warm the worker online (the service worker precaches it in the app), then cut the network.
    await letter.locator('input[capture="environment"]').last().setInputFiles(PHOTO);
    await letter.getByRole('img', { name: /halaman 1$/ }).waitFor();
    await page.context().setOffline(true);

    await letter.locator('input[accept="image/*,application/pdf"]').setInputFiles([PHOTO]);
    await letter.getByRole('img', { name: /halaman 2$/ }).waitFor();
    await ktp.locator('input[accept="image/*,application/pdf"]').setInputFiles([PDF]);
    await ktp.getByRole('img', { name: /KTP.*halaman 1$/ }).waitFor();
    await expect.poll(() => letter.getByText('2 halaman').count()).toBe(1);
    await saveScreenshot(page, 'documents-step-offline');

    const stored = await page.evaluate(() => window.storedPages());
    expect(stored.map(({ documentId, index, type }) => [documentId, index, type])).toEqual([
      ['KTP', 0, 'application/pdf'],
      ['SURAT_BERHENTI', 0, 'image/webp'],
      ['SURAT_BERHENTI', 1, 'image/webp'],
    ]);
    for (const photo of stored.filter((row) => row.type === 'image/webp')) expect(photo.size).toBeLessThanOrEqual(200 * 1024);

    // Retake the first letter page: same place, new photo.
    const [firstLetterPage] = stored.filter((row) => row.documentId === 'SURAT_BERHENTI');
    await letter.locator('.doc-page').first().locator('input[type="file"]').setInputFiles(PHOTO);
    await expect.poll(async () => (await page.evaluate(() => window.storedPages())).filter((row) => row.documentId === 'SURAT_BERHENTI' && row.index === 0)[0]?.id).not.toBe(firstLetterPage!.id);

    // Remove the first page: the second becomes page 1.
    await letter.getByRole('button', { name: /Hapus: .*halaman 1$/ }).click();
    await expect.poll(() => letter.getByText('1 halaman').count()).toBe(1);
    const after = await page.evaluate(() => window.storedPages());
    expect(after.filter((row) => row.documentId === 'SURAT_BERHENTI').map((row) => row.index)).toEqual([0]);

    // A file that is neither a photo nor a PDF is refused with a clear message, and nothing is stored.
    await ktp.locator('input[accept="image/*,application/pdf"]').setInputFiles([{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') }]);
    await ktp.getByRole('alert').filter({ hasText: 'Hanya foto' }).waitFor();
    expect((await page.evaluate(() => window.storedPages())).length).toBe(2);
    // Every touch target keeps the design system's 48 px height at 360 px wide.
    for (const box of await page.locator('.doc-pick, .doc-page button').evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().height))) expect(box).toBeGreaterThanOrEqual(48);
    await page.context().close();
  });
});
