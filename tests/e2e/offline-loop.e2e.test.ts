import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhonePage, saveScreenshot, waitForServiceWorkerControl } from './support/browser.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';

const SITI = 'siti.rahayu@demo.jmo-lite.test';
const PASSWORD = 'Demo-JMO-2026!';

async function signIn(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/masuk`, { waitUntil: 'load' });
  await page.getByLabel('Email atau NIK').fill(email);
  await page.getByLabel('Kata sandi').fill(PASSWORD);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByTestId('merged-balance').waitFor({ timeout: 30_000 });
}

describe('the offline loop in a real browser', () => {
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

  it('shows the cached balance offline with its age, and delivers an accident report queued offline exactly once', async () => {
    const page = await newPhonePage(browser);
    await page.goto(server.url, { waitUntil: 'load' });
    await waitForServiceWorkerControl(page);
    await signIn(page, server.url, SITI);
    const balanceOnline = await page.getByTestId('merged-balance').innerText();
    expect(balanceOnline).toMatch(/^Rp[\d.]+$/);
    await page.getByText(/Data per .* — terbaru/).waitFor();
    await saveScreenshot(page, 'home-online');

    await page.context().setOffline(true);
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('merged-balance').waitFor();
    expect(await page.getByTestId('merged-balance').innerText()).toBe(balanceOnline);
    await page.getByText(/belum diperbarui, Anda sedang offline/).waitFor();
    await saveScreenshot(page, 'home-offline');

    // File a work-accident report with no connection.
    await page.goto(`${server.url}/klaim/baru`).catch(() => undefined);
    await page.getByRole('button', { name: /Lapor kecelakaan kerja/ }).click();
    await page.getByRole('radio').last().check();
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByLabel('Tanggal kejadian').fill('2026-11-20');
    await page.getByLabel('Jam kejadian').fill('08:30');
    await page.getByLabel('Tempat kejadian').fill('Gudang belakang, Jl. Industri 3');
    await page.getByLabel('Apa yang terjadi?').fill('Tangan kiri terjepit mesin press saat mengganti cetakan.');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByLabel('Klinik atau rumah sakit PLKK').fill('RS Mitra Sehat Bandung');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    for (const box of await page.getByRole('checkbox').all()) await box.check();
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByText('Syarat terpenuhi').waitFor();
    await saveScreenshot(page, 'claim-review-offline');
    await page.getByRole('button', { name: 'Simpan dan kirim saat online' }).click();
    await page.getByText('Menunggu dikirim').first().waitFor();
    await saveScreenshot(page, 'claim-queued-offline');

    await page.context().setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.getByText(/Terkirim, nomor klaim KLM-/).waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'claim-sent');

    const claimNumbers = await page.evaluate(async () => {
      const response = await fetch('/api/sync/pull');
      const body = (await response.json()) as { changes: { claims?: { claimNo: string; type: string }[] } };
      return (body.changes.claims ?? []).filter((c) => c.type === 'JKK').map((c) => c.claimNo);
    });
    expect(claimNumbers).toHaveLength(1);
    await page.context().close();
  });
});
