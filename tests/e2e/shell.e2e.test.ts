import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath, saveScreenshot, waitForServiceWorkerControl } from './support/browser.ts';
import { useE2eSuite } from './support/suite.ts';

describe('the installed app shell', () => {
  const suite = useE2eSuite();

  it('renders in Indonesian, installs its service worker, and opens again with no network', async () => {
    const page = await suite.openPhone();
    expect(await page.getAttribute('html', 'lang')).toBe('id');
    await page.locator('main').waitFor();

    const manifest = await page.evaluate(async () => {
      const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]');
      return link ? ((await (await fetch(link.href)).json()) as { lang: string; display: string; icons: unknown[] }) : null;
    });
    expect(manifest).toMatchObject({ lang: 'id', display: 'standalone' });
    expect(manifest?.icons.length).toBeGreaterThanOrEqual(2);
    await saveScreenshot(page, 'shell-online');

    await suite.goOffline(page);
    const forwardedBefore = suite.proxy.forwarded.length;
    await page.reload({ waitUntil: 'load' });
    await page.locator('main').waitFor();
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    expect(await page.locator('body').innerText()).toMatch(/offline/i);
    await saveScreenshot(page, 'shell-offline');
    // The whole shell came from the service worker: not one request reached the server.
    expect(suite.proxy.forwarded.slice(forwardedBefore)).toEqual([]);
    await page.context().close();
  });

  it('is installable, by Chromium’s own verdict', async () => {
    // Incognito contexts are never installable, so this check needs a real profile.
    const profile = mkdtempSync(join(tmpdir(), 'jmo-profile-'));
    const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, args: CHROMIUM_FLAGS, viewport: { width: 360, height: 640 } });
    try {
      const page = await context.newPage();
      await page.goto(suite.url, { waitUntil: 'load' });
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
