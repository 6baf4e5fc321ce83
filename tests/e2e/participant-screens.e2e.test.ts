import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { saveScreenshot } from './support/browser.ts';
import { demoEmails, useE2eSuite } from './support/suite.ts';
import { registerRinaUntilCodes } from './support/registration.ts';

const rupiah = (text: string) => Number(text.replace(/\D/g, ''));

/** Writes into the phone's IndexedDB as a sync would, so a screen can be shown a state the seed lacks. */
async function patchLocalRecord(page: Page, store: string, patch: (record: Record<string, number>) => Record<string, number>) {
  await page.evaluate(
    async ({ store, patchSource }) => {
      const change = new Function(`return (${patchSource})`)() as (record: Record<string, number>) => Record<string, number>;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('jmo-lite');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const records = await new Promise<Record<string, number>[]>((resolve) => {
        const all = db.transaction(store).objectStore(store).getAll();
        all.onsuccess = () => resolve(all.result as Record<string, number>[]);
      });
      const tx = db.transaction(store, 'readwrite');
      tx.objectStore(store).put(change(records[0]!));
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    },
    { store, patchSource: patch.toString() },
  );
}

/**
 * Every visible a, button, input, select, summary and [role=button], measured as the finger meets
 * it: a radio or checkbox inside a label counts as that label. Inline text links need 24 px of
 * height (WCAG 2.5.8), everything else 44×44 CSS px.
 */
