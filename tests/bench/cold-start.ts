import type { BrowserContext, Page } from 'playwright-core';
import { launchBrowser, newPhonePage, waitForServiceWorkerControl } from '../e2e/support/browser.ts';
import { startServerProcess } from '../e2e/support/server-process.ts';
import { STORED_BODY_HEADERS } from '../../client/shell/home-page-compose.ts';

/** Precached by the build, linked from nowhere: the bench fills it with the home's static text. */
const FLOOR_PATH = '/bench-floor.html';

export interface Spread {
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
}

export interface ColdStartResult {
  /** Navigation to the balance seen by the test driver (what the issue measured from outside), looking at every frame. */
  appMs: Spread;
  floorMs: Spread;
  /** median(app) / median(floor); the spread is over each run's app/floor pair. */
  ratio: Spread;
  /** Navigation start to the balance text painted, from Chromium's own Element Timing, in loads no driver watched. */
  appPaintMs: Spread;
  floorPaintMs: Spread;
  paintRatio: Spread;
  /** Navigation to the app's own home replacing the first-paint picture (IndexedDB read, full app up). */
  appReadyMs: Spread;
  runs: { appMs: number; floorMs: number; appPaintMs: number; floorPaintMs: number; appReadyMs: number }[];
}

function spreadOf(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const median = sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
  return { median, p25: at(0.25), p75: at(0.75), min: sorted[0]!, max: sorted.at(-1)! };
}

/**
 * Cold offline start of the signed-in home against its floor: the same home text as a static
 * page answered by the same service worker from its precache. Network off, CPU slowed 4x (a
 * cheap phone), each load in a new tab, app and floor alternating so drifting load on this
 * shared machine hits both alike.
 */
