import { beforeAll, describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { saveScreenshot } from './support/browser.ts';
import { attachDocumentPhotos } from './support/document-photos.ts';
import { walkJhtWizardToDocuments } from './support/jht-wizard.ts';
import { demoEmails, useE2eSuite } from './support/suite.ts';

const VALIDATOR_INTERNALS = /Invalid key|Invalid type|Expected|received undefined|\[object Object\]|NaN/;

async function visibleText(page: Page): Promise<string> {
  return page.locator('main').innerText();
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function chooseClaimType(page: Page, appUrl: string, name: RegExp): Promise<string> {
  await page.goto(`${appUrl}/klaim/baru`);
  await page.getByRole('button', { name }).click();
  await page.waitForURL(/\/klaim\/draf\//);
  return page.url();
}

describe('claims as Dewi sees them at 360×640', () => {
  const suite = useE2eSuite({ CLAIM_SIMULATOR: '0' });
  let page: Page;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    page = await suite.openPhone();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await suite.signIn(page, demoEmails.dewi);
  });

  it('starts the full JHT claim with what is possible: eligible, in the app, as program info says', async () => {
    await chooseClaimType(page, suite.url, /JHT penuh/);
    const outlook = page.getByTestId('claim-outlook');
    await outlook.getByText('syarat klaim ini terpenuhi').waitFor();
    expect(await outlook.innerText()).toContain('Lewat aplikasi');
    await saveScreenshot(page, 'claim-start-outlook');
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${suite.url}/layanan`);
    await page.getByText(/Saldo sampai Rp15\.000\.000 bisa diklaim lewat aplikasi bila verifikasi wajah/).waitFor({ state: 'attached' });
  });

  it('says in Indonesian what to fill on an empty bank step and an empty accident step', async () => {
    await chooseClaimType(page, suite.url, /JHT penuh/);
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByRole('radio', { name: 'Terkena PHK' }).check();
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByLabel('Bank').waitFor();
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByText('Pilih bank dari daftar.').waitFor();
    expect(await visibleText(page)).not.toMatch(VALIDATOR_INTERNALS);
    await saveScreenshot(page, 'claim-bank-step-empty');

    await chooseClaimType(page, suite.url, /kecelakaan kerja/);
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByLabel('Tanggal kejadian').waitFor();
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByText('Isi jam kejadian', { exact: false }).waitFor();
    expect(await visibleText(page)).not.toMatch(VALIDATOR_INTERNALS);
    await saveScreenshot(page, 'claim-accident-step-empty');
  });

  it('reopens the open draft instead of piling up copies, and deletes a draft after a confirm dialog', async () => {
    const first = await chooseClaimType(page, suite.url, /JHT penuh/);
    const again = await chooseClaimType(page, suite.url, /JHT penuh/);
    expect(again).toBe(first);
    await page.getByRole('button', { name: 'Hapus draf' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hapus draf ini?' });
    await dialog.waitFor();
    await saveScreenshot(page, 'claim-delete-confirm');
    await dialog.getByRole('button', { name: 'Batal' }).click();
    expect(page.url()).toBe(first);
    await page.getByRole('button', { name: 'Hapus draf' }).click();
    await dialog.getByRole('button', { name: 'Ya, hapus' }).click();
    await page.waitForURL(`${suite.url}/klaim`);
    await page.getByRole('heading', { name: 'Draf yang belum dikirim' }).waitFor();
    // The list is read from IndexedDB after the heading shows: wait for it to settle.
    await expect.poll(() => page.locator('a[href^="/klaim/draf/"]').count(), { timeout: 10_000 }).toBe(1); // the accident report
  });

  it('keeps the claims list working after the complaint form was opened and left empty', async () => {
    await page.goto(`${suite.url}/pengaduan/baru`);
    await page.getByLabel('Isi pengaduan').waitFor();
    await page.goto(`${suite.url}/klaim`);
    await page.getByText('Lapor kecelakaan kerja (JKK)').waitFor();
    expect(await page.locator('#drafts-heading + .skeleton').count()).toBe(0);
    expect(pageErrors).toEqual([]);
    await saveScreenshot(page, 'claims-after-complaint-draft');
  });

  it('lets a claim returned by the office be corrected and sent back from the tracker', async () => {
    await walkJhtWizardToDocuments(page, suite.url);
    await attachDocumentPhotos(page);
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByText('Lewat aplikasi').waitFor();
    await page.getByRole('button', { name: 'Kirim klaim' }).click();
    const sent = page.getByText(/Terkirim, nomor klaim KLM-/);
    await sent.waitFor({ timeout: 30_000 });
    const claimNo = (await sent.innerText()).match(/KLM-\d{6}-\d{6}/)![0];

    const officer = await suite.browser.newContext({ httpCredentials: { username: 'admin', password: 'admin-demo-2026' } });
    const admin = await officer.newPage();
    await admin.goto(`${suite.url}/admin`);
    for (const [status, note] of [['VERIFYING', ''], ['RETURNED', 'Buku tabungan belum terbaca. Siapkan buku tabungan atas nama Anda.']]) {
      const form = admin.locator('section', { hasText: claimNo }).locator('form');
      await form.getByLabel('Status baru').selectOption(status!);
      await form.getByLabel('Catatan untuk peserta').fill(note!);
      await Promise.all([admin.waitForNavigation(), form.getByRole('button', { name: 'Simpan' }).click()]);
    }
    await officer.close();

    await page.getByRole('link', { name: 'Lihat status klaim' }).click();
    await page.reload({ waitUntil: 'load' });
    const fix = page.getByRole('form', { name: 'Perbaiki dan kirim ulang' });
    await fix.waitFor({ timeout: 30_000 });
    expect(await fix.innerText()).toContain('Buku tabungan belum terbaca');
    await fix.getByRole('button', { name: 'Kirim perbaikan' }).click();
    await fix.getByText('Tulis apa yang sudah Anda perbaiki', { exact: false }).waitFor();
    expect(await visibleText(page)).not.toMatch(VALIDATOR_INTERNALS);
    // Returned with a note only (no document asked for again): the form offers no photos.
    expect(await fix.locator('[data-document]').count()).toBe(0);
    await fix.getByLabel('Apa yang sudah Anda perbaiki?').fill('Buku tabungan sudah saya foto ulang dengan jelas.');
    await saveScreenshot(page, 'claim-returned-fix-form');
    expect(await seriousViolations(page)).toEqual([]);
    await fix.getByRole('button', { name: 'Kirim perbaikan' }).click();
    await page.getByText('Perbaikan terkirim', { exact: false }).or(page.getByText('Diperbaiki peserta', { exact: false })).first().waitFor({ timeout: 30_000 });
    await page.getByText('Diperbaiki peserta: Buku tabungan sudah saya foto ulang dengan jelas.').waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'claim-returned-resent');

    await page.goto(`${suite.url}/klaim`);
    await page.getByRole('link', { name: new RegExp(claimNo) }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
