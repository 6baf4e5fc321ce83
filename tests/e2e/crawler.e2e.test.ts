import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CHOOSE, fillVisibleForm, type Answers } from './support/form-filler.ts';
import { startNetProxy, type NetProxy } from './support/net-proxy.ts';
import { checkErrorVisible, checkScreen, type Finding } from './support/screen-checks.ts';
import { DEMO_PASSWORD, demoEmails, useE2eSuite } from './support/suite.ts';

/**
 * Every route for every kind of participant, every step of every wizard empty and filled,
 * online and with the server unreachable (the proxy refuses connections while the phone
 * believes it is online). Each walk collects all it finds and fails once with the full list.
 */

const PUBLIC_ROUTES = ['/', '/masuk', '/daftar', '/lupa-kata-sandi', '/layanan', '/kantor', '/pengaturan', '/klaim', '/halaman-yang-tidak-ada'];
/** Screens that look the same for everyone; the visitor's walk covers them with the server unreachable. */
const SAME_FOR_EVERYONE = ['/layanan', '/kantor', '/pengaturan', '/halaman-yang-tidak-ada'];
const SIGNED_IN_ROUTES = ['/', '/kartu', '/simulasi', '/klaim', '/klaim/baru', '/layanan', '/kantor', '/pengaduan', '/pengaduan/baru', '/notifikasi', '/bayar', '/akun', '/pengaturan', '/halaman-yang-tidak-ada'];
/** Routes reached through links, one of each kind per person (a card, a claim, a draft, a complaint). */
const LINKED_ROUTES = [/^\/saldo\/[^/]+$/, /^\/kartu\/[^/]+$/, /^\/klaim\/lacak\/[^/]+$/, /^\/klaim\/draf\/[^/]+$/, /^\/pengaduan\/(?!baru$)[^/]+$/];
/** Screens that show synced data and so must say how old it is (the payment page only for a BPU participant). */
const CACHED_DATA = /^\/($|saldo\/|kartu|simulasi|klaim($|\/lacak\/)|pengaduan($|\/(?!baru$))|notifikasi|akun)/;
const BPU_CACHED_DATA = /^\/bayar$/;

/**
 * Walks share the machine three at a time, so one takes longer than a lone test: up to 300 s
 * on a busy shared machine. A timeout says nothing, a slow verdict does.
 */
const WALK_TIMEOUT_MS = 600_000;
const RINA = { email: 'rina.kartika@contoh.id', phone: '0812 7777 1234', password: 'Es-Cendol-Dingin-5', newPassword: 'Es-Teler-Segar-77' };