export async function measureColdOfflineStart(runs: number): Promise<ColdStartResult> {
  const server = await startServerProcess({ SEED_PARTICIPANTS: '0' });
  const browser = await launchBrowser();
  try {
    const page = await newPhonePage(browser);
    const context = page.context();
    await page.goto(server.url, { waitUntil: 'load' });
    await waitForServiceWorkerControl(page);
    await page.goto(`${server.url}/masuk`);
    await page.getByLabel('Email atau NIK').fill('siti.rahayu@demo.jmo-lite.test');
    await page.getByLabel('Kata sandi').fill('Demo-JMO-2026!');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByTestId('merged-balance').waitFor({ timeout: 60_000 });
    await context.setOffline(true);
    // The floor shows exactly what the full app ends up showing offline, with the app's own stylesheets.
    await page.goto(server.url, { waitUntil: 'load' });
    await page.locator('#app .freshness').waitFor({ timeout: 30_000 });
    const floorHtml = await page.evaluate(() => {
      const styles = [...document.querySelectorAll('link[rel="stylesheet"]')].map((link) => link.outerHTML).join('');
      const app = document.getElementById('app')!;
      return `<!doctype html><html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"><title>${document.title}</title>${styles}</head><body><div id="app">${app.innerHTML}</div></body></html>`;
    });
    const replaced = await page.evaluate(
      async ({ path, html, storedBodyHeaders }) => {
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const request of await cache.keys()) {
            if (new URL(request.url).pathname !== path) continue;
            // With the headers the server gave it, as every page this worker serves has them: its
            // Cross-Origin-Opener-Policy, for one, moves a navigation into a fresh renderer process.
            const stored = await cache.match(request);
            const headers = new Headers(stored!.headers);
            for (const name of storedBodyHeaders) headers.delete(name);
            await cache.put(request, new Response(html, { headers }));
            return true;
          }
        }
        return false;
      },
      { path: FLOOR_PATH, html: floorHtml, storedBodyHeaders: STORED_BODY_HEADERS },
    );
    if (!replaced) throw new Error(`${FLOOR_PATH} is not in the service worker's precache`);
    // A participant looks at the home for a moment before closing the app.
    await page.waitForTimeout(2_000);
    await page.close();

    // Two passes over alternating pairs. Watching for the balance at every frame puts the driver's
    // own script in the page while it loads, so Chromium's paint time is read in a second pass
    // where nothing watches: loaded, then asked for its Element Timing entries.
    const samples: ColdStartResult['runs'] = Array.from({ length: runs }, () => ({ appMs: 0, floorMs: 0, appPaintMs: 0, floorPaintMs: 0, appReadyMs: 0 }));
    const urlOf = (kind: 'app' | 'floor') => (kind === 'app' ? server.url : `${server.url}${FLOOR_PATH}`);
    const pairOrder = (i: number) => (i % 2 === 0 ? (['app', 'floor'] as const) : (['floor', 'app'] as const));
    for (const [i, sample] of samples.entries()) {
      for (const kind of pairOrder(i)) {
        const { elapsedMs, appReadyMs } = await timeLoadSeen(context, urlOf(kind), kind === 'app');
        sample[`${kind}Ms`] = elapsedMs;
        if (kind === 'app') sample.appReadyMs = appReadyMs;
      }
    }
    for (const [i, sample] of samples.entries()) {
      for (const kind of pairOrder(i)) sample[`${kind}PaintMs`] = await timeLoadPainted(context, urlOf(kind));
    }
    const appMs = spreadOf(samples.map((s) => s.appMs));
    const floorMs = spreadOf(samples.map((s) => s.floorMs));
    const appPaintMs = spreadOf(samples.map((s) => s.appPaintMs));
    const floorPaintMs = spreadOf(samples.map((s) => s.floorPaintMs));
    const round = (n: number) => Math.round(n * 100) / 100;
    const ratioSpread = (pairs: number[], median: number): Spread => {
      const spread = spreadOf(pairs);
      return { median: round(median), p25: round(spread.p25), p75: round(spread.p75), min: round(spread.min), max: round(spread.max) };
    };
    return {
      appMs,
      floorMs,
      ratio: ratioSpread(
        samples.map((s) => s.appMs / s.floorMs),
        appMs.median / floorMs.median,
      ),
      appPaintMs,
      floorPaintMs,
      paintRatio: ratioSpread(
        samples.map((s) => s.appPaintMs / s.floorPaintMs),
        appPaintMs.median / floorPaintMs.median,
      ),
      appReadyMs: spreadOf(samples.map((s) => s.appReadyMs)),
      runs: samples,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function throttledTab(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return page;
}

/** One load in a fresh tab, until the balance is visible to the driver watching every frame; for the app, also until its own home is up. */
async function timeLoadSeen(context: BrowserContext, url: string, isApp: boolean): Promise<{ elapsedMs: number; appReadyMs: number }> {
  const page = await throttledTab(context);
  try {
    const started = Date.now();
    const response = await page.goto(url, { waitUntil: 'commit' });
    // Looked for at every frame: a locator's waitFor polls at 0, 20, 50, 100, 100, 500, 500… ms,
    // which rounded each load up to its next poll (up to half a second) and measured the driver.
    await page.waitForFunction(() => document.querySelector('[data-testid="merged-balance"]') !== null, undefined, { polling: 'raf', timeout: 30_000 });
    const elapsedMs = Date.now() - started;
    if (!response?.fromServiceWorker()) throw new Error(`${url} was not answered by the service worker`);
    if (!isApp) return { elapsedMs, appReadyMs: 0 };
    // The app's own home (not the first-paint picture), rendered from IndexedDB.
    await page.locator('#app [data-testid="merged-balance"]').waitFor({ timeout: 30_000 });
    return { elapsedMs, appReadyMs: Date.now() - started };
  } finally {
    await page.close();
  }
}

/** One load in a fresh tab with nothing watching it: navigation start to the balance painted, as Chromium reports it. */
async function timeLoadPainted(context: BrowserContext, url: string): Promise<number> {
  const page = await throttledTab(context);
  try {
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response?.fromServiceWorker()) throw new Error(`${url} was not answered by the service worker`);
    return Math.round(await firstBalancePaint(page));
  } finally {
    await page.close();
  }
}

/** The earliest Element Timing entry of the balance (the snapshot's or the app's, whichever painted first). */
function firstBalancePaint(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no element timing for the balance')), 10_000);
        new PerformanceObserver((list, observer) => {
          const times = list
            .getEntries()
            .filter((entry) => (entry as PerformanceEntry & { identifier: string }).identifier === 'merged-balance')
            .map((entry) => (entry as PerformanceEntry & { renderTime: number }).renderTime || entry.startTime);
          if (times.length === 0) return;
          clearTimeout(timer);
          observer.disconnect();
          resolve(Math.min(...times));
        }).observe({ type: 'element', buffered: true });
      }),
  );
}
