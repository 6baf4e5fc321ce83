import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';
import { saveScreenshot } from './support/browser.ts';
import { attachDistinctPhotos } from './support/document-photos.ts';
import { walkJhtWizardToDocuments } from './support/jht-wizard.ts';
import { storedPages, type StoredPage } from './support/photo-variants.ts';
import { uploadIdOf } from './support/net-proxy.ts';
import { demoEmails, forwardedMutations, useE2eSuite } from './support/suite.ts';
import { sessionCookie, settledServerOffsets } from './support/upload-offsets.ts';

const ADMIN = { username: 'admin', password: 'admin-demo-2026' };
/** Pages per checklist document: the dismissal proof has two, as a letter with a second sheet does. */
const PAGES_OF: Record<string, number> = { BUKTI_PHK: 2 };

interface OfficeDocuments {
  claimNo: string;
  documents: { documentId: string; complete: boolean; pages: { page: number; size: number; complete: boolean; type: string | null; sha256: string | null; url: string | null }[] }[];
}

/** Fails with a message that says what did not happen, instead of the whole test's timeout. */
async function within<T>(ms: number, promise: Promise<T>, what: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(what())), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Issue 15's "done when": a JHT claim with its documents, photographed with no signal, reaches
 * the office intact over a network that dies in the middle of the upload — the phone resumes
 * from what the server holds (not from zero), the claim arrives once, after its pages.
 */