describe('crawler: every screen for every demo person at 360 px', () => {
  const suite = useE2eSuite({ CLAIM_SIMULATOR: '0' });
  const everything: Finding[] = [];
  afterAll(() => {
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/crawl-findings.json', JSON.stringify(everything, null, 2));
  });

  /**
   * One phone and one proxy per walk, so walks run side by side and each cuts only its own
   * network. Page errors and console errors are charged to the screen being looked at.
   */
  async function walk(name: string, run: (w: Walker) => Promise<void>) {
    await slots.acquire();
    const proxy = await startNetProxy(suite.server.url);
    // Scale 1: the screenshots are for looking at, and half the pixels keep the walk quick.
    const context = await suite.browser.newContext({ viewport: { width: 360, height: 640 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta', serviceWorkers: 'allow' });
    const page = await context.newPage();
    const walker = new Walker(page, name, proxy);
    page.on('pageerror', (error) => walker.add('page-error', error.message));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      // The browser reports every refused connection and every 4xx answer; neither is the app's fault.
      if (/^Failed to load resource: (net::ERR_|the server responded with a status of 4\d\d)/.test(text)) return;
      walker.add('console-error', text);
    });
    try {
      await page.goto(proxy.url, { waitUntil: 'load' });
      await run(walker);
    } catch (error) {
      walker.add('stuck', error instanceof Error ? error.message.split('\n')[0]! : String(error));
    } finally {
      await context.close();
      await proxy.close();
      slots.release();
      everything.push(...walker.findings);
    }
    expect(summarise(walker.findings)).toEqual([]);
  }

  async function walkRoutes(w: Walker, routes: readonly string[], reachable: boolean) {
    const queue = [...routes];
    const seen = new Set<RegExp>();
    for (let i = 0; i < queue.length; i++) {
      const path = queue[i]!;
      await w.visit(path, { cachedData: w.signedIn && (CACHED_DATA.test(path) || (w.bpu && BPU_CACHED_DATA.test(path))) });
      if (!reachable) continue;
      for (const href of await w.page.locator('main a[href^="/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')!))) {
        const kind = LINKED_ROUTES.find((pattern) => pattern.test(href) && !seen.has(pattern));
        if (!kind) continue;
        seen.add(kind);
        queue.push(href);
      }
    }
    return queue;
  }

  /** Online, then with the server refusing connections: the same screens from the phone's copy. */
  async function walkOnlineAndUnreachable(w: Walker, routes: readonly string[], skipWhenUnreachable: readonly string[] = []) {
    const visited = await walkRoutes(w, routes, true);
    w.proxy.setMode('refuse');
    w.phase = 'unreachable';
    if (w.signedIn) {
      await w.page.goto(`${w.proxy.url}/`, { waitUntil: 'load' });
      await w.page.getByText(/server tidak dapat dihubungi/).first().waitFor({ timeout: 20_000 }).catch(() => w.add('freshness', 'the label never says the server cannot be reached'));
    }
    await walkRoutes(w, visited.filter((path) => !skipWhenUnreachable.includes(path)), false);
    w.proxy.setMode('pass');
    w.phase = 'online';
  }

  it.concurrent('visitor: public screens, sign-in, registration with both codes, password reset', async () => {
    await walk('visitor', async (w) => {
      await walkOnlineAndUnreachable(w, PUBLIC_ROUTES);
      await w.visit('/masuk');
      await w.submitEmpty('masuk');
      await w.page.getByLabel('Email atau NIK').fill(demoEmails.siti);
      await w.page.getByLabel('Kata sandi').fill('Salah-Sandi-123');
      await w.submitRefused('masuk-wrong-password');

      const seedLine = suite.server.output.join('').split('\n').find((line) => line.includes('Rina Kartika'))!;
      await w.visit('/daftar');
      await w.submitEmpty('daftar-identity');
      await fillVisibleForm(w.page, [
        [/NIK/, seedLine.match(/NIK (\d{16})/)![1]!],
        [/KPJ/, seedLine.match(/KPJ (\d{11})/)![1]!],
        [/Nama/, 'Rina Kartika'],
        [/lahir/i, '1998-11-09'],
      ]);
      await w.submitAndExpect('daftar-contact', /Email/);
      await w.submitEmpty('daftar-contact');
      await fillVisibleForm(w.page, [
        [/Email/, RINA.email],
        [/HP/, RINA.phone],
        [/sandi/i, RINA.password],
      ]);
      await w.submitAndExpect('daftar-codes', /Kami mengirim kode/);
      await w.page.getByLabel('Kode dari email').fill('000000');
      await w.page.getByRole('button', { name: 'Periksa kode' }).first().click();
      await w.errorVisible('daftar-codes-wrong');
      await w.page.getByLabel('Kode dari email').fill(await w.codeFor(RINA.email));
      await w.page.getByRole('button', { name: 'Periksa kode' }).first().click();
      await w.page.getByText(/Terverifikasi/).waitFor();
      await w.page.getByLabel('Kode dari SMS').fill(await w.codeFor('+6281277771234'));
      await w.page.getByRole('button', { name: 'Periksa kode' }).click();
      await w.page.getByTestId('merged-balance').waitFor({ timeout: 30_000 });
      w.signedIn = true;
      // A participant with no history yet: every signed-in screen in its empty state.
      await walkOnlineAndUnreachable(w, SIGNED_IN_ROUTES);

      await w.page.context().clearCookies();
      await w.visit('/lupa-kata-sandi');
      await w.page.getByLabel('Email').fill('bukan-email');
      await w.submitRefused('lupa-kata-sandi-bad-email');
      await w.page.getByLabel('Email').fill(RINA.email);
      await w.submitAndExpect('lupa-kata-sandi-sent', /.+/);
      const token = await w.resetToken(RINA.email);
      w.signedIn = false;
      await w.visit(`/lupa-kata-sandi?token=${token}`);
      await fillVisibleForm(w.page, [[/sandi/i, '123']]);
      await w.submitRefused('lupa-kata-sandi-weak');
      for (const field of await w.page.locator('main input[type="password"]').all()) await field.fill(RINA.newPassword);
      await w.submitAndExpect('lupa-kata-sandi-done', /.+/);
    });
  }, WALK_TIMEOUT_MS);

  const people = [
    { key: 'siti', name: 'Siti Rahayu', claims: [['JKK', /Lapor kecelakaan kerja/]], complaint: true },
    { key: 'budi', name: 'Budi Santoso', payment: true },
    { key: 'dewi', name: 'Dewi Lestari', claims: [['JHT_FULL', /JHT penuh/], ['JKP', /Jaminan Kehilangan Pekerjaan/]], returnClaim: true },
    { key: 'agus', name: 'Agus Wijaya', claims: [['JHT_PARTIAL', /JHT sebagian/]] },
    { key: 'hendra', name: 'Hendra Gunawan', claims: [['JHT_FULL', /JHT penuh/]] },
  ] as const satisfies { key: keyof typeof demoEmails; name: string; claims?: readonly (readonly [string, RegExp])[]; complaint?: boolean; payment?: boolean; returnClaim?: boolean }[];

  for (const person of people) {
    it.concurrent(`${person.key}: every route, the wizards of this person, online and with the server unreachable`, async () => {
      await walk(person.key, async (w) => {
        await w.signIn(demoEmails[person.key], DEMO_PASSWORD);
        const answers: Answers = [
          [/Nomor rekening/, '0123456789'],
          [/pemilik rekening/, person.name],
          // The cause the membership data records, so the claim can be sent.
          [/Terkena PHK/, CHOOSE],
        ];
        for (const [type, button] of 'claims' in person ? person.claims : []) await w.claimWizard(type, button, answers);
        if ('returnClaim' in person) await w.officeReturnsLatestClaim(suite.browser);
        if ('complaint' in person) await w.complaintForm();
        if ('payment' in person) {
          w.bpu = true;
          await w.paymentForm();
        }
        await walkOnlineAndUnreachable(w, SIGNED_IN_ROUTES, SAME_FOR_EVERYONE);
      });
    }, WALK_TIMEOUT_MS);
  }
});

