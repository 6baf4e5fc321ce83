import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPhonePage } from './support/browser.ts';
import { startDevPage } from './support/dev-page.ts';
import { pageBytes } from './support/page-bytes.ts';
import { startTusTestServer, type TusTestServer } from '../support/tus-test-server.ts';

/**
 * tus-js-client with the app's fetch stack and IndexedDB resume records, in a Chromium
 * dedicated worker, against a real tus server on the same origin (as /api/uploads will be).
 */
describe('the upload queue in a browser worker', () => {
  let tus: TusTestServer;
  let devPage: Awaited<ReturnType<typeof startDevPage>>;
  let browser: Browser;
  beforeAll(async () => {
    tus = await startTusTestServer();
    devPage = await startDevPage('/tests/e2e/support/upload-worker-page.ts', { '/api/uploads': new URL(tus.endpoint).origin });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await devPage?.close();
    await tus?.close();
  });

  it('uploads a page in chunks from inside a worker, byte-identical, and forgets its resume record', async () => {
    const size = 300_000;
    const page = await newPhonePage(browser);
    await page.goto(devPage.url);
    await page.waitForFunction(() => typeof window.uploadInWorker === 'function');
    const report = (await page.evaluate((bytes) => window.uploadInWorker(bytes), size)) as {
      complete: boolean;
      error: string | null;
      pages: { uploadState: string; uploadUrl: string }[];
      last: { pagesDone: number; bytesDone: number };
      resumeRecords: number;
      inWorker: boolean;
    };
    expect(report.error).toBeNull();
    expect(report).toMatchObject({ complete: true, inWorker: true, resumeRecords: 0, last: { pagesDone: 1, bytesDone: size } });
    expect(report.pages).toHaveLength(1);
    expect(report.pages[0]!.uploadState).toBe('done');
    const stored = await tus.storedBytes(report.pages[0]!.uploadUrl);
    expect(createHash('sha256').update(stored).digest('hex')).toBe(createHash('sha256').update(pageBytes(size)).digest('hex'));
    expect(tus.forwardedBytes).toBe(size);
    expect(tus.largestChunk).toBeLessThan(size); // sent in chunks, not in one request
  });
});
