import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newPhonePage, saveScreenshot } from './support/browser.ts';
import { forwardedMutations, useE2eSuite } from './support/suite.ts';
import { registerRinaUntilCodes } from './support/registration.ts';
import { metaValue } from './support/local-meta.ts';

interface Mail {
  recipient: string;
  body: string;
}

async function codeFor(page: Page, recipient: string): Promise<string> {
  const mails = await page.evaluate(async () => ((await (await fetch('/dev/mailbox.json')).json()) as { messages: Mail[] }).messages);
  return mails.find((m) => m.recipient === recipient)!.body.match(/\b(\d{6})\b/)![1]!;
}

describe('accounts and services in a real browser', () => {
  const suite = useE2eSuite();
  const serverComplaints = async (page: Page) => (await suite.serverJson<{ changes: { complaints?: unknown[] } }>(page, '/api/sync/pull')).changes.complaints?.length ?? 0;

  it('registers a participant with email and SMS codes, then files a complaint offline that gets a ticket after reconnecting', async () => {
    const page = await suite.openPhone();
    await registerRinaUntilCodes(suite, page, { email: 'rina.kartika@contoh.id', phone: '0812 7777 1234' });
    await saveScreenshot(page, 'register-codes');
    // Typed data survives a reload (the password is never stored).
    await page.reload({ waitUntil: 'load' });
    await page.getByLabel('Kode dari email').fill(await codeFor(page, 'rina.kartika@contoh.id'));
    await page.getByRole('button', { name: 'Periksa kode' }).first().click();
    await page.getByText(/Terverifikasi/).waitFor();
    await page.getByLabel('Kode dari SMS').fill(await codeFor(page, '+6281277771234'));
    await page.getByRole('button', { name: 'Periksa kode' }).click();
    await page.getByTestId('merged-balance').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Halo, Rina');
    // Her home is kept for the next cold start's first paint (checked gone after sign-out below).
    await expect.poll(async () => (await metaValue<{ owner: string }>(page, 'homeSnapshot'))?.owner, { timeout: 15_000 }).toBe('rina.kartika@contoh.id');

    await suite.goOffline(page);
    const forwardedBefore = suite.proxy.forwarded.length;
    await page.goto(`${suite.url}/pengaduan/baru`).catch(() => undefined);
    await page.getByLabel('Kategori').selectOption('IURAN');
    await page.getByLabel('Isi pengaduan').fill('Iuran bulan lalu belum tercatat padahal gaji sudah dipotong.');
    await page.getByRole('button', { name: 'Simpan dan kirim saat online' }).click();
    await page.getByText(/Menunggu dikirim/).waitFor();
    await saveScreenshot(page, 'complaint-queued-offline');
    await expect.poll(() => suite.proxy.blocked.refused, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(suite.proxy.forwarded.slice(forwardedBefore)).toEqual([]);
    expect(await serverComplaints(page)).toBe(0);
    await suite.goOnline(page);
    await page.getByText(/Terkirim, nomor tiket ADU-/).waitFor({ timeout: 30_000 });
    expect(forwardedMutations(suite.proxy, 'complaint.file')).toBe(1);
    expect(await serverComplaints(page)).toBe(1);
    await saveScreenshot(page, 'complaint-sent');

    // Signing out wipes the phone: nothing of Rina is readable afterwards.
    await page.goto(`${suite.url}/akun`);
    await page.getByRole('button', { name: 'Keluar dari akun' }).click();
    await page.getByText('Selamat datang di JMO Lite').waitFor();
    const leftovers = await page.evaluate(async () => {
      return new Promise<number>((resolve) => {
        const open = indexedDB.open('jmo-lite');
        open.onsuccess = () => {
          const db = open.result;
          const names = Array.from(db.objectStoreNames);
          if (!names.includes('memberships')) return resolve(0);
          const count = db.transaction('memberships').objectStore('memberships').count();
          count.onsuccess = () => resolve(count.result);
        };
        open.onerror = () => resolve(-1);
      });
    });
    expect(leftovers).toBe(0);
    // Nor the picture of her home that the next cold start would paint first.
    expect(await metaValue(page, 'homeSnapshot')).toBeUndefined();

    // Rina signs in again: her data, and the ticket, come back from the server.
    await suite.signIn(page, 'rina.kartika@contoh.id', 'Es-Cendol-Dingin-5');
    await page.goto(`${suite.url}/pengaduan`);
    await page.getByText(/ADU-\d{6}-\d{6}/).first().waitFor({ timeout: 30_000 });

    // A second browser profile signs in too; the first sees both devices and signs the other out.
    const second = await newPhonePage(suite.browser);
    await suite.signIn(second, 'rina.kartika@contoh.id', 'Es-Cendol-Dingin-5');
    await page.goto(`${suite.url}/akun`);
    await page.getByRole('heading', { name: 'Perangkat yang sedang masuk' }).waitFor();
    await page.getByRole('button', { name: 'Keluarkan', exact: true }).waitFor();
    expect(await page.getByText('(Perangkat ini)').count()).toBe(1);
    await page.getByRole('heading', { name: 'Perangkat yang sedang masuk' }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'account-two-devices');
    await page.getByRole('button', { name: 'Keluarkan', exact: true }).click();
    await page.getByRole('button', { name: 'Keluarkan', exact: true }).waitFor({ state: 'detached' });
    expect(await (await second.request.get(`${suite.url}/api/account`)).status()).toBe(401);
    await second.context().close();

    // A new email takes effect only with the code sent to it.
    await page.getByLabel('Email baru').fill('rina.baru@contoh.id');
    await page.locator('#contact-password').fill('Es-Cendol-Dingin-5');
    await page.getByRole('button', { name: 'Kirim kode verifikasi' }).click();
    await page.getByText(/Kode 6 angka sudah dikirim ke r/).waitFor();
    await page.getByLabel('Kode verifikasi').fill(await codeFor(page, 'rina.baru@contoh.id'));
    await page.getByRole('button', { name: 'Konfirmasi' }).click();
    await page.getByText('Email akun sudah diganti. Pemberitahuan dikirim ke email lama.').waitFor();
    await page.getByText('rina.baru@contoh.id').first().waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'account-contact-changed');
    await page.context().close();
  });
});
