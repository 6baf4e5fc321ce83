import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { launchBrowser, saveScreenshot } from './support/browser.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';
import { DEMO_PASSWORD, demoEmails } from './support/suite.ts';
import { jhtFullClaim } from '../support/claim-builders.ts';
import type { PullResponse, PushResponse } from '../../shared/sync/protocol.ts';

const photo = readFileSync('tests/fixtures/documents/paklaring-photo.jpg');
const small = (name: string) => readFileSync(`tests/integration/server/uploads/fixtures/${name}`);
const officer = { username: 'admin', password: 'admin-demo-2026' };

/** The participant's side, spoken as the phone does over HTTP: sign-in, tus uploads, push. */
class Participant {
  private mutationId = 0;
  private readonly device = randomUUID();
  constructor(
    private readonly url: string,
    private readonly cookie: string,
  ) {}

  static async signIn(url: string, identifier: string) {
    const res = await fetch(`${url}/api/auth/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ identifier, password: DEMO_PASSWORD }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    return new Participant(url, cookie);
  }

  async pull(): Promise<PullResponse> {
    return (await (await fetch(`${this.url}/api/sync/pull`, { headers: { Cookie: this.cookie } })).json()) as PullResponse;
  }

  async upload(draftId: string, documentId: string, page: number, bytes: Buffer, filetype: string): Promise<string> {
    const metadata = Object.entries({ draftId, documentId, page: String(page), filetype })
      .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
      .join(',');
    const created = await fetch(`${this.url}/api/uploads`, { method: 'POST', headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': String(bytes.length), 'Upload-Metadata': metadata, Cookie: this.cookie } });
    expect(created.status).toBe(201);
    const location = new URL(created.headers.get('Location')!, this.url).href;
    const sent = await fetch(location, {
      method: 'PATCH',
      headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream', Cookie: this.cookie },
      body: new Uint8Array(bytes),
    });
    expect(sent.status).toBe(204);
    return location.split('/').pop()!;
  }

  async push(name: string, args: unknown) {
    this.mutationId += 1;
    const res = await fetch(`${this.url}/api/sync/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: this.cookie },
      body: JSON.stringify({ deviceId: this.device, mutations: [{ id: this.mutationId, name, args, createdAt: Date.now() }] }),
    });
    return ((await res.json()) as PushResponse).results[0]!;
  }
}

describe('the back office looks at a claim\u2019s documents and asks for one again, in a real browser', () => {
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

  it('shows the thumbnails (allowed by the CSP, decoded), returns the claim for e-KTP, and after the retake shows the new page and the replaced ones', async () => {
    const dewi = await Participant.signIn(server.url, demoEmails.dewi);
    const kpj = (await dewi.pull()).changes.memberships![0]!.kpj;
    const draft = jhtFullClaim(kpj, 'Dewi Lestari');
    const documents = [
      await dewi.upload(draft.draftId, 'KTP', 0, small('page.jpg'), 'image/jpeg'),
      await dewi.upload(draft.draftId, 'KTP', 1, small('page.pdf'), 'application/pdf'),
      await dewi.upload(draft.draftId, 'KK', 0, small('page.png'), 'image/png'),
      await dewi.upload(draft.draftId, 'KPJ', 0, small('page.webp'), 'image/webp'),
      await dewi.upload(draft.draftId, 'BUKU_TABUNGAN', 0, small('page.jpg'), 'image/jpeg'),
      await dewi.upload(draft.draftId, 'BUKTI_PHK', 0, photo, 'image/jpeg'),
      await dewi.upload(draft.draftId, 'BUKTI_PHK', 1, photo, 'image/jpeg'),
      await dewi.upload(draft.draftId, 'NPWP', 0, small('page.png'), 'image/png'),
    ];
    const submitted = await dewi.push('claim.submit', { ...draft, documents });
    expect(submitted).toMatchObject({ status: 'applied' });
    const claimNo = submitted.status === 'applied' ? submitted.ref! : '';

    const context = await browser.newContext({ httpCredentials: officer, viewport: { width: 1100, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await page.goto(`${server.url}/admin`, { waitUntil: 'load' });
    await page.locator('section', { hasText: claimNo }).getByRole('link', { name: 'Dokumen klaim dan minta ulang dokumen' }).click();
    await page.getByRole('heading', { name: new RegExp(`Klaim ${claimNo}`) }).waitFor();

    // Every thumbnail is drawn: loaded past the CSP and decoded as an image.
    const images = page.locator('.page img');
    expect(await images.count()).toBe(7);
    // Thumbnails load lazily: bring each into view, as the officer scrolling down would.
    for (const image of await images.all()) await image.scrollIntoViewIfNeeded();
    await expect.poll(() => images.evaluateAll((all) => all.filter((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0).length)).toBe(7);
    // The stylesheet applied (the CSP allows it from this origin): thumbnails are tiles, not full-size photos.
    const tile = await page.locator('.page .thumb').first().boundingBox();
    expect(tile!.width).toBeLessThanOrEqual(182);

    // The officer moves the claim into verification, then asks for e-KTP again with a note.
    await page.getByLabel('Status baru').selectOption('VERIFYING');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await page.goto(`${server.url}/admin/claims/${claimNo.split('-').pop()!.replace(/^0+/, '')}`, { waitUntil: 'load' });
    await page.getByLabel('Dokumen yang harus difoto ulang').selectOption('KTP');
    await page.getByLabel('Catatan untuk peserta (wajib)').fill('Foto e-KTP buram, NIK tidak terbaca. Foto ulang di tempat terang.');
    await page.getByRole('heading', { name: /Minta ulang satu dokumen/ }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'office-claim-return-form');
    await page.getByRole('button', { name: 'Kembalikan klaim' }).click();
    await page.getByText('peserta diminta memfoto ulang').waitFor();
    const returned = (await dewi.pull()).changes.claims!.find((c) => c.claimNo === claimNo)!;
    expect(returned).toMatchObject({ status: 'RETURNED', requestedDocumentId: 'KTP' });

    // The participant retakes only that document (pages under the correction's own draft).
    const correction = randomUUID();
    const retaken = await dewi.upload(correction, 'KTP', 0, photo, 'image/jpeg');
    expect(await dewi.push('claim.resubmit', { claimNo, documentsConfirmed: ['KTP'], note: 'Sudah saya foto ulang.', documents: [retaken] })).toMatchObject({ status: 'applied' });
    expect((await dewi.pull()).changes.claims!.find((c) => c.claimNo === claimNo)).toMatchObject({ status: 'SUBMITTED', requestedDocumentId: null });

    await page.reload({ waitUntil: 'load' });
    const ktp = page.locator('#dokumen-KTP');
    await ktp.locator(`[data-upload="${retaken}"] img`).waitFor();
    await ktp.getByText('Diganti (halaman lama').waitFor();
    expect(await ktp.locator('.page.superseded').count()).toBe(2);
    expect(await page.locator('.is-requested').count()).toBe(0);
    for (const image of await page.locator('.page img').all()) await image.scrollIntoViewIfNeeded();
    await expect.poll(() => page.locator('.page img').evaluateAll((all) => all.every((img) => (img as HTMLImageElement).naturalWidth > 0))).toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await saveScreenshot(page, 'office-claim-documents');
    await page.screenshot({ path: 'test-results/screens/office-claim-documents-full.png', fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });
});
