import { describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page, Route } from 'playwright-core';
import { saveScreenshot } from './support/browser.ts';
import { attachDocumentPhotos, DOCUMENT_PHOTO } from './support/document-photos.ts';
import { walkJhtWizardToDocuments } from './support/jht-wizard.ts';
import { demoEmails, forwardedMutations, useE2eSuite } from './support/suite.ts';

const officer = { username: 'admin', password: 'admin-demo-2026' };

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Heights of everything a finger taps in `main` (buttons, links styled as buttons, file pickers, choices). */
async function smallTouchTargets(page: Page): Promise<string[]> {
  return page.locator('main').evaluate((main) =>
    [...main.querySelectorAll<HTMLElement>('.btn, button, label.choice, .doc-pick')]
      .filter((element) => element.offsetParent !== null)
      .map((element) => ({ text: element.textContent?.trim() ?? '', height: element.getBoundingClientRect().height }))
      .filter(({ height }) => height < 44)
      .map(({ text, height }) => `${text}: ${Math.round(height)} px`),
  );
}

/** The draft's upload status as the screens read it (the sync worker writes it on the draft row). */
function uploadState(page: Page) {
  return page.locator('[data-upload-state]').first().getAttribute('data-upload-state', { timeout: 1_000 }).catch(() => null);
}

