import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhonePage, saveScreenshot, waitForServiceWorkerControl } from './support/browser.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';

const DEWI = 'dewi.lestari@demo.jmo-lite.test';
const PASSWORD = 'Demo-JMO-2026!';

/** Only the keyboard: Tab to the field, type, Enter to submit — as a switch or keyboard user would. */
async function tabTo(page: Page, accessibleName: string, maxTabs = 40) {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
      return (label ?? el.getAttribute('aria-label') ?? el.textContent ?? '').trim();
    });
    if (name.startsWith(accessibleName)) return;
  }
  throw new Error(`could not reach "${accessibleName}" with Tab`);
}

describe('a JHT claim from offline draft to approval, in a real browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServerProcess({ CLAIM_SIMULATOR: '0' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('is signed in with the keyboard, drafted offline across a reload and a reopened app, delivered once, approved, and tracked offline', async () => {
    const page = await newPhonePage(browser);
    await page.goto(server.url, { waitUntil: 'load' });
    await waitForServiceWorkerControl(page);

    await page.goto(`${server.url}/masuk`);
    await tabTo(page, 'Email atau NIK');
    await page.keyboard.type(DEWI);
    await tabTo(page, 'Kata sandi');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('merged-balance').waitFor({ timeout: 30_000 });

    await page.context().setOffline(true);
    await page.goto(`${server.url}/klaim/baru`).catch(() => undefined);
    await page.getByRole('button', { name: /JHT penuh/ }).click();
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByRole('radio', { name: 'Terkena PHK' }).check();
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByLabel('Bank').selectOption('009');
    await page.getByLabel('Nomor rekening').fill('0123 4567 89');
    // The browser is closed mid-form: the draft must be there when the app is opened again.
    await page.getByLabel('Nama pemilik rekening').fill('Dewi Lestari');
    const draftUrl = page.url();
    // Each keystroke is written to IndexedDB; give the last write a moment to land.
    await page.waitForTimeout(300);
    await page.close();
    const reopened = await page.context().newPage();
    await reopened.goto(draftUrl).catch(() => undefined);
    await reopened.getByLabel('Nama pemilik rekening').waitFor();
    expect(await reopened.getByLabel('Nomor rekening').inputValue()).toBe('0123 4567 89');
    expect(await reopened.getByLabel('Nama pemilik rekening').inputValue()).toBe('Dewi Lestari');
    await reopened.getByRole('button', { name: 'Lanjut' }).click();
    for (const box of await reopened.getByRole('checkbox').all()) await box.check();
    await reopened.getByRole('button', { name: 'Lanjut' }).click();
    await reopened.getByText('Syarat terpenuhi').waitFor();
    await reopened.getByRole('button', { name: 'Simpan dan kirim saat online' }).click();
    await reopened.getByText('Menunggu dikirim').first().waitFor();

    await reopened.context().setOffline(false);
    await reopened.evaluate(() => window.dispatchEvent(new Event('online')));
    await reopened.getByText(/Terkirim, nomor klaim KLM-/).waitFor({ timeout: 30_000 });
    const claimNo = (await reopened.getByText(/Terkirim, nomor klaim/).innerText()).match(/KLM-\d{6}-\d{6}/)![0];

    // The officer approves it in the back office.
    const officer = await browser.newContext({ httpCredentials: { username: 'admin', password: 'admin-demo-2026' } });
    const admin = await officer.newPage();
    await admin.goto(`${server.url}/admin`);
    for (const status of ['VERIFYING', 'APPROVED']) {
      const form = admin.locator('section', { hasText: claimNo }).locator('form');
      await form.getByLabel('Status baru').selectOption(status);
      await Promise.all([admin.waitForNavigation(), form.getByRole('button', { name: 'Simpan' }).click()]);
      expect(admin.url(), await admin.innerText('body')).toBe(`${server.url}/admin`);
    }
    await officer.close();

    await reopened.getByRole('link', { name: 'Lihat status klaim' }).click();
    await reopened.reload({ waitUntil: 'load' });
    await reopened.getByText('Disetujui', { exact: true }).first().waitFor({ timeout: 30_000 });
    await saveScreenshot(reopened, 'claim-tracking-approved');

    await reopened.context().setOffline(true);
    await reopened.reload({ waitUntil: 'load' });
    await reopened.getByText('Disetujui', { exact: true }).first().waitFor();
    await reopened.getByText(/belum diperbarui, Anda sedang offline/).waitFor();
    await saveScreenshot(reopened, 'claim-tracking-offline');

    const claims = await (async () => {
      await reopened.context().setOffline(false);
      return reopened.evaluate(async () => ((await (await fetch('/api/sync/pull')).json()) as { changes: { claims?: unknown[] } }).changes.claims?.length ?? 0);
    })();
    expect(claims).toBe(1);
    await reopened.context().close();
  });
});