/** Three walks at a time: enough to overlap the waiting, few enough for a 2-core runner. */
const slots = (() => {
  let free = 3;
  const waiting: (() => void)[] = [];
  return {
    acquire: () => (free > 0 ? (free--, Promise.resolve()) : new Promise<void>((resolve) => waiting.push(resolve))),
    release: () => (waiting.length ? waiting.shift()!() : free++),
  };
})();

/** One line per defect, with the screens it was seen on: the same shell defect is not listed 50 times. */
function summarise(findings: Finding[]): string[] {
  const screens = new Map<string, string[]>();
  for (const finding of findings) {
    const key = `${finding.kind}: ${finding.detail}`;
    screens.set(key, [...(screens.get(key) ?? []), finding.screen]);
  }
  return [...screens].map(([key, where]) => `${key} — on ${where.length} screen(s): ${where.slice(0, 4).join(', ')}${where.length > 4 ? ', …' : ''}`);
}

class Walker {
  findings: Finding[] = [];
  current = 'start';
  phase: 'online' | 'unreachable' = 'online';
  signedIn = false;
  bpu = false;
  private submitted: string[] = [];
  private readonly origin: string;
  constructor(
    readonly page: Page,
    private readonly name: string,
    readonly proxy: NetProxy,
  ) {
    this.origin = proxy.url;
  }

  async signIn(email: string, password: string) {
    await this.page.goto(`${this.origin}/masuk`, { waitUntil: 'load' });
    await this.page.getByLabel('Email atau NIK').fill(email);
    await this.page.getByLabel('Kata sandi').fill(password);
    await this.page.getByRole('button', { name: 'Masuk' }).click();
    await this.page.getByTestId('merged-balance').waitFor({ timeout: 30_000 });
    this.signedIn = true;
  }

  add(kind: Finding['kind'], detail: string) {
    this.findings.push({ screen: this.current, kind, detail });
  }

  private screenName(label: string) {
    return `${this.name}-${label.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '') || 'home'}${this.phase === 'unreachable' ? '-unreachable' : ''}`;
  }

  async check(label: string, cachedData = false) {
    this.current = this.screenName(label);
    this.findings.push(...(await checkScreen(this.page, this.current, { cachedData, serverReachable: this.phase === 'online' })));
  }

  async visit(path: string, options: { cachedData?: boolean } = {}) {
    this.current = this.screenName(path);
    await this.page.goto(`${this.origin}${path}`, { waitUntil: 'load' });
    await this.check(path, options.cachedData ?? false);
  }

  private submitButton() {
    return this.page.locator('main button[type="submit"]:visible').last();
  }

  /** An empty form is refused with a readable message on screen, or its button stays disabled. */
  async submitEmpty(label: string) {
    const button = this.submitButton();
    if (await button.isDisabled()) return this.check(`${label}-empty`);
    await button.click();
    await this.errorVisible(`${label}-empty`);
  }

  async submitRefused(label: string) {
    await this.submitButton().click();
    await this.errorVisible(label);
  }

  async errorVisible(label: string) {
    this.current = this.screenName(label);
    this.findings.push(...(await checkErrorVisible(this.page, this.current)));
    await this.check(label);
  }

  async submitAndExpect(label: string, next: RegExp) {
    await this.submitButton().click();
    await this.page.locator('main').getByText(next).first().waitFor({ timeout: 15_000 });
    await this.check(label);
  }

