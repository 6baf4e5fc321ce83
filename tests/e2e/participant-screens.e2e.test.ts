import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhonePage, saveScreenshot } from './support/browser.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';

async function isInViewport(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  const viewport = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.y + box.height <= viewport.height;
}

describe('participant screens at 360×640', () => {
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

  it('shows a wrong SMS code on screen, next to the SMS field, naming the SMS code', async () => {
    const page = await newPhonePage(browser);
    const seedLine = server.output.join('').split('\n').find((line) => line.includes('Rina Kartika'))!;
    await page.goto(`${server.url}/daftar`);
    await page.getByLabel('NIK').fill(seedLine.match(/NIK (\d{16})/)![1]!);
    await page.getByLabel('Nomor KPJ (kartu peserta)').fill(seedLine.match(/KPJ (\d{11})/)![1]!);
    await page.getByLabel('Nama lengkap sesuai KTP').fill('Rina Kartika');
    await page.getByLabel('Tanggal lahir').fill('1998-11-09');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByLabel('Email').fill('rina.salah@contoh.id');
    await page.getByLabel('Nomor HP').fill('0812 7777 0001');
    await page.getByLabel('Kata sandi baru').fill('Es-Cendol-Dingin-5');
    await page.getByLabel('Ulangi kata sandi').fill('Es-Cendol-Dingin-5');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByText(/Kami mengirim kode 6 angka/).waitFor();
    // A random 6-digit code is 000000 once in a million runs.
    await page.getByLabel('Kode dari SMS').fill('000000');
    await page.getByRole('button', { name: 'Periksa kode' }).nth(1).click();
    const message = page.getByText(/Kode dari SMS salah/);
    await message.waitFor();
    await page.waitForTimeout(500); // smooth scrolling settles
    expect(await isInViewport(page, '#code-sms-error')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('code-sms');
    await saveScreenshot(page, 'register-wrong-sms-code');
    await page.context().close();
  });
});