describe('a JHT claim with its documents photographed in the wizard, uploaded, then one document asked for again', () => {
  const suite = useE2eSuite({ CLAIM_SIMULATOR: '0' });

  it('photographs every document, reviews pages and size, shows the upload progress and sends the claim once; the office asks for the savings book again and only it is retaken', async () => {
    const page = await suite.openPhone();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await suite.signIn(page, demoEmails.dewi);

    await walkJhtWizardToDocuments(page, suite.url);

    // The documents step: no more ticks, and the old "next version" promise is gone.
    await page.getByRole('heading', { name: 'Dokumen' }).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/versi berikutnya|Centang/);
    expect(await page.locator('main input[type="checkbox"]').count()).toBe(0);
    // Nothing photographed: the step says which documents still need a photo.
    await page.getByRole('button', { name: 'Lanjut' }).click();
    const missing = page.getByRole('alert').filter({ hasText: 'Foto belum ada untuk' });
    await missing.waitFor();
    expect(await missing.innerText()).toContain('Bukti PHK');

    expect(await attachDocumentPhotos(page)).toBe(5); // e-KTP, KK, KPJ card, savings book, proof of dismissal
    // A second page of the dismissal letter.
    await page.locator('[data-document="BUKTI_PHK"] input[type="file"]:not([capture])').setInputFiles(DOCUMENT_PHOTO);
    await page.locator('[data-document="BUKTI_PHK"]').getByText('2 halaman').waitFor({ timeout: 30_000 });
    await page.locator('[data-document="BUKTI_PHK"]').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'claim-documents-step-thumbnails');
    expect(await smallTouchTargets(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Lanjut' }).click();
    const review = page.locator('.review-docs');
    await review.waitFor();
    const totals = await review.locator('.review-docs__total').innerText();
    expect(totals).toMatch(/^5 dokumen · 6 halaman · \d+ KB$/);
    expect(Number(totals.match(/(\d+) KB$/)![1])).toBeLessThanOrEqual(6 * 200); // every page shrunk to ≤ 200 KB
    expect(await review.locator('li', { hasText: 'Bukti PHK' }).innerText()).toContain('2 halaman');
    await page.getByText('Lewat aplikasi').waitFor();
    await review.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'claim-documents-review');
    expect(await seriousViolations(page)).toEqual([]);

    // The link is slowed down for the photos only, so the progress can be seen (and photographed) on its way.
    let held = 0;
    const slowPatch = async (route: Route) => {
      if (route.request().method() === 'PATCH') {
        held += 1;
        await new Promise((resolve) => setTimeout(resolve, 600));
      }
      await route.continue();
    };
    await page.context().route('**/api/uploads/**', slowPatch);
    const uploadsBefore = suite.proxy.forwarded.filter((request) => request.path.startsWith('/api/uploads')).length;
    await page.getByRole('button', { name: 'Kirim klaim' }).click();

    const progress = page.getByRole('progressbar');
    await progress.waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await uploadState(page)) === 'uploading' && Number(await progress.getAttribute('aria-valuenow')) > 0, { timeout: 30_000 }).toBe(true);
    expect(await progress.getAttribute('aria-valuetext')).toMatch(/^Mengunggah \d dari 6 halaman · \d+ KB dari \d+ KB$/);
    await saveScreenshot(page, 'claim-documents-uploading');
    expect(await seriousViolations(page)).toEqual([]);

    const sent = page.getByText(/Terkirim, nomor klaim KLM-/);
    await sent.waitFor({ timeout: 60_000 });
    await page.context().unroute('**/api/uploads/**', slowPatch);
    const claimNo = (await sent.innerText()).match(/KLM-\d{6}-\d{6}/)![0];
    expect(held).toBeGreaterThan(0); // the worker's requests went through the slowed route
    expect(forwardedMutations(suite.proxy, 'claim.submit')).toBe(1);
    const creations = suite.proxy.forwarded.slice(uploadsBefore).filter((request) => request.path.startsWith('/api/uploads') && request.method === 'POST');
    expect(creations).toHaveLength(6); // one upload per page, none sent twice
    // The photos left the phone once the server held them.
    expect(await page.evaluate(async () => {
      const open = indexedDB.open('jmo-lite');
      const db = await new Promise<IDBDatabase>((resolve) => (open.onsuccess = () => resolve(open.result)));
      const count = db.transaction('documentPages').objectStore('documentPages').count();
      return new Promise<number>((resolve) => (count.onsuccess = () => resolve(count.result)));
    })).toBe(0);

    // The office returns the claim asking for the savings book again.
    const office = await suite.browser.newContext({ httpCredentials: officer });
    const admin = await office.newPage();
    await admin.goto(`${suite.url}/admin`);
    const form = admin.locator('section', { hasText: claimNo }).locator('form');
    await form.getByLabel('Status baru').selectOption('VERIFYING');
    await Promise.all([admin.waitForNavigation(), form.getByRole('button', { name: 'Simpan' }).click()]);
    await admin.goto(`${suite.url}/admin/claims/${claimNo.split('-').pop()!.replace(/^0+/, '')}`);
    await admin.getByLabel('Dokumen yang harus difoto ulang').selectOption('BUKU_TABUNGAN');
    await admin.getByLabel('Catatan untuk peserta (wajib)').fill('Nama di buku tabungan tidak terbaca. Foto halaman depan di tempat terang.');
    await admin.getByRole('button', { name: 'Kembalikan klaim' }).click();
    await admin.getByText('peserta diminta memfoto ulang').waitFor();
    await office.close();

    await page.getByRole('link', { name: 'Lihat status klaim' }).click();
    await page.reload({ waitUntil: 'load' });
    const fix = page.getByRole('form', { name: 'Perbaiki dan kirim ulang' });
    await fix.waitFor({ timeout: 30_000 });
    const request = fix.getByTestId('office-request');
    expect(await request.innerText()).toContain('Petugas meminta foto ulang: Buku tabungan atas nama sendiri');
    expect(await request.innerText()).toContain('Nama di buku tabungan tidak terbaca');
    // Only the requested document is offered, and sending without its photo is refused by the form.
    await fix.locator('[data-document]').first().waitFor();
    expect(await fix.locator('[data-document]').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-document')))).toEqual(['BUKU_TABUNGAN']);
    await fix.getByLabel('Apa yang sudah Anda perbaiki?').fill('Buku tabungan sudah saya foto ulang dengan jelas.');
    await fix.getByRole('button', { name: 'Kirim perbaikan' }).click();
    await fix.getByRole('alert').filter({ hasText: 'Ambil minimal 1 foto Buku tabungan' }).waitFor();
    await fix.getByRole('heading', { name: 'Perbaiki dan kirim ulang' }).scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, -80));
    await saveScreenshot(page, 'claim-returned-fix-form-request');
    expect(await attachDocumentPhotos(page)).toBe(1);
    await fix.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'claim-returned-fix-form-documents');
    expect(await smallTouchTargets(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    const resubmitsBefore = forwardedMutations(suite.proxy, 'claim.resubmit');
    await fix.getByRole('button', { name: 'Kirim perbaikan' }).click();
    // Sent, then (in the same sync) pulled back as submitted again: the form gives way to the timeline's entry.
    await page.getByText('Diperbaiki peserta: Buku tabungan sudah saya foto ulang dengan jelas.').waitFor({ timeout: 60_000 });
    expect(forwardedMutations(suite.proxy, 'claim.resubmit') - resubmitsBefore).toBe(1);
    // Back in the queue: the tracker shows "Diajukan" again once the server's answer is pulled.
    await page.getByText('Diperbaiki peserta: Buku tabungan sudah saya foto ulang dengan jelas.').waitFor({ timeout: 30_000 });
    const server = await suite.serverJson<{ changes: { claims?: { claimNo: string; status: string; requestedDocumentId: string | null }[] } }>(page, '/api/sync/pull');
    expect(server.changes.claims?.find((claim) => claim.claimNo === claimNo)).toMatchObject({ status: 'SUBMITTED', requestedDocumentId: null });
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);
});