  /** Each step: shown empty, refused empty, filled, on to the next, up to the review. */
  async claimWizard(type: string, button: RegExp, answers: Answers) {
    await this.visit('/klaim/baru');
    await this.page.getByRole('button', { name: button }).click();
    await this.page.waitForURL(/\/klaim\/draf\//);
    // The draft renders after its live query answers; isVisible() below does not wait for it.
    await this.page.locator('main').getByRole('button', { name: 'Lanjut', exact: true }).waitFor({ timeout: 30_000 });
    for (let step = 1; step <= 8; step++) {
      const label = `claim-${type}-step${step}`;
      const next = this.page.locator('main').getByRole('button', { name: 'Lanjut', exact: true });
      if (!(await next.isVisible())) {
        await this.check(label);
        break;
      }
      const heading = await this.stepHeading();
      await next.click();
      // A step whose choices come preselected goes on at once; the next round looks at the new one.
      if ((await this.stepHeading()) !== heading) continue;
      await this.errorVisible(`${label}-empty`);
      await fillVisibleForm(this.page, answers);
      await this.check(`${label}-filled`);
      await next.click();
      await this.page.waitForTimeout(200);
      if ((await this.stepHeading()) === heading) {
        this.add('stuck', `step "${heading}" does not go on with valid input`);
        return;
      }
    }
    const send = this.page.locator('main').getByRole('button', { name: /^(Kirim klaim|Simpan dan kirim saat online)$/ });
    if ((await send.count()) && (await send.isEnabled())) {
      await send.click();
      await this.page.getByText(/Terkirim, nomor klaim KLM-\d{6}-\d{6}|Menunggu dikirim/).first().waitFor({ timeout: 30_000 });
      const sent = this.page.getByText(/Terkirim, nomor klaim KLM-\d{6}-\d{6}/).first();
      await sent.waitFor({ timeout: 30_000 });
      this.submitted.push((await sent.innerText()).match(/KLM-\d{6}-\d{6}/)![0]);
      await this.check(`claim-${type}-sent`);
    }
  }

  private async stepHeading() {
    await this.page.waitForTimeout(100);
    return this.page.locator('main form h2, main h2').first().innerText().catch(() => '');
  }

  /** The office sends the last claim back for correction, as happens when a document is unreadable. */
  async officeReturnsLatestClaim(browser: Browser) {
    const claimNo = this.submitted[0];
    if (!claimNo) return this.add('stuck', 'no claim was sent, so none can be returned');
    const officer = await browser.newContext({ httpCredentials: { username: 'admin', password: 'admin-demo-2026' } });
    const admin = await officer.newPage();
    await admin.goto(`${this.origin}/admin`);
    for (const status of ['VERIFYING', 'RETURNED']) {
      const form = admin.locator('section', { hasText: claimNo }).locator('form').first();
      await form.getByLabel('Status baru').selectOption(status);
      if (status === 'RETURNED') await form.getByLabel('Catatan untuk peserta').fill('Foto buku tabungan tidak terbaca, unggah ulang.');
      await Promise.all([admin.waitForNavigation(), form.getByRole('button', { name: 'Simpan' }).click()]);
    }
    await officer.close();
    await this.page.reload({ waitUntil: 'load' });
  }

  async complaintForm() {
    await this.visit('/pengaduan/baru');
    await this.submitEmpty('complaint');
    await fillVisibleForm(this.page, [[/Isi pengaduan/, 'Iuran bulan lalu belum tercatat padahal gaji sudah dipotong.']]);
    await this.submitAndExpect('complaint-sent', /Terkirim, nomor tiket ADU-|Menunggu dikirim/);
  }

  async paymentForm() {
    await this.visit('/bayar');
    if (await this.page.getByTestId('virtual-account').isVisible()) return;
    await this.submitAndExpect('payment-virtual-account', /\d{4} \d{4}/);
  }

  async codeFor(recipient: string): Promise<string> {
    const mails = await this.mailbox();
    return mails.filter((m) => m.recipient === recipient).at(-1)!.body.match(/\b(\d{6})\b/)![1]!;
  }

  /** The reset message goes through the message outbox, so it may take a moment to arrive. */
  async resetToken(recipient: string): Promise<string> {
    for (let attempt = 0; attempt < 40; attempt++) {
      const token = (await this.mailbox()).filter((m) => m.recipient === recipient && m.body.includes('token=')).at(-1)?.body.match(/token=([\w-]+)/)?.[1];
      if (token) return token;
      await this.page.waitForTimeout(250);
    }
    throw new Error(`no password reset message for ${recipient}`);
  }

  private async mailbox() {
    return this.page.evaluate(async () => ((await (await fetch('/dev/mailbox.json')).json()) as { messages: { recipient: string; body: string }[] }).messages);
  }
}
