import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath, launchBrowser, newPhonePage, saveScreenshot, waitForServiceWorkerControl } from './support/browser.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';

describe('the installed app shell', () => {
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('renders in Indonesian, installs its service worker, and opens again with no network', async () => {
    const page = await newPhonePage(browser);
    await page.goto(server.url, { waitUntil: 'load' });
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    await page.locator('main').waitFor();
    await waitForServiceWorkerControl(page);

    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      return link ? ((await (await fetch(link.href)).json()) as { lang: string; display: string; icons: unknown[] }) : null;
    });
    expect(manifest).toMatchObject({ lang: 'id', display: 'standalone' });
    expect(manifest?.icons.length).toBeGreaterThanOrEqual(2);
    await saveScreenshot(page, 'shell-online');

    await page.context().setOffline(true);
    await page.reload({ waitUntil: 'load' });
    await page.locator('main').waitFor();
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    expect(await page.locator('body').innerText()).toMatch(/offline/i);
    await saveScreenshot(page, 'shell-offline');
    await page.context().close();
  });

  it('is installable, by Chromium’s own verdict', async () => {
    // Incognito contexts are never installable, so this check needs a real profile.
    const profile = mkdtempSync(join(tmpdir(), 'jmo-profile-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: CHROMIUM_FLAGS, viewport: { width: 360, height: 640 } });
    try {
      const page = await context.newPage();
      await page.goto(server.url, { waitUntil: 'load' });
      await waitForServiceWorkerControl(page);
      const devtools = await context.newCDPSession(page);
      const { installabilityErrors } = await devtools.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
});
