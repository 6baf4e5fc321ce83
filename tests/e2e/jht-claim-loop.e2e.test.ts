import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveScreenshot } from './support/browser.ts';
import { attachDocumentPhotos } from './support/document-photos.ts';
import { JHT_BANK_ANSWERS, walkJhtWizardToDocuments } from './support/jht-wizard.ts';
import { DEMO_PASSWORD, demoEmails, forwardedMutations, useE2eSuite } from './support/suite.ts';

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
  const suite = useE2eSuite({ CLAIM_SIMULATOR: '0' });
  const serverClaimCount = async (page: Page) => (await suite.serverJson<{ changes: { claims?: unknown[] } }>(page, '/api/sync/pull')).changes.claims?.length ?? 0;

  it('is signed in with the keyboard, drafted offline across a reload and a reopened app, delivered once, approved, and tracked offline', async () => {
    const page = await suite.openPhone();
    await page.goto(`${suite.url}/masuk`);
    await tabTo(page, 'Email atau NIK');
    await page.keyboard.type(demoEmails.dewi);
    await tabTo(page, 'Kata sandi');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('merged-balance').waitFor({ timeout: 30_000 });
    const claimsBefore = await serverClaimCount(page);

    await suite.goOffline(page);
    const forwardedBefore = suite.proxy.forwarded.length;
    const { page: reopened } = await walkJhtWizardToDocuments(page, suite.url, {
      offline: true,
      // The browser is closed mid-form: the draft must be there when the app is opened again.
      onBankStepFilled: async (filled) => {
        const draftUrl = filled.url();
        // Each keystroke is written to IndexedDB; give the last write a moment to land.
        await filled.waitForTimeout(300);
        await filled.close();
        const reopened = await filled.context().newPage();
        await reopened.goto(draftUrl).catch(() => undefined);
        await reopened.getByLabel('Nama pemilik rekening').waitFor();
        expect(await reopened.getByLabel('Nomor rekening').inputValue()).toBe(JHT_BANK_ANSWERS.accountNumber);
        expect(await reopened.getByLabel('Nama pemilik rekening').inputValue()).toBe(JHT_BANK_ANSWERS.holderName);
        return reopened;
      },
    });
    // The documents are photographed offline too: shrunk in the worker and kept on the phone.
    expect(await attachDocumentPhotos(reopened)).toBe(5);
    await reopened.getByRole('button', { name: 'Lanjut' }).click();
    await reopened.getByText('Syarat terpenuhi').waitFor();
    await reopened.getByRole('button', { name: 'Simpan dan kirim saat online' }).click();
    // Frozen with its photos, waiting for a signal: nothing leaves the phone yet.
    await reopened.getByText('Menunggu sinyal — foto tersimpan di ponsel', { exact: false }).first().waitFor({ timeout: 30_000 });
    await expect.poll(() => suite.proxy.blocked.refused, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(suite.proxy.forwarded.slice(forwardedBefore)).toEqual([]);
    expect(await serverClaimCount(reopened)).toBe(claimsBefore);

    await suite.goOnline(reopened);
    await reopened.getByText(/Terkirim, nomor klaim KLM-/).waitFor({ timeout: 30_000 });
    expect(forwardedMutations(suite.proxy, 'claim.submit')).toBe(1);
    expect(await serverClaimCount(reopened)).toBe(claimsBefore + 1);
    const claimNo = (await reopened.getByText(/Terkirim, nomor klaim/).innerText()).match(/KLM-\d{6}-\d{6}/)![0];

    // The officer approves it in the back office.
    const officer = await suite.browser.newContext({ httpCredentials: { username: 'admin', password: 'admin-demo-2026' } });
    const admin = await officer.newPage();
    await admin.goto(`${suite.url}/admin`);
    for (const status of ['VERIFYING', 'APPROVED']) {
      const form = admin.locator('section', { hasText: claimNo }).locator('form');
      await form.getByLabel('Status baru').selectOption(status);
      await Promise.all([admin.waitForNavigation(), form.getByRole('button', { name: 'Simpan' }).click()]);
      expect(admin.url(), await admin.innerText('body')).toBe(`${suite.url}/admin`);
    }
    await officer.close();

    await reopened.getByRole('link', { name: 'Lihat status klaim' }).click();
    await reopened.reload({ waitUntil: 'load' });
    await reopened.getByText('Disetujui', { exact: true }).first().waitFor({ timeout: 30_000 });
    await saveScreenshot(reopened, 'claim-tracking-approved');

    await suite.goOffline(reopened);
    await reopened.reload({ waitUntil: 'load' });
    await reopened.getByText('Disetujui', { exact: true }).first().waitFor();
    await reopened.getByText(/belum diperbarui, Anda sedang offline/).waitFor();
    await saveScreenshot(reopened, 'claim-tracking-offline');

    await suite.goOnline(reopened);
    expect(await serverClaimCount(reopened)).toBe(claimsBefore + 1);
    expect(forwardedMutations(suite.proxy, 'claim.submit')).toBe(1);
    await reopened.context().close();
  });
});
