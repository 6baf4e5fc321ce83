import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, saveScreenshot, waitForServiceWorkerControl } from './support/browser.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import { startCountingProxy } from './support/counting-proxy.ts';
import { DEFAULT_PERIODIC_MS } from '../../client/sync/sync-scheduler.ts';

const SITI = 'siti.rahayu@demo.jmo-lite.test';
const PASSWORD = 'Demo-JMO-2026!';

async function phoneContext(browser: Browser, headers: Record<string, string> = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 360, height: 640 }, deviceScaleFactor: 2, locale: 'id-ID', timezoneId: 'Asia/Jakarta', serviceWorkers: 'allow', extraHTTPHeaders: headers });
}

/** What an installed, engaged app gets in Chromium: granted here through the DevTools protocol. */
async function grantStorageAndPeriodicSync(browser: Browser, page: Page, origin: string) {
  const pageSession = await page.context().newCDPSession(page);
  const { targetInfo } = (await pageSession.send('Target.getTargetInfo')) as { targetInfo: { browserContextId: string } };
  const browserSession = await browser.newBrowserCDPSession();
  await browserSession.send('Browser.grantPermissions', { origin, browserContextId: targetInfo.browserContextId, permissions: ['durableStorage', 'periodicBackgroundSync'] });
}

async function signIn(page: Page, origin: string) {
  await page.goto(`${origin}/masuk`);
  await page.getByLabel('Email atau NIK').fill(SITI);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByTestId('merged-balance').waitFor({ timeout: 30_000 });
}

const periodicTags = (page: Page) => page.evaluate(async () => ((await navigator.serviceWorker.ready) as ServiceWorkerRegistration & { periodicSync: { getTags(): Promise<string[]> } }).periodicSync.getTags());
const pulls = (requests: string[]) => requests.filter((line) => line.startsWith('GET /api/sync/pull')).length;

/** Lets the page's sync timers run `minutes` ahead and the worker's requests finish. */
async function runTimers(page: Page, minutes: number) {
  for (let i = 0; i < minutes; i++) {
    await page.clock.runFor(60_000);
    await page.waitForTimeout(300);
  }
}

describe('platform promises in Chromium: durable storage, data saver, periodic refresh', () => {
  let server: ServerProcess;
  let browser: Browser;
  let proxy: Awaited<ReturnType<typeof startCountingProxy>>;
  beforeAll(async () => {
    // No claim simulator: the timer-pull figure must be unchanged pulls only.
    server = await startServerProcess({ CLAIM_SIMULATOR: '0' });
    proxy = await startCountingProxy(Number(new URL(server.url).port));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.stop();
  });

  it('asks for persistent storage at sign-in, registers periodic sync, shows the storage panel, and pulls on a timer at the measured cost', async () => {
    const origin = proxy.url;
    const context = await phoneContext(browser);
    const page = await context.newPage();
    // Counts the app's calls, so the test sees that sign-in asked, not only that the grant exists.
    await context.addInitScript(() => {
      const persist = StorageManager.prototype.persist;
      StorageManager.prototype.persist = function (this: StorageManager) {
        const calls = Number(sessionStorage.getItem('persistCalls') ?? 0);
        sessionStorage.setItem('persistCalls', String(calls + 1));
        return persist.call(this);
      };
    });
    await page.goto(origin, { waitUntil: 'load' });
    await waitForServiceWorkerControl(page);
    await grantStorageAndPeriodicSync(browser, page, origin);
    const persistCalls = () => page.evaluate(() => Number(sessionStorage.getItem('persistCalls') ?? 0));
    expect(await persistCalls()).toBe(0);
    expect(await periodicTags(page)).toEqual([]);

    await signIn(page, origin);
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
    console.log(`[platform] storage estimate usage ${estimate.usage} B, quota ${estimate.quota} B; panel: "${usageText}"; data use: "${await dataUse.innerText()}" (${await dataUse.getAttribute('data-bytes')} B); on the wire so far, headers included: ${proxy.totals.up + proxy.totals.down} B`);
    await saveScreenshot(page, 'settings-360');
    await page.locator('.storage-panel').evaluate((element) => element.scrollIntoView({ block: 'end' }));
    await saveScreenshot(page, 'settings-360-storage');

    // The timer pull, measured on the wire: an unchanged pull is a 304, headers both ways.
    await page.goto(`${origin}/`);
    await page.getByTestId('merged-balance').waitFor();
    await page.clock.install();
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    await page.waitForTimeout(2_500);
    proxy.reset();
    const minutes = 20;
    await runTimers(page, minutes);
    const pulled = pulls(proxy.totals.requests);
    const expected = Math.floor((minutes * 60_000) / DEFAULT_PERIODIC_MS);
    expect(pulled).toBeGreaterThanOrEqual(expected);
    expect(pulled).toBeLessThanOrEqual(expected + 1);
    expect(proxy.totals.requests, "only pulls in the window").toHaveLength(pulled);
    expect(new Set(proxy.totals.statuses)).toEqual(new Set([304]));
    const perPull = (proxy.totals.up + proxy.totals.down) / pulled;
    console.log(`[platform] timer pull (304): ${Math.round(proxy.totals.up / pulled)} B up + ${Math.round(proxy.totals.down / pulled)} B down = ${Math.round(perPull)} B; per hour of use at 60 s: ${Math.round((perPull * 60) / 1024)} KB, at ${DEFAULT_PERIODIC_MS / 60_000} min: ${Math.round((perPull * 3_600_000) / DEFAULT_PERIODIC_MS / 1024)} KB`);
    await context.close();
  });

  it('turns "Hemat data" on for Save-Data: on: no timer pulls, no office prefetch, no periodic sync', async () => {
    const origin = server.url;
    const context = await phoneContext(browser, { 'Save-Data': 'on' });
    const page = await context.newPage();
    const requests: string[] = [];
    context.on('request', (request) => requests.push(new URL(request.url()).pathname));
    await page.goto(origin, { waitUntil: 'load' });
    await waitForServiceWorkerControl(page);
    await grantStorageAndPeriodicSync(browser, page, origin);
    await signIn(page, origin);
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
    await page.getByRole('checkbox', { name: 'Hemat data' }).uncheck();
    await expect.poll(() => periodicTags(page)).toEqual(['jmo-refresh']);
    await context.close();
  });
});
