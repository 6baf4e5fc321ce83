import { describe, expect, it } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { saveScreenshot } from './support/browser.ts';
import { useE2eSuite } from './support/suite.ts';

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('every main screen at 360×640, in Indonesian, checked with axe', () => {
  const suite = useE2eSuite();

  it('renders each screen without serious accessibility violations, online and offline', async () => {
    const page = await suite.openPhone();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto(`${suite.url}/masuk`);
    await page.getByLabel('Email atau NIK').fill('siti.rahayu@demo.jmo-lite.test');
    await page.getByLabel('Kata sandi').fill('Demo-JMO-2026!');
    await saveScreenshot(page, 'sign-in');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByTestId('merged-balance').waitFor({ timeout: 30_000 });
    const firstCard = await page.getByRole('link', { name: 'Rincian saldo' }).first().getAttribute('href');

    const screens: [name: string, path: string, ready: string][] = [
      ['home', '/', 'Saldo JHT gabungan'],
      ['balance', firstCard!, 'Rincian iuran per bulan'],
      ['digital-card', '/kartu', 'Kartu digital'],
      ['simulation', '/simulasi', 'Perkiraan saldo JHT'],
      ['claims', '/klaim', 'Klaim saya'],
      ['new-claim', '/klaim/baru', 'Pilih jenis klaim'],
      ['services', '/layanan', 'Program BPJS Ketenagakerjaan'],
      ['offices', '/kantor', 'Kantor cabang & PLKK'],
      ['complaints', '/pengaduan', 'Pengaduan'],
      ['notifications', '/notifikasi', 'Notifikasi'],
      ['payment', '/bayar', 'Bayar iuran BPU'],
      ['account', '/akun', 'Data diri'],
      ['settings', '/pengaturan', 'Bahasa'],
    ];
    for (const [name, path, ready] of screens) {
      await page.goto(`${suite.url}${path}`);
      await page.getByText(ready, { exact: false }).first().waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('id');
      await saveScreenshot(page, name);
      expect({ name, violations: await seriousViolations(page) }).toEqual({ name, violations: [] });
    }

    await suite.goOffline(page);
    for (const [name, path, ready] of screens.filter(([n]) => ['home', 'balance', 'digital-card', 'claims', 'offices'].includes(n))) {
      await page.goto(`${suite.url}${path}`).catch(() => undefined);
      await page.getByText(ready, { exact: false }).first().waitFor();
      await saveScreenshot(page, `${name}-offline`);
    }
    await page.context().close();
  });
});
