import { describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { saveScreenshot } from './support/browser.ts';
import { demoEmails, forwardedMutations, useE2eSuite, type E2eSuite } from './support/suite.ts';
import type { PullResponse } from '../../shared/sync/protocol.ts';

const REPLY = 'Nama perusahaan saya PT Karya Mandiri, iuran Oktober dipotong dari gaji.';

/** What the server holds for the signed-in participant, asked past the proxy (works while "offline"). */
async function serverThread(suite: E2eSuite, page: Page, ticketNo: string) {
  const pull = await suite.serverJson<PullResponse>(page, '/api/sync/pull');
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
  const suite = useE2eSuite({ CLAIM_SIMULATOR: '0' });

  it('is written offline, shown as waiting, then delivered once and shown as sent; a refused one shows why and can be deleted', async () => {
    const page = await suite.openPhone();
    await suite.signIn(page, demoEmails.agus);

    await page.goto(`${suite.url}/pengaduan/baru`);
    await page.getByLabel('Kategori').selectOption('IURAN');
    await page.getByLabel('Isi pengaduan').fill('Iuran bulan Oktober belum tercatat di saldo JHT saya.');
    await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
    const ticketNo = (await page.getByText(/Terkirim, nomor tiket ADU-/).innerText({ timeout: 30_000 })).match(/ADU-\d{6}-\d{6}/)![0];

    // The officer answers in the back office.
    const { complaint } = await serverThread(suite, page, ticketNo);
    expect((await officerAnswers(suite.server.url, complaint.key, 'Mohon sebutkan nama perusahaan Anda.', false)).status).toBe(303);

    await page.goto(`${suite.url}/pengaduan/${complaint.key}`);
    await page.getByText('Mohon sebutkan nama perusahaan Anda.').waitFor({ timeout: 30_000 });
    await page.getByText('Dijawab', { exact: true }).waitFor({ timeout: 30_000 });

    await suite.goOffline(page);
    const refusedBefore = suite.proxy.blocked.refused;
    await page.getByLabel('Balas').fill(REPLY);
    await page.getByRole('button', { name: 'Simpan dan kirim saat online' }).click();
    const queued = page.locator('li[data-reply-state="queued"]', { hasText: REPLY });
    await queued.getByText('Menunggu dikirim').waitFor();
    expect(await page.getByLabel('Balas').inputValue()).toBe('');
    await queued.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'complaint-reply-queued');
    const replyBox = await page.getByRole('button', { name: 'Simpan dan kirim saat online' }).boundingBox();
    expect(replyBox!.height).toBeGreaterThanOrEqual(44);
    // The sync worker tried (the page's offline flag does not reach it) and the cut network stopped it.
    await expect.poll(() => suite.proxy.blocked.refused - refusedBefore, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(forwardedMutations(suite.proxy, 'complaint.reply')).toBe(0);
    expect((await serverThread(suite, page, ticketNo)).messages.filter((m) => m.body === REPLY)).toEqual([]);

    await suite.goOnline(page);
    // Sent, then brought back by the pull as the server's own message (no reply state any more).
    await page.locator('li:not([data-reply-state])', { hasText: REPLY }).waitFor({ timeout: 30_000 });
    await page.getByText('Menunggu jawaban', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await page.getByText(REPLY, { exact: true }).count()).toBe(1);
    await page.getByText(REPLY, { exact: true }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'complaint-reply-sent');

    const onServer = await serverThread(suite, page, ticketNo);
    expect(onServer.messages.filter((m) => m.body === REPLY)).toHaveLength(1);
    expect(onServer.complaint.status).toBe('OPEN');
    expect(forwardedMutations(suite.proxy, 'complaint.reply')).toBe(1);

    await page.reload({ waitUntil: 'load' });
    await page.getByText(REPLY, { exact: true }).waitFor();
    expect(await page.getByText(REPLY, { exact: true }).count()).toBe(1);

    // The office closes the ticket while the phone is offline: the next reply is refused with
    // the reason, its text stays on the phone, and it can be deleted.
    await suite.goOffline(page);
    expect((await officerAnswers(suite.server.url, complaint.key, 'Iuran sudah tercatat, pengaduan kami tutup.', true)).status).toBe(303);
    await page.getByLabel('Balas').fill('Terima kasih, sudah saya cek.');
    await page.getByRole('button', { name: 'Simpan dan kirim saat online' }).click();
    expect(forwardedMutations(suite.proxy, 'complaint.reply')).toBe(1);
    await suite.goOnline(page);
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
    expect((await serverThread(suite, page, ticketNo)).messages.filter((m) => m.body.startsWith('Terima kasih'))).toHaveLength(0);
    await page.context().close();
  });
});
