import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { saveScreenshot } from './support/browser.ts';
import { startCountingProxy } from './support/counting-proxy.ts';
import { demoEmails, useE2eSuite } from './support/suite.ts';
import { DEFAULT_PERIODIC_MS } from '../../client/sync/sync-scheduler.ts';

/** What an installed, engaged app gets in Chromium: granted here through the DevTools protocol. */
async function grantStorageAndPeriodicSync(browser: Browser, page: Page) {
  const pageSession = await page.context().newCDPSession(page);
  const { targetInfo } = (await pageSession.send('Target.getTargetInfo')) as { targetInfo: { browserContextId: string } };
  const browserSession = await browser.newBrowserCDPSession();
  const origin = new URL(page.url()).origin;
  await browserSession.send('Browser.grantPermissions', { origin, browserContextId: targetInfo.browserContextId, permissions: ['durableStorage', 'periodicBackgroundSync'] });
}

const periodicTags = (page: Page) => page.evaluate(async () => ((await navigator.serviceWorker.ready) as ServiceWorkerRegistration & { periodicSync: { getTags(): Promise<string[]> } }).periodicSync.getTags());

/** Lets the page's sync timers run `minutes` ahead and the worker's requests finish. */
async function runTimers(page: Page, minutes: number) {
  for (let i = 0; i < minutes; i++) {
    await page.clock.runFor(60_000);
    await page.waitForTimeout(300);
  }
}