describe('a JHT claim with photographed documents over a network cut mid-upload', () => {
  const suite = useE2eSuite({ CLAIM_SIMULATOR: '0' });
  const serverClaims = async (page: Page) => (await suite.serverJson<{ changes: { claims?: { claimNo: string; draftId: string }[] } }>(page, '/api/sync/pull')).changes.claims ?? [];

  it('attaches pages offline, resumes the cut upload from the server offset after a reload, and the office gets every page byte for byte, once', async () => {
    const page = await suite.openPhone();
    await suite.signIn(page, demoEmails.dewi);
    const claimsBefore = await serverClaims(page);
    const cookie = await sessionCookie(suite, page);

    // ---- Offline: the whole claim, photos included, is made with no network at all.
    await suite.goOffline(page);
    const forwardedBefore = suite.proxy.forwarded.length;
    const { documentIds } = await walkJhtWizardToDocuments(page, suite.url, { offline: true });
    expect(documentIds).toEqual(expect.arrayContaining(['KTP', 'KK', 'KPJ', 'BUKU_TABUNGAN', 'BUKTI_PHK']));
    await attachDistinctPhotos(page, documentIds, PAGES_OF);
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByText('Syarat terpenuhi').waitFor();
    await page.getByRole('button', { name: /Kirim klaim|kirim saat online/ }).click();

    // Kirim pressed with no signal: the draft waits, and not one byte or mutation left the phone.
    await page.getByText(/dari \d+ halaman/).first().waitFor({ timeout: 15_000 });
    await expect.poll(() => suite.proxy.blocked.refused, { timeout: 15_000 }).toBeGreaterThan(0);
    expect(suite.proxy.forwarded.slice(forwardedBefore)).toEqual([]);
    expect(suite.proxy.uploads).toEqual([]);
    expect(await serverClaims(page)).toHaveLength(claimsBefore.length);
    await saveScreenshot(page, 'claim-upload-waiting-offline');

    const pages = await storedPages(page);
    const draftId = pages[0]!.draftId;
    expect(pages.every((stored) => stored.draftId === draftId)).toBe(true);
    expect(pages.map((stored) => stored.documentId)).toEqual(documentIds.flatMap((id) => Array<string>(PAGES_OF[id] ?? 1).fill(id)).sort());
    expect(new Set(pages.map((stored) => stored.sha256)).size).toBe(pages.length);
    for (const stored of pages) expect(stored.size).toBeLessThanOrEqual(200 * 1024);
    const totalBytes = pages.reduce((sum, stored) => sum + stored.size, 0);

    // ---- Online, until about half of the page bytes have gone out: then the line dies mid-chunk.
    const cut = suite.proxy.cutAfterUploadBytes(Math.round(totalBytes / 2));
    await suite.goOnline(page);
    const { request: cutRequest, totalBytesAtCut } = await within(60_000, cut, () => `half of the pages never went out: ${suite.proxy.uploadBytes()} of ${totalBytes} B`);
    expect(cutRequest.method).toBe('PATCH');
    expect(cutRequest.bytes).toBeLessThan(cutRequest.declared); // cut inside a chunk, not between two
    await saveScreenshot(page, 'claim-upload-cut');

    // What the server holds at the cut, asked past the (dead) proxy with the participant's session.
    const knownIds = () => [...new Set(suite.proxy.uploads.map((request) => request.uploadId).filter((id): id is string => id !== null))];
    const idsAtCut = knownIds();
    const offsetsAtCut = await settledServerOffsets(suite.server.url, cookie, idsAtCut);
    const heldAtCut = [...offsetsAtCut.values()].reduce((sum, offset) => sum + offset, 0);
    const missingAtCut = totalBytes - heldAtCut;
    expect(heldAtCut).toBeGreaterThan(0);
    expect(missingAtCut).toBeGreaterThan(0);

    // ---- The participant reloads the app with no signal: it comes up, the claim still waiting.
    await suite.goOffline(page);
    await page.reload({ waitUntil: 'load' });
    await page.getByText(/dari \d+ halaman/).first().waitFor({ timeout: 30_000 });
    expect(await serverClaims(page)).toHaveLength(claimsBefore.length);
    await saveScreenshot(page, 'claim-upload-progress-after-reload');

    // ---- Signal again: the upload goes on from the server's offsets and the claim follows, once.
    const seqAtCut = cutRequest.seq;
    await suite.goOnline(page);
    await page.getByText(/Terkirim, nomor klaim KLM-/).waitFor({ timeout: 90_000 });
    const claimNo = (await page.getByText(/Terkirim, nomor klaim/).innerText()).match(/KLM-\d{6}-\d{6}/)![0];
    await saveScreenshot(page, 'claim-upload-sent');

    const afterCut = suite.proxy.uploads.filter((request) => request.seq > seqAtCut);
    const resentBytes = afterCut.reduce((sum, request) => sum + request.bytes, 0);
    const chunkBytes = Math.max(...suite.proxy.uploads.map((request) => request.declared));
    // The cut page continued where the server stood, not where the phone last heard from it.
    const firstAfterCut = afterCut.find((request) => request.uploadId === cutRequest.uploadId && request.method === 'PATCH');
    expect(firstAfterCut?.offset).toBe(offsetsAtCut.get(cutRequest.uploadId!));
    // No page the server already held (whole or in part) was sent again from an earlier byte.
    for (const request of afterCut.filter((candidate) => candidate.method === 'PATCH')) {
      expect(request.offset).toBeGreaterThanOrEqual(offsetsAtCut.get(request.uploadId!) ?? 0);
    }
    expect(resentBytes).toBeGreaterThanOrEqual(missingAtCut);
    expect(resentBytes).toBeLessThanOrEqual(missingAtCut + chunkBytes);
    // From the data plan's side: everything the phone sent, cut chunk included, is the pages plus at most one chunk.
    const wastedBytes = totalBytesAtCut + resentBytes - totalBytes;
    expect(wastedBytes).toBeLessThanOrEqual(chunkBytes);
    console.info(
      `[claim-documents-upload] pages ${pages.length}, total ${totalBytes} B; at the cut: proxy received ${totalBytesAtCut} B, server held ${heldAtCut} B, missing ${missingAtCut} B; ` +
        `cut request: PATCH at offset ${cutRequest.offset} of a ${cutRequest.declared} B chunk, ${cutRequest.bytes} B of it through; ` +
        `sent after the cut ${resentBytes} B (${resentBytes - missingAtCut} B more than missing); sent in all ${totalBytesAtCut + resentBytes} B (${wastedBytes} B more than the pages); largest chunk ${chunkBytes} B; ` +
        `chunks ${suite.proxy.uploads.filter((request) => request.method === 'PATCH').map((request) => request.bytes).join(', ')}; upload requests ${suite.proxy.uploads.length}`,
    );

    // Exactly once: one claim.submit went out, one claim is on the server, for this draft.
    expect(forwardedMutations(suite.proxy, 'claim.submit')).toBe(1);
    const claimsAfter = await serverClaims(page);
    expect(claimsAfter).toHaveLength(claimsBefore.length + 1);
    expect(claimsAfter.filter((claim) => claim.draftId === draftId).map((claim) => claim.claimNo)).toEqual([claimNo]);

    // Delivered: the photos leave the phone (the server holds them, linked to the claim).
    await expect.poll(async () => (await storedPages(page)).filter((stored) => stored.draftId === draftId).length).toBe(0);

    // ---- The office sees every page, byte for byte what the phone kept.
    const officer = await suite.browser.newContext({ httpCredentials: ADMIN, viewport: { width: 1024, height: 900 } });
    const admin = await officer.newPage();
    await admin.goto(`${suite.url}/admin`);
    const claimId = await officeClaimId(admin, claimNo);
    const office = await officeDocuments(suite.url, claimId);
    expect(office.claimNo).toBe(claimNo);
    // The office lists documents in checklist order; the phone's pages are sorted by id.
    const officePages = office.documents
      .flatMap((document) => document.pages.map((officePage) => ({ documentId: document.documentId, ...officePage })))
      .sort((a, b) => a.documentId.localeCompare(b.documentId) || a.page - b.page);
    expect(officePages.map(({ documentId, page: index, complete, sha256 }) => ({ documentId, index, complete, sha256 }))).toEqual(
      pages.map((stored) => ({ documentId: stored.documentId, index: stored.index, complete: true, sha256: stored.sha256 })),
    );
    // And the bytes the office is served hash the same (not only the hash the server wrote down).
    for (const officePage of officePages) {
      const bytes = Buffer.from(await (await fetch(`${suite.server.url}${officePage.url}`, { headers: { Authorization: basic() } })).arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(officePage.sha256);
    }
    // Each office page is an upload this phone created through the proxy, none listed twice.
    const officeIds = officePages.map((officePage) => uploadIdOf(officePage.url!));
    expect(new Set(officeIds).size).toBe(pages.length);
    for (const id of officeIds) expect(knownIds()).toContain(id);
    await showOfficePage(admin, claimId, claimNo, pages);
    await officer.close();

    // The participant's screen: the claim sent, nothing waiting.
    await page.getByText(/Terkirim, nomor klaim KLM-/).waitFor();
    expect(await page.getByText(/Mengunggah/).count()).toBe(0);
    await page.context().close();
  }, 300_000);

  const basic = () => `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`;

  /** The claim's row id, from the office's own list (its link or status form points at /admin/claims/<id>). */
  async function officeClaimId(admin: Page, claimNo: string): Promise<number> {
    const entry = admin.locator('section', { hasText: claimNo }).locator('a[href^="/admin/claims/"], form[action^="/admin/claims/"]').first();
    const target = (await entry.getAttribute('href')) ?? (await entry.getAttribute('action'));
    return Number(target!.match(/\/admin\/claims\/(\d+)/)![1]);
  }

  async function officeDocuments(origin: string, claimId: number): Promise<OfficeDocuments> {
    const answer = await fetch(`${origin}/admin/claims/${claimId}/documents`, { headers: { Authorization: basic(), Accept: 'application/json' } });
    expect(answer.status).toBe(200);
    return (await answer.json()) as OfficeDocuments;
  }

  /** The office's claim page as an officer sees it: a thumbnail of every page, each image really decoded. */
  async function showOfficePage(admin: Page, claimId: number, claimNo: string, pages: StoredPage[]) {
    await admin.goto(`${suite.url}/admin/claims/${claimId}`, { waitUntil: 'load' });
    await admin.getByText(claimNo).first().waitFor();
    const images = admin.locator('img');
    expect(await images.count()).toBe(pages.length);
    await saveScreenshot(admin, 'claim-documents-office');
    // Thumbnails load lazily: each is brought into view, then must have decoded to real pixels.
    for (let index = 0; index < pages.length; index++) {
      const image = images.nth(index);
      await image.scrollIntoViewIfNeeded();
      await expect.poll(() => image.evaluate((node) => (node as HTMLImageElement).complete && (node as HTMLImageElement).naturalWidth > 0)).toBe(true);
    }
  }
});
