import type { Page } from 'playwright-core';
import type { E2eSuite } from './suite.ts';

/**
 * Rina Kartika is seeded without an account (the server prints her NIK and KPJ at start):
 * fills her identity, then the given contact and a password, up to "codes sent".
 */
export async function registerRinaUntilCodes(suite: E2eSuite, page: Page, contact: { email: string; phone: string }): Promise<void> {
  const seedLine = suite.server.output.join('').split('\n').find((line) => line.includes('Rina Kartika'))!;
  await page.goto(`${suite.url}/daftar`);
  await page.getByLabel('NIK').fill(seedLine.match(/NIK (\d{16})/)![1]!);
  await page.getByLabel('Nomor KPJ (kartu peserta)').fill(seedLine.match(/KPJ (\d{11})/)![1]!);
  await page.getByLabel('Nama lengkap sesuai KTP').fill('Rina Kartika');
  await page.getByLabel('Tanggal lahir').fill('1998-11-09');
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await page.getByLabel('Email').fill(contact.email);
  await page.getByLabel('Nomor HP').fill(contact.phone);
  await page.getByLabel('Kata sandi baru').fill('Es-Cendol-Dingin-5');
  await page.getByLabel('Ulangi kata sandi').fill('Es-Cendol-Dingin-5');
  await page.getByRole('button', { name: 'Lanjut' }).click();
  await page.getByText(/Kami mengirim kode 6 angka/).waitFor();
}
