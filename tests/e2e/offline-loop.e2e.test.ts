import { describe, expect, it } from 'vitest';
import { saveScreenshot } from './support/browser.ts';
import { attachDocumentPhotos } from './support/document-photos.ts';
import { demoEmails, forwardedMutations, useE2eSuite } from './support/suite.ts';

interface PulledClaims {
  changes: { claims?: { claimNo: string; type: string }[] };
}

describe('the offline loop in a real browser', () => {
  const suite = useE2eSuite();

  it('shows the cached balance offline with its age, and delivers an accident report queued offline exactly once', async () => {
    const page = await suite.openPhone();
    const serverAccidentReports = async () => ((await suite.serverJson<PulledClaims>(page, '/api/sync/pull')).changes.claims ?? []).filter((c) => c.type === 'JKK');
    await suite.signIn(page, demoEmails.siti);
    const balanceOnline = await page.getByTestId('merged-balance').innerText();
    expect(balanceOnline).toMatch(/^Rp[\d.]+$/);
    await page.getByText(/Data per .* — terbaru/).waitFor();
    await saveScreenshot(page, 'home-online');

    await suite.goOffline(page);
    const forwardedBefore = suite.proxy.forwarded.length;
    await page.reload({ waitUntil: 'load' });
    await page.getByTestId('merged-balance').waitFor();
    expect(await page.getByTestId('merged-balance').innerText()).toBe(balanceOnline);
    await page.getByText(/belum diperbarui, Anda sedang offline/).waitFor();
    await saveScreenshot(page, 'home-offline');

    // File a work-accident report with no connection.
    await page.goto(`${suite.url}/klaim/baru`).catch(() => undefined);
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
    // Photographed with no connection: e-KTP, KK, card, savings book and the three accident papers.
    expect(await attachDocumentPhotos(page)).toBe(7);
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByText('Syarat terpenuhi').waitFor();
    await saveScreenshot(page, 'claim-review-offline');
    await page.getByRole('button', { name: 'Simpan dan kirim saat online' }).click();
    await page.getByText('Menunggu sinyal — foto tersimpan di ponsel', { exact: false }).first().waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'claim-queued-offline');
    // The sync worker tried (the browser's offline flag does not reach it) and the cut network stopped it.
    await expect.poll(() => suite.proxy.blocked.refused, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(suite.proxy.forwarded.slice(forwardedBefore)).toEqual([]);
    expect(await serverAccidentReports()).toEqual([]);

    await suite.goOnline(page);
    await page.getByText(/Terkirim, nomor klaim KLM-/).waitFor({ timeout: 30_000 });
    await saveScreenshot(page, 'claim-sent');

    expect(forwardedMutations(suite.proxy, 'claim.submit')).toBe(1);
    expect(await serverAccidentReports()).toHaveLength(1);
    await page.context().close();
  });

  it('never calls data "terbaru" while the network is up but the server does not answer (503, refused)', async () => {
    const page = await suite.openPhone();
    await suite.signIn(page, demoEmails.budi);
    const label = page.locator('.freshness').first();
    await page.getByText(/Data per .* — terbaru/).waitFor();
    for (const mode of ['503', 'refuse'] as const) {
      suite.proxy.setMode(mode);
      // The shell comes from the service worker; the sync worker's pull meets the dead server.
      await page.reload({ waitUntil: 'load' });
      await page.getByText(/Data per .* — belum diperbarui, server tidak dapat dihubungi/).waitFor({ timeout: 30_000 });
      expect(await page.evaluate(() => navigator.onLine)).toBe(true);
      expect(await label.innerText()).not.toMatch(/terbaru/);
      await saveScreenshot(page, `home-server-unreachable-${mode}`);
      suite.proxy.setMode('pass');
      await page.reload({ waitUntil: 'load' });
      await page.getByText(/Data per .* — terbaru/).waitFor({ timeout: 30_000 });
    }
    await page.context().close();
  });

  it('applies a complaint once when the server committed it but the answer was lost on the way back', async () => {
    const page = await suite.openPhone();
    await suite.signIn(page, demoEmails.agus);
    const serverComplaints = async () => (await suite.serverJson<{ changes: { complaints?: unknown[] } }>(page, '/api/sync/pull')).changes.complaints?.length ?? 0;
    const before = forwardedMutations(suite.proxy, 'complaint.file');
    expect(await serverComplaints()).toBe(0);

    suite.proxy.setMode('drop-after-commit');
    await page.goto(`${suite.url}/pengaduan/baru`);
    await page.getByLabel('Kategori').selectOption('IURAN');
    await page.getByLabel('Isi pengaduan').fill('Saldo JHT di aplikasi berbeda dengan di kantor cabang.');
    await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
    await expect.poll(() => forwardedMutations(suite.proxy, 'complaint.file') - before, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await serverComplaints()).toBe(1);
    await page.getByText(/Menunggu dikirim/).first().waitFor();

    suite.proxy.setMode('pass');
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await page.getByText(/Terkirim, nomor tiket ADU-/).waitFor({ timeout: 30_000 });
    // Sent at least twice, stored once: the server answered the resend from what it had stored.
    expect(forwardedMutations(suite.proxy, 'complaint.file') - before).toBeGreaterThanOrEqual(2);
    expect(await serverComplaints()).toBe(1);
    await page.context().close();
  });
});
