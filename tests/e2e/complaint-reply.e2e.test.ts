import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhonePage, saveScreenshot, waitForServiceWorkerControl } from './support/browser.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import type { PullResponse } from '../../shared/sync/protocol.ts';

const AGUS = 'agus.wijaya@demo.jmo-lite.test';
const PASSWORD = 'Demo-JMO-2026!';
const REPLY = 'Nama perusahaan saya PT Karya Mandiri, iuran Oktober dipotong dari gaji.';

/** What the server holds for the signed-in participant, read through the API (the page's cookie). */
async function serverThread(page: Page, ticketNo: string) {
  const pull = await page.evaluate(async () => (await (await fetch('/api/sync/pull', { cache: 'no-store' })).json()) as PullResponse);
  const complaint = pull.changes.complaints!.find((c) => c.ticketNo === ticketNo)!;
  return { complaint, messages: pull.changes.complaintMessages!.filter((m) => m.complaintKey === complaint.key) };
}

/** The officer's form in the back office (/admin), posted as the browser would. */
function officerAnswers(serverUrl: string, complaintKey: string, reply: string, close: boolean) {
  return fetch(`${serverUrl}/admin/complaints/${complaintKey}`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from('admin:admin-demo-2026').toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(close ? { reply, close: '1' } : { reply }),
    redirect: 'manual',
  });
}

describe('a reply in a complaint thread, in a real browser', () => {
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

  it('is written offline, shown as waiting, then delivered once and shown as sent; a refused one shows why and can be deleted', async () => {
    const page = await newPhonePage(browser);
    await page.goto(server.url, { waitUntil: 'load' });
    await waitForServiceWorkerControl(page);
    await page.goto(`${server.url}/masuk`);
    await page.getByLabel('Email atau NIK').fill(AGUS);
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByTestId('merged-balance').waitFor({ timeout: 30_000 });

    await page.goto(`${server.url}/pengaduan/baru`);
    await page.getByLabel('Kategori').selectOption('IURAN');
    await page.getByLabel('Isi pengaduan').fill('Iuran bulan Oktober belum tercatat di saldo JHT saya.');
    await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
    const ticketNo = (await page.getByText(/Terkirim, nomor tiket ADU-/).innerText({ timeout: 30_000 })).match(/ADU-\d{6}-\d{6}/)![0];

    // The officer answers in the back office.
    const { complaint } = await serverThread(page, ticketNo);
    expect((await officerAnswers(server.url, complaint.key, 'Mohon sebutkan nama perusahaan Anda.', false)).status).toBe(303);

    await page.goto(`${server.url}/pengaduan/${complaint.key}`);
    await page.getByText('Mohon sebutkan nama perusahaan Anda.').waitFor({ timeout: 30_000 });
    await page.getByText('Dijawab', { exact: true }).waitFor({ timeout: 30_000 });

    await page.context().setOffline(true);
    await page.evaluate(() => window.dispatchEvent(new Event('offline')));
    await page.getByLabel('Balas').fill(REPLY);
    await page.getByRole('button', { name: 'Simpan dan kirim saat online' }).click();
    const queued = page.locator('li[data-reply-state="queued"]', { hasText: REPLY });
    await queued.getByText('Menunggu dikirim').waitFor();
    expect(await page.getByLabel('Balas').inputValue()).toBe('');
    await queued.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'complaint-reply-queued');
    const replyBox = await page.getByRole('button', { name: 'Simpan dan kirim saat online' }).boundingBox();
    expect(replyBox!.height).toBeGreaterThanOrEqual(44);

    await page.context().setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    // Sent, then brought back by the pull as the server's own message (no reply state any more).
    await page.locator('li:not([data-reply-state])', { hasText: REPLY }).waitFor({ timeout: 30_000 });
    await page.getByText('Menunggu jawaban', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await page.getByText(REPLY, { exact: true }).count()).toBe(1);
    await page.getByText(REPLY, { exact: true }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'complaint-reply-sent');

    const onServer = await serverThread(page, ticketNo);
    expect(onServer.messages.filter((m) => m.body === REPLY)).toHaveLength(1);
    expect(onServer.complaint.status).toBe('OPEN');

    await page.reload({ waitUntil: 'load' });
    await page.getByText(REPLY, { exact: true }).waitFor();
    expect(await page.getByText(REPLY, { exact: true }).count()).toBe(1);

    // The office closes the ticket while the phone is offline: the next reply is refused with
    // the reason, its text stays on the phone, and it can be deleted.
    await page.context().setOffline(true);
    await page.evaluate(() => window.dispatchEvent(new Event('offline')));
    expect((await officerAnswers(server.url, complaint.key, 'Iuran sudah tercatat, pengaduan kami tutup.', true)).status).toBe(303);
    await page.getByLabel('Balas').fill('Terima kasih, sudah saya cek.');
    await page.getByRole('button', { name: 'Simpan dan kirim saat online' }).click();
    await page.context().setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    const refused = page.locator('li[data-reply-state="rejected"]', { hasText: 'Terima kasih, sudah saya cek.' });
    await refused.getByText(/sudah selesai, jadi tidak bisa dibalas lagi/).waitFor({ timeout: 30_000 });
    await page.getByText(/Masih ada masalah\? Buat pengaduan baru/).waitFor({ timeout: 30_000 });
    expect(await page.getByLabel('Balas').count()).toBe(0);
    await refused.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'complaint-reply-refused');
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
    page.once('dialog', (dialog) => void dialog.accept());
    await refused.getByRole('button', { name: 'Hapus' }).click();
    await refused.waitFor({ state: 'detached' });
    expect((await serverThread(page, ticketNo)).messages.filter((m) => m.body.startsWith('Terima kasih'))).toHaveLength(0);
    await page.context().close();
  });
});