async function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [role=button]')) {
      if ((element as HTMLInputElement).type === 'hidden') continue;
      const target = (element.matches('input[type=radio], input[type=checkbox]') && element.closest('label')) || element;
      const box = target.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const isInlineLink = element.tagName === 'A' && getComputedStyle(element).display === 'inline';
      const tooSmall = isInlineLink ? box.height < 24 : box.width < 44 || box.height < 44;
      const name = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 30);
      if (tooSmall) problems.push(`${element.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
    return problems;
  });
}

async function isInViewport(page: Page, selector: string): Promise<boolean> {
  const box = await page.locator(selector).boundingBox();
  const viewport = page.viewportSize()!;
  return box !== null && box.y >= 0 && box.y + box.height <= viewport.height;
}

describe('participant screens at 360×640', () => {
  const suite = useE2eSuite();

  it('shows a wrong SMS code on screen, next to the SMS field, naming the SMS code', async () => {
    const page = await suite.openPhone();
    await registerRinaUntilCodes(suite, page, { email: 'rina.salah@contoh.id', phone: '0812 7777 0001' });
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

  it('adds the home balance lines up to the total after a payout, as the card page does', async () => {
    const page = await suite.openPhone();
    await suite.signIn(page, demoEmails.siti);
    // A paid claim lowers the total and raises paidOutTotal (server/features/claims/claim-status.ts).
    await patchLocalRecord(page, 'balances', (balance) => ({ ...balance, paidOutTotal: 5_000_000, total: balance.total! - 5_000_000 }));
    await page.reload();
    await page.getByText('Sudah dicairkan').waitFor();
    const total = rupiah(await page.getByTestId('merged-balance').innerText());
    const lines = await page.getByTestId('balance-breakdown').locator('dd').allInnerTexts();
    const signed = lines.map((line) => (line.trim().startsWith('−') ? -rupiah(line) : rupiah(line)));
    expect(signed.reduce((a, b) => a + b, 0)).toBe(total);
    await saveScreenshot(page, 'home-after-payout');
    await page.context().close();
  });

  it('labels each monthly figure by program, so the months visibly add up to the year line', async () => {
    const page = await suite.openPhone();
    await suite.signIn(page, demoEmails.siti);
    await page.getByRole('link', { name: 'Rincian saldo' }).first().click();
    await page.getByText('Rincian iuran per bulan').waitFor();
    const yearJht = rupiah(await page.getByTestId('year-jht').innerText());
    const monthLines = await page.locator('.month-line').allInnerTexts();
    const monthsJht = monthLines.map((line) => line.match(/JHT (Rp[\d.]+)/)?.[1]).filter((amount) => amount !== undefined);
    expect(monthsJht.length).toBeGreaterThan(0);
    expect(monthsJht.reduce((sum, amount) => sum + rupiah(amount), 0)).toBe(yearJht);
    await page.locator('.month-line').nth(1).evaluate((line) => line.scrollIntoView({ block: 'center' }));
    await saveScreenshot(page, 'balance-month-lines');
    await page.context().close();
  });

  it('projects a BPU member’s JHT from the 2% of declared income he pays, not 5.7% of Rp5 juta', async () => {
    const page = await suite.openPhone();
    await suite.signIn(page, demoEmails.budi);
    await page.goto(`${suite.url}/simulasi`);
    const income = page.getByLabel('Penghasilan per bulan yang Anda laporkan (Rp)');
    await income.waitFor();
    expect(await income.inputValue()).toBe('2500000');
    await page.getByLabel('Berapa tahun lagi').fill('10');
    // 2% of Rp2.500.000 = Rp50.000 a month, 120 months.
    const added = page.locator('dt', { hasText: 'Tambahan iuran' }).locator('xpath=following-sibling::dd');
    expect(await added.innerText()).toBe('Rp6.000.000');
    await saveScreenshot(page, 'simulation-bpu');
    await page.context().close();
  });

  it('copies the virtual account number with a visible confirmation, and writes the months in words', async () => {
    const page = await suite.openPhone();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.url });
    await suite.signIn(page, demoEmails.budi);
    await page.goto(`${suite.url}/bayar`);
    await page.getByLabel('Bayar untuk berapa bulan?').selectOption('2');
    const months = page.getByText(/^Untuk /);
    expect(await months.innerText()).toMatch(/^Untuk (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember)( \d{4})?–[A-Z][a-z]+ \d{4}$/);
    await page.getByRole('button', { name: 'Buat nomor virtual account' }).click();
    const va = page.getByTestId('virtual-account');
    await va.waitFor();
    await page.getByRole('button', { name: 'Salin nomor' }).click();
    await page.getByRole('status').filter({ hasText: 'Tersalin' }).waitFor();
    expect(await page.getByRole('button', { name: /Tersalin/ }).isVisible()).toBe(true);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe((await va.innerText()).replace(/\s/g, ''));
    await saveScreenshot(page, 'payment-va-copied');
    await page.context().close();
  });

  it('asks for the new password twice on reset, and sends nothing while the two differ', async () => {
    const page = await suite.openPhone();
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${suite.url}/lupa-kata-sandi?token=dari-tautan-email`);
    await page.getByLabel('Kata sandi baru', { exact: true }).fill('Es-Cendol-Dingin-5');
    await page.getByLabel('Ulangi kata sandi baru').fill('Es-Cendol-Dingin-6');
    await page.getByRole('button', { name: 'Simpan kata sandi baru' }).click();
    await page.getByText('Kedua kata sandi tidak sama.', { exact: false }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('confirm');
    expect(requests.filter((url) => url.includes('/password-reset/confirm'))).toEqual([]);
    await saveScreenshot(page, 'reset-password-mismatch');
    await page.context().close();
  });

  it('links the manifest once in the built index.html', () => {
    const html = readFileSync('dist/client/index.html', 'utf8');
    expect(html.match(/rel="manifest"/g)).toHaveLength(1);
  });

  it('offers "Pasang aplikasi" when the browser offers installation, and the manual steps on iOS Safari', async () => {
    const page = await suite.openPhone();
    await page.goto(`${suite.url}/pengaturan`);
    await page.getByText('Pasang di layar utama').waitFor();
    await page.evaluate(() => {
      const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
        prompt: async () => void ((window as unknown as { prompted: boolean }).prompted = true),
        userChoice: Promise.resolve({ outcome: 'dismissed' }),
      });
      window.dispatchEvent(offer);
    });
    await page.getByRole('button', { name: 'Pasang aplikasi' }).click();
    expect(await page.evaluate(() => (window as unknown as { prompted?: boolean }).prompted)).toBe(true);
    await page.context().close();

    const iphone = await suite.browser.newContext({
      viewport: { width: 360, height: 640 },
      locale: 'id-ID',
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    });
    const safari = await iphone.newPage();
    await safari.goto(suite.url);
    await safari.getByText(/Bagikan .*→ Tambahkan ke Layar Utama/).waitFor();
    expect(await safari.getByRole('button', { name: 'Pasang aplikasi' }).count()).toBe(0);
    await saveScreenshot(safari, 'install-ios-steps');
    await iphone.close();
  });

  it('makes every tap target on the main screens at least 44×44 px (inline text links 24 px tall)', async () => {
    const page = await suite.openPhone();
    const paths = ['/', '/masuk', '/daftar', '/lupa-kata-sandi', '/layanan', '/kantor', '/pengaturan'];
    const signedInPaths = ['/', '/kartu', '/simulasi', '/klaim', '/klaim/baru', '/layanan', '/kantor', '/pengaduan', '/pengaduan/baru', '/notifikasi', '/bayar', '/akun', '/pengaturan'];
    const found: Record<string, string[]> = {};
    for (const path of paths) {
      await page.goto(`${suite.url}${path}`);
      await page.locator('main h1').first().waitFor();
      found[`signed out ${path}`] = await smallTapTargets(page);
    }
    await suite.signIn(page, demoEmails.siti);
    const cardPath = await page.getByRole('link', { name: 'Rincian saldo' }).first().getAttribute('href');
    for (const path of [...signedInPaths, cardPath!]) {
      await page.goto(`${suite.url}${path}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForTimeout(300); // live queries fill the screen
      found[path] = await smallTapTargets(page);
    }
    await saveScreenshot(page, 'tap-targets-balance');
    await page.goto(`${suite.url}/pengaturan`);
    await saveScreenshot(page, 'tap-targets-settings');
    expect(Object.fromEntries(Object.entries(found).filter(([, problems]) => problems.length > 0))).toEqual({});
    await page.context().close();
  });

  it('shows per card whether each program is active, and since when', async () => {
    const page = await suite.openPhone();
    await suite.signIn(page, demoEmails.siti);
    const programs = page.getByRole('list', { name: 'Program' });
    await programs.first().waitFor();
    const firstCard = await programs.first().locator('li').allInnerTexts();
    expect(firstCard.length).toBeGreaterThan(0);
    for (const line of firstCard) expect(line).toMatch(/^(JHT|JKK|JKM|JP|JKP)\s+(Aktif|Nonaktif)\s+sejak \d{1,2} \w{3} \d{4}/);
    await programs.first().scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'home-program-status');
    await page.context().close();
  });

  it('keeps complaint messages inside the card padding, and shows the yearly simulation as something to open', async () => {
    const page = await suite.openPhone();
    await suite.signIn(page, demoEmails.dewi);
    await page.goto(`${suite.url}/pengaduan/baru`);
    await page.getByLabel('Kategori').selectOption('IURAN');
    await page.getByLabel('Isi pengaduan').fill('Iuran bulan lalu belum tercatat padahal gaji sudah dipotong.');
    await page.getByRole('button', { name: 'Kirim pengaduan' }).click();
    await page.getByText(/nomor tiket ADU-/).waitFor({ timeout: 30_000 });
    await page.goto(`${suite.url}/pengaduan`);
    await page.getByRole('link', { name: /ADU-/ }).first().click();
    const thread = page.locator('main .card', { has: page.locator('ol') }).first();
    const message = thread.locator('ol > li').first();
    await message.waitFor();
    const cardBox = (await thread.boundingBox())!;
    const messageBox = (await message.boundingBox())!;
    expect(messageBox.x - cardBox.x).toBeGreaterThanOrEqual(12);
    expect(cardBox.x + cardBox.width - (messageBox.x + messageBox.width)).toBeGreaterThanOrEqual(12);
    await saveScreenshot(page, 'complaint-thread');

    await page.goto(`${suite.url}/simulasi`);
    const disclosure = page.getByRole('group').filter({ has: page.locator('summary') });
    const summary = page.locator('summary', { hasText: 'per tahun' });
    await summary.waitFor();
    const marker = await summary.evaluate((element) => getComputedStyle(element, '::before').content);
    expect(marker).not.toBe('none');
    await summary.click();
    expect(await disclosure.first().evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
    await summary.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'simulation-per-year-open');
    await page.context().close();
  });

  it('speaks English throughout in English mode: one card is a card, office hours are translated', async () => {
    const page = await suite.openPhone();
    await suite.signIn(page, demoEmails.budi);
    await page.evaluate(() => localStorage.setItem('jmo.lang', 'en'));
    await page.reload();
    await page.getByText('from 1 participant card').waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/participant cards/);
    // Words that only an Indonesian leftover would put on an English screen.
    const indonesian = /\b(Senin|Jumat|Sabtu|sejak|bulan|tahun|Aktif|Nonaktif|Bayar|dan|atau|untuk|dari|Tersalin)\b/;
    const leftovers: Record<string, string[]> = {};
    for (const path of ['/', '/kantor', '/simulasi', '/bayar', '/pengaturan']) {
      await page.goto(`${suite.url}${path}`);
      await page.locator('main h1').first().waitFor();
      await page.waitForTimeout(300);
      const lines = (await page.locator('main').innerText()).split('\n').filter((line) => indonesian.test(line));
      if (lines.length) leftovers[path] = lines;
    }
    await page.goto(`${suite.url}/kantor`);
    await page.getByText(/Monday/).first().waitFor();
    await saveScreenshot(page, 'offices-english');
    expect(leftovers).toEqual({});
    await page.context().close();
  });
});
