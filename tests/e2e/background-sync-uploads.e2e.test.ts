import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { attachDistinctPhotos } from './support/document-photos.ts';
import { walkJhtWizardToDocuments } from './support/jht-wizard.ts';
import { storedPages } from './support/photo-variants.ts';
import { demoEmails, forwardedMutations, useE2eSuite } from './support/suite.ts';
import { sessionCookie } from './support/upload-offsets.ts';
import { BACKGROUND_SYNC_TAG } from '../../client/sync/sync-names.ts';

const ADMIN = { username: 'admin', password: 'admin-demo-2026' };
const basic = () => `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString('base64')}`;

interface OfficeDocuments {
  claimNo: string;
  documents: { documentId: string; pages: { page: number; complete: boolean; sha256: string | null }[] }[];
}

/**
 * Issue 15: the claim's photos go up "in the service worker's Background Sync" — with the app
 * closed. The page makes the claim offline and is closed; no page and no sync worker of the app
 * remain; the browser then fires the 'sync' event (through CDP, as Chromium would when the
 * network returns) and the service worker alone pushes the claim and uploads every page.
 */
describe('claim documents uploaded by the service worker with the app closed', () => {
  const suite = useE2eSuite({ CLAIM_SIMULATOR: '0' });

  it('a claim made offline reaches the office with all its pages through a Background Sync event, no app page open', async () => {
    const page = await suite.openPhone();
    const context = page.context();
    await suite.signIn(page, demoEmails.dewi);
    const cookie = await sessionCookie(suite, page);
    const pull = async () => {
      const answer = await fetch(`${suite.server.url}/api/sync/pull`, { headers: { Cookie: cookie } });
      expect(answer.status).toBe(200);
      return ((await answer.json()) as { changes: { claims?: { claimNo: string; draftId: string }[] } }).changes.claims ?? [];
    };
    const claimsBefore = await pull();

    // ---- Offline: the claim and its photos are made with no network at all.
    await suite.goOffline(page);
    const forwardedBefore = suite.proxy.forwarded.length;
    const { documentIds } = await walkJhtWizardToDocuments(page, suite.url, { offline: true });
    // Distinct photos, so each office page can be matched to its phone page by hash.
    await attachDistinctPhotos(page, documentIds);
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByText('Syarat terpenuhi').waitFor();
    await page.getByRole('button', { name: /Kirim klaim|kirim saat online/ }).click();
    await page.getByText(/dari \d+ halaman/).first().waitFor({ timeout: 15_000 });

    const pages = await storedPages(page);
    const draftId = pages[0]!.draftId;
    expect(pages).toHaveLength(documentIds.length);
    // The app asked the browser for a Background Sync when the draft started waiting.
    await expect.poll(() => page.evaluate(async (tag) => {
      const registration = await navigator.serviceWorker.ready;
      const tags = await (registration as ServiceWorkerRegistration & { sync: { getTags(): Promise<string[]> } }).sync.getTags();
      return tags.includes(tag);
    }, BACKGROUND_SYNC_TAG), { timeout: 15_000 }).toBe(true);

    // ---- The app is closed: its page (and with it the page's sync worker) is gone. A blank
    // page of no origin keeps the browser context, where the service worker lives, open.
    const blank = await context.newPage();
    await blank.goto('about:blank');
    await page.close();
    const closedAt = suite.proxy.forwarded.length;
    const closedUploadsAt = suite.proxy.uploads.length;
    expect(suite.proxy.forwarded.slice(forwardedBefore)).toEqual([]);
    expect(suite.proxy.uploads).toEqual([]);
    const appPagesOpen = () => context.pages().filter((open) => open.url().startsWith(suite.url)).length;
    expect(appPagesOpen()).toBe(0);

    // ---- The phone thinks it is online again, but the line still refuses: Chromium fires the
    // waiting sync tag at once (lifting the emulated offline state counts as the network
    // returning), the service worker's attempt fails, and the browser backs off for minutes.
    // That keeps the browser's own retry out of this test: what follows is the CDP event alone.
    const refusedAtClose = suite.proxy.blocked.refused;
    await context.setOffline(false);
    await expect.poll(() => suite.proxy.blocked.refused, { timeout: 30_000 }).toBeGreaterThan(refusedAtClose);
    await refusalsSettled();
    expect(suite.proxy.forwarded.slice(closedAt)).toEqual([]);

    // ---- Signal returns for real; the browser wakes the service worker with the outbox's sync tag.
    suite.proxy.setMode('pass');
    const cdp = await context.newCDPSession(blank);
    const registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (event: { registrations: typeof registrations }) => registrations.push(...event.registrations));
    await cdp.send('ServiceWorker.enable');
    await expect.poll(() => registrations.some((entry) => entry.scopeURL.startsWith(suite.url) && !entry.isDeleted)).toBe(true);
    const registrationId = registrations.find((entry) => entry.scopeURL.startsWith(suite.url) && !entry.isDeleted)!.registrationId;
    await cdp.send('ServiceWorker.dispatchSyncEvent', { origin: suite.url, registrationId, tag: BACKGROUND_SYNC_TAG, lastChance: false });

    // The service worker pushes the claim (it waits for its pages) and uploads every page.
    await expect
      .poll(async () => (await pull()).filter((claim) => claim.draftId === draftId).length, { timeout: 90_000, interval: 500 })
      .toBe(1);
    const claimNo = (await pull()).find((claim) => claim.draftId === draftId)!.claimNo;
    expect(await pull()).toHaveLength(claimsBefore.length + 1);
    // Nothing of the app reopened meanwhile: all of it came from the service worker.
    expect(appPagesOpen()).toBe(0);
    const afterClose = suite.proxy.forwarded.slice(closedAt);
    expect(afterClose.some((request) => request.method === 'PATCH' && request.path.startsWith('/api/uploads/'))).toBe(true);
    expect(suite.proxy.uploads.length).toBeGreaterThan(closedUploadsAt);
    expect(forwardedMutations(suite.proxy, 'claim.submit')).toBe(1);
    expect(afterClose.flatMap((request) => request.mutations)).toContain('claim.submit');

    // ---- The office has every page, complete, byte for byte what the phone kept.
    const admin = await suite.browser.newContext({ httpCredentials: ADMIN });
    const adminPage = await admin.newPage();
    await adminPage.goto(`${suite.server.url}/admin`);
    const claimId = await officeClaimId(adminPage, claimNo);
    await admin.close();
    const answer = await fetch(`${suite.server.url}/admin/claims/${claimId}/documents`, { headers: { Authorization: basic(), Accept: 'application/json' } });
    expect(answer.status).toBe(200);
    const office = (await answer.json()) as OfficeDocuments;
    expect(office.claimNo).toBe(claimNo);
    const officePages = office.documents.flatMap((document) => document.pages.map((officePage) => ({ documentId: document.documentId, complete: officePage.complete, sha256: officePage.sha256 })));
    const byDocument = (a: { documentId: string }, b: { documentId: string }) => a.documentId.localeCompare(b.documentId);
    expect(officePages.sort(byDocument)).toEqual(pages.map((stored) => ({ documentId: stored.documentId, complete: true, sha256: stored.sha256 })).sort(byDocument));

    await cdp.detach();
    await context.close();
  }, 300_000);

  /** Waits until the proxy has refused nothing new for two seconds: the failed sync event is over. */
  async function refusalsSettled() {
    for (let last = -1; last !== suite.proxy.blocked.refused; ) {
      last = suite.proxy.blocked.refused;
      await new Promise((resolve) => setTimeout(resolve, 2_000));
    }
  }

  /** The claim's row id, from the office's own list (its link or status form points at /admin/claims/<id>). */
  async function officeClaimId(admin: Page, claimNo: string): Promise<number> {
    const entry = admin.locator('section', { hasText: claimNo }).locator('a[href^="/admin/claims/"], form[action^="/admin/claims/"]').first();
    const target = (await entry.getAttribute('href')) ?? (await entry.getAttribute('action'));
    return Number(target!.match(/\/admin\/claims\/(\d+)/)![1]);
  }
});
