import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveScreenshot } from './support/browser.ts';
import { demoEmails, useE2eSuite } from './support/suite.ts';
import { metaValue } from './support/local-meta.ts';
import { formatAsOf } from '../../shared/rules/freshness.ts';

/** The phone's IndexedDB never answers in this tab: only the snapshot can put a balance on screen. */
async function holdIndexedDb(page: Page) {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function open() {
      return {} as IDBOpenDBRequest;
    };
  });
}

describe('home first paint from the last home', () => {
  const suite = useE2eSuite();

  it('paints the cached balance offline with a truthful "Data per …" before the app, hands over without a jump, and is gone after sign-out', async () => {
    const page = await suite.openPhone();
    await suite.signIn(page, demoEmails.siti);
    const balance = await page.getByTestId('merged-balance').innerText();
    await suite.goOffline(page);
    // Offline nothing confirms the data again: the snapshot settles on the last confirmation.
    const snapshotConfirmedAt = async () => (await metaValue<{ confirmedAt: number }>(page, 'homeSnapshot'))?.confirmedAt;
    const confirmedAt = (await metaValue<number>(page, 'lastConfirmedAt'))!;
    await expect.poll(snapshotConfirmedAt, { timeout: 15_000 }).toBe(confirmedAt);
    const expectedLabel = `${formatAsOf(confirmedAt, 'id')} — belum diperbarui, Anda sedang offline`;

    // Nothing but the snapshot, which the service worker put in the page: the picture of the home,
    // labelled with the data's own time.
    const held = await page.context().newPage();
    await holdIndexedDb(held);
    await held.goto(suite.url, { waitUntil: 'domcontentloaded' });
    const picture = held.locator('#home-snapshot');
    expect(await picture.getByTestId('merged-balance').innerText()).toBe(balance);
    expect(await picture.locator('.freshness').innerText()).toBe(expectedLabel);
    expect(await picture.locator('.status-bar--offline').count()).toBe(1);
    // Read once, by the app: the picture is hidden from screen readers and the keyboard.
    expect(await picture.getAttribute('aria-hidden')).toBe('true');
    expect(await held.evaluate(() => (document.getElementById('home-snapshot') as HTMLElement).inert)).toBe(true);
    expect(await held.locator('#app').isHidden()).toBe(true);
    const pictureBox = await picture.getByTestId('merged-balance').boundingBox();
    await saveScreenshot(held, 'home-first-paint');
    await held.close();

    // With IndexedDB answering, the app's own home replaces the picture in the same place.
    const normal = await page.context().newPage();
    await normal.goto(suite.url);
    const appBalance = normal.locator('#app [data-testid="merged-balance"]');
    await appBalance.waitFor({ timeout: 30_000 });
    expect(await normal.locator('#home-snapshot').count()).toBe(0);
    expect(await appBalance.innerText()).toBe(balance);
    expect(await normal.locator('#app .freshness').innerText()).toBe(expectedLabel);
    const appBox = await appBalance.boundingBox();
    expect(Math.abs(appBox!.y - pictureBox!.y)).toBeLessThanOrEqual(1);
    await saveScreenshot(normal, 'home-after-first-paint');
    await normal.close();

    // Signing out takes the snapshot with everything else: the next start paints nobody's home.
    await suite.goOnline(page);
    await page.goto(`${suite.url}/akun`);
    await page.getByRole('button', { name: 'Keluar dari akun' }).click();
    await page.getByText('Selamat datang di JMO Lite').waitFor();
    expect(await metaValue(page, 'homeSnapshot')).toBeUndefined();
    const after = await page.context().newPage();
    await holdIndexedDb(after);
    await after.goto(suite.url, { waitUntil: 'domcontentloaded' });
    expect(await after.locator('#home-snapshot').count()).toBe(0);
    await page.context().close();
  });
});
