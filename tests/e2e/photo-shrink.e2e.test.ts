import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPhonePage } from './support/browser.ts';
import { readImageMetadata } from './support/image-metadata.ts';
import { startDevPage } from './support/dev-page.ts';
import { MAX_LONG_SIDE, TARGET_BYTES } from '../../client/features/claim-documents/shrink-image.ts';

const FIXTURE = 'tests/fixtures/documents/paklaring-photo.jpg';

/**
 * The shrink worker in Chromium, served by Vite's dev server as the app would load it
 * (`new Worker(new URL(...))`), on a photographed letter: 3000×4000, 0.9 MB, with GPS EXIF.
 * The documents step is not mounted in the app yet, so the built app has no page to load it from.
 */
describe('shrinking a photographed document in a worker', () => {
  let devPage: Awaited<ReturnType<typeof startDevPage>>;
  let browser: Browser;
  let shrunk: { type: string; width: number; height: number; bytes: Uint8Array };
  let shrunkJpeg: typeof shrunk;
  let shrunkFile: string;
  beforeAll(async () => {
    devPage = await startDevPage('/tests/e2e/support/shrink-page.ts');
    browser = await launchBrowser();
    const page = await newPhonePage(browser);
    await page.goto(devPage.url);
    await page.waitForFunction(() => typeof window.shrinkPhoto === 'function');
    const result = await page.evaluate((url) => window.shrinkPhoto(url), `/${FIXTURE}`);
    shrunk = { ...result, bytes: new Uint8Array(result.bytes) };
    // Safari's path: it cannot encode WebP, so the worker falls back to JPEG.
    const jpeg = await page.evaluate((url) => window.shrinkPhoto(url, ['image/jpeg']), `/${FIXTURE}`);
    shrunkJpeg = { ...jpeg, bytes: new Uint8Array(jpeg.bytes) };
    // Kept for a person (or OCR) to read: test-results/ is not committed.
    mkdirSync('test-results', { recursive: true });
    shrunkFile = `test-results/paklaring-shrunk.${shrunk.type === 'image/webp' ? 'webp' : 'jpg'}`;
    writeFileSync(shrunkFile, shrunk.bytes);
    // Figures for the report, not assertions (no timed assertions on this shared machine).
    for (const [made, ms] of [[shrunk, result.milliseconds], [shrunkJpeg, jpeg.milliseconds]] as const) {
      console.log(`shrunk ${FIXTURE}: ${made.type} ${made.width}×${made.height} ${made.bytes.length} bytes in ${ms} ms`);
    }
  });
  afterAll(async () => {
    await browser?.close();
    await devPage?.close();
  });

  it('makes a ≤ 200 KB WebP/JPEG page, long side ≤ 1,600 px, with no EXIF or GPS left', async () => {
    const original = readImageMetadata(new Uint8Array(readFileSync(FIXTURE)));
    // The check below can fail: the photo going in does carry EXIF with a GPS position.
    expect(original.metadataBlocks).toContain('APP1 Exif');
    expect(original.hasGps).toBe(true);
    const { bytes } = shrunk;

    expect(['image/webp', 'image/jpeg']).toContain(shrunk.type);
    expect(Math.max(shrunk.width, shrunk.height)).toBe(MAX_LONG_SIDE); // full resolution kept: the text's size is what keeps it readable
    expect({ width: shrunk.width, height: shrunk.height }).toEqual({ width: 1200, height: 1600 });
    expect(bytes.length).toBeLessThanOrEqual(TARGET_BYTES);
    const metadata = readImageMetadata(bytes);
    expect(metadata.format).toBe(shrunk.type === 'image/webp' ? 'webp' : 'jpeg');
    expect(metadata.metadataBlocks).toEqual([]);
    expect(metadata.hasGps).toBe(false);
    expect(Buffer.from(bytes).includes('Exif')).toBe(false);
  });

  it('falls back to a JPEG that meets the same limits and carries no EXIF either', () => {
    expect(shrunkJpeg.type).toBe('image/jpeg');
    expect(Math.max(shrunkJpeg.width, shrunkJpeg.height)).toBeLessThanOrEqual(MAX_LONG_SIDE);
    expect(shrunkJpeg.bytes.length).toBeLessThanOrEqual(TARGET_BYTES);
    expect(readImageMetadata(shrunkJpeg.bytes)).toEqual({ format: 'jpeg', metadataBlocks: [], hasGps: false });
  });

  // Tesseract is a Debian package (tesseract-ocr), not an npm one: where it is installed, the
  // letter's key lines must come back from the shrunk page, character for character.
  it.skipIf(spawnSync('tesseract', ['--version']).status !== 0)('keeps the letter readable: OCR reads the name, NIK and KPJ number back', () => {
    const text = execFileSync('tesseract', [shrunkFile, '-'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    for (const line of ['SURAT KETERANGAN BERHENTI BEKERJA', 'Siti Rahmawati', '3216 0654 0790 0002', '21 0987 6543 21', '30 September 2026']) {
      expect(text).toContain(line);
    }
  });
});
