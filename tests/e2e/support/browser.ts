import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

// Without the background-networking flags Chromium keeps dialling Google hosts, which this
// closed network refuses; --no-sandbox because CI runs as root.
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS });
}

/** Phone-sized context: the app must work at 360×640. */
export async function newPhonePage(browser: Browser, extraHTTPHeaders: Record<string, string> = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    serviceWorkers: 'allow',
    extraHTTPHeaders,
  });
  return context.newPage();
}

const screenshotDir = 'test-results/screens';

export async function saveScreenshot(page: Page, name: string) {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: `${screenshotDir}/${name}.png`, fullPage: false });
}

/** Resolves once a service worker controls the page (after its first install, a reload). */
export async function waitForServiceWorkerControl(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
    await page.reload({ waitUntil: 'load' });
  }
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller));
}