describe('platform promises in Chromium: durable storage, data saver, periodic refresh', () => {
  // No claim simulator: the timer-pull figure must be unchanged pulls only.
  const suite = useE2eSuite({ CLAIM_SIMULATOR: '0' });
  // Counts the bytes Chromium itself sends and gets, in front of the switchable proxy.
  let relay: Awaited<ReturnType<typeof startCountingProxy>>;
  beforeAll(async () => {
    relay = await startCountingProxy(Number(new URL(suite.url).port));
  });
  afterAll(() => relay?.close());

  it('asks for persistent storage at sign-in, registers periodic sync, shows the storage panel, and pulls on a timer at the measured cost', async () => {
    const origin = relay.url;
    // Counts the app's calls, so the test sees that sign-in asked, not only that the grant exists.
    const countPersistCalls = (page: Page) =>
      page.context().addInitScript(() => {
        const persist = StorageManager.prototype.persist;
        StorageManager.prototype.persist = function (this: StorageManager) {
          const calls = Number(sessionStorage.getItem('persistCalls') ?? 0);
          sessionStorage.setItem('persistCalls', String(calls + 1));
          return persist.call(this);
        };
      });
    const page = await suite.openPhone({ origin, beforeLoad: countPersistCalls });
    await grantStorageAndPeriodicSync(suite.browser, page);
    const persistCalls = () => page.evaluate(() => Number(sessionStorage.getItem('persistCalls') ?? 0));
    expect(await persistCalls()).toBe(0);
    expect(await periodicTags(page)).toEqual([]);

    await suite.signIn(page, demoEmails.siti);
    await expect.poll(persistCalls).toBeGreaterThan(0);
    expect(await page.evaluate(() => navigator.storage.persisted())).toBe(true);
    await expect.poll(() => periodicTags(page)).toEqual(['jmo-refresh']);

    await page.goto(`${origin}/pengaturan`);
    const panel = page.locator('.storage-panel');
    await panel.getByText('Tersimpan permanen.').waitFor();
    const estimate = await page.evaluate(() => navigator.storage.estimate());
    const usageText = await panel.locator('.storage-usage').innerText();
    expect(usageText).toMatch(/^Aplikasi ini memakai [\d,]+ (B|KB|MB) dari [\d,]+ (MB|GB|TB) yang boleh dipakai di ponsel ini\./);
    const dataUse = page.locator('.data-use');
    await expect.poll(async () => Number(await dataUse.getAttribute('data-bytes'))).toBeGreaterThan(10_000);
    expect(await page.getByRole('checkbox', { name: 'Hemat data' }).isChecked()).toBe(false);
    console.log(`[platform] storage estimate usage ${estimate.usage} B, quota ${estimate.quota} B; panel: "${usageText}"; data use: "${await dataUse.innerText()}" (${await dataUse.getAttribute('data-bytes')} B); on the wire so far, headers included: ${relay.total()} B`);
    await saveScreenshot(page, 'settings-360');
    await page.locator('.storage-panel').evaluate((element) => element.scrollIntoView({ block: 'end' }));
    await saveScreenshot(page, 'settings-360-storage');

    // The timer pull, measured on the wire: an unchanged pull is a 304, headers both ways.
    await page.goto(`${origin}/`);
    await page.getByTestId('merged-balance').waitFor();
    await page.clock.install();
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.waitForTimeout(2_500);
    relay.reset();
    const minutes = 20;
    await runTimers(page, minutes);
    // Only the pulls: the browser may check /sw.js for updates meanwhile, which is not the timer's doing.
    const pulls = relay.exchanges().filter((exchange) => exchange.request.startsWith('GET /api/sync/pull'));
    const expected = Math.floor((minutes * 60_000) / DEFAULT_PERIODIC_MS);
    expect(pulls.length).toBeGreaterThanOrEqual(expected);
    expect(pulls.length).toBeLessThanOrEqual(expected + 1);
    expect(new Set(pulls.map((pull) => pull.status))).toEqual(new Set([304]));
    const up = pulls.reduce((sum, pull) => sum + pull.up, 0) / pulls.length;
    const down = pulls.reduce((sum, pull) => sum + pull.down, 0) / pulls.length;
    const perPull = up + down;
    console.log(`[platform] timer pull (304): ${Math.round(up)} B up + ${Math.round(down)} B down = ${Math.round(perPull)} B; per hour of use at 60 s: ${Math.round((perPull * 60) / 1024)} KB, at ${DEFAULT_PERIODIC_MS / 60_000} min: ${Math.round((perPull * 3_600_000) / DEFAULT_PERIODIC_MS / 1024)} KB; other requests in the window: ${JSON.stringify(relay.exchanges().filter((exchange) => !pulls.includes(exchange)).map((exchange) => exchange.request))}`);
    await page.context().close();
  });

  it('turns "Hemat data" on for Save-Data: on: no timer pulls, no office prefetch, no periodic sync', async () => {
    const origin = suite.url;
    const requests: string[] = [];
    const page = await suite.openPhone({
      headers: { 'Save-Data': 'on' },
      beforeLoad: async (fresh) => fresh.context().on('request', (request) => requests.push(new URL(request.url()).pathname)),
    });
    await grantStorageAndPeriodicSync(suite.browser, page);
    await suite.signIn(page, demoEmails.siti);
    await page.goto(`${origin}/pengaturan`);
    await page.getByText('Dinyalakan otomatis karena peramban atau operator meminta hemat data.').waitFor();
    expect(await page.getByRole('checkbox', { name: 'Hemat data' }).isChecked()).toBe(true);
    expect(await periodicTags(page)).toEqual([]);

    await page.goto(`${origin}/kantor`);
    await page.getByText('Hemat data aktif: daftar kantor diunduh hanya jika Anda minta.').waitFor();
    await page.waitForTimeout(1_000);
    expect(requests.filter((path) => path === '/api/offices')).toEqual([]);
    await page.getByRole('button', { name: 'Unduh daftar kantor (±3 KB)' }).click();
    await page.getByText(/dari \d+ tempat/).waitFor();

    await page.goto(`${origin}/`);
    await page.getByTestId('merged-balance').waitFor();
    await page.clock.install();
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.waitForTimeout(1_000);
    const before = requests.filter((path) => path === '/api/sync/pull').length;
    await runTimers(page, 15);
    expect(requests.filter((path) => path === '/api/sync/pull').length).toBe(before);
    // The user still can ask.
    await page.getByRole('button', { name: 'Perbarui' }).first().click();
    await expect.poll(() => requests.filter((path) => path === '/api/sync/pull').length).toBe(before + 1);

    // Switched off by hand, the timer and the periodic refresh come back.
    await page.goto(`${origin}/pengaturan`);
    // The box stays disabled until the saved choice is read; a click before that changes nothing.
    const saver = page.getByRole('checkbox', { name: 'Hemat data' });
    await expect.poll(() => saver.isEnabled()).toBe(true);
    await saver.uncheck();
    await expect.poll(() => periodicTags(page)).toEqual(['jmo-refresh']);
    await page.context().close();
  });
});
