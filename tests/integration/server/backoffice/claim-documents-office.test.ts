import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, desc, eq } from 'drizzle-orm';
import { createTestApp, jsonRequest, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { jhtFullClaim, jhtPartialClaim } from '../../../support/claim-builders.ts';
import { claimEvents, claims, documentUploads, notifications } from '../../../../server/db/schema.ts';
import type { PullResponse, PushResponse } from '../../../../shared/sync/protocol.ts';
import type { ClaimRecord } from '../../../../shared/sync/entities.ts';
import { fixture, uploadInChunks } from '../uploads/tus-requests.ts';

const officer = { Authorization: `Basic ${Buffer.from('admin:admin-demo-2026').toString('base64')}` };
const form = (fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  body: new URLSearchParams(fields),
  headers: { ...officer, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
});

// The pages every JHT claim asks for (and NPWP, in case the balance is above the threshold).
const BASE_PAGES = [
  ['KTP', 0, 'page.jpg', 'image/jpeg'],
  ['KTP', 1, 'page.pdf', 'application/pdf'],
  ['KK', 0, 'page.png', 'image/png'],
  ['KPJ', 0, 'page.webp', 'image/webp'],
  ['BUKU_TABUNGAN', 0, 'page.jpg', 'image/jpeg'],
  ['NPWP', 0, 'page.jpg', 'image/jpeg'],
] as const;
type PageSpec = readonly [documentId: string, page: number, file: string, filetype: string];
const DEWIS_PAGES: PageSpec[] = [...BASE_PAGES, ['BUKTI_PHK', 0, 'page.jpg', 'image/jpeg']];

interface Person {
  cookie: string;
  kpjs: string[];
  nextMutation: number;
  device: string;
}

describe('back office: a claim\u2019s documents page and the return asking for one document again', () => {
  let t: TestApp;
  let directory: string;
  let dewi: Person;
  let siti: Person;
  let agus: Person;
  let claimId = 0;
  let claimNo = '';
  let agussClaimId = 0;
  let pages: Record<string, string> = {};
  let agussPage = '';
  let cursor = '';

  async function push(person: Person, name: string, args: unknown) {
    person.nextMutation += 1;
    const res = await t.app.request('/api/sync/push', jsonRequest('POST', { deviceId: person.device, mutations: [{ id: person.nextMutation, name, args, createdAt: 1 }] }, { Cookie: person.cookie }));
    expect(res.status).toBe(200);
    return ((await res.json()) as PushResponse).results[0]!;
  }

  async function pull(person: Person, since?: string) {
    const res = await t.app.request(`/api/sync/pull${since ? `?cursor=${encodeURIComponent(since)}` : ''}`, { headers: { Cookie: person.cookie } });
    expect(res.status).toBe(200);
    return (await res.json()) as PullResponse;
  }

  async function uploadPages(person: Person, draftId: string, which: readonly PageSpec[]) {
    const ids: Record<string, string> = {};
    for (const [documentId, page, file, filetype] of which) {
      const { id, last } = await uploadInChunks(t, person.cookie, { draftId, documentId, page: String(page), filetype }, fixture(file), 64 * 1024);
      expect(last.status).toBe(204);
      ids[`${documentId}/${page}`] = id;
    }
    return ids;
  }

  /** Files a claim the way the phone does: its pages first, then claim.submit naming them. */
  async function fileClaim(person: Person, draft: { draftId: string }, which: readonly PageSpec[]) {
    const ids = await uploadPages(person, draft.draftId, which);
    const result = await push(person, 'claim.submit', { ...draft, documents: Object.values(ids) });
    expect(result, JSON.stringify(result)).toMatchObject({ status: 'applied' });
    const [row] = await t.database.db.select({ id: claims.id, claimNo: claims.claimNo }).from(claims).where(eq(claims.draftId, draft.draftId));
    return { ...row!, ids };
  }

  async function claimRow() {
    return (await t.database.db.select().from(claims).where(eq(claims.id, claimId)))[0]!;
  }

  async function officePage(id = claimId) {
    const res = await t.app.request(`/admin/claims/${id}`, { headers: officer });
    return { res, body: await res.text() };
  }

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'jmo-office-page-'));
    t = await createTestApp({ config: { documentStorage: { kind: 'file', directory } } });
    const person = async (email: string): Promise<Person> => {
      const { cookie } = await signInAs(t, email);
      const signedIn: Person = { cookie, kpjs: [], nextMutation: 0, device: randomUUID() };
      signedIn.kpjs = (await pull(signedIn)).changes.memberships!.map((m) => m.kpj);
      return signedIn;
    };
    [dewi, siti, agus] = [await person(demoEmails.dewi), await person(demoEmails.siti), await person(demoEmails.agus)];
    const dewis = await fileClaim(dewi, jhtFullClaim(dewi.kpjs[0]!, 'Dewi Lestari'), DEWIS_PAGES);
    ({ id: claimId, claimNo, ids: pages } = dewis);
    const aguss = await fileClaim(agus, jhtPartialClaim(agus.kpjs[0]!, 'Agus Wijaya', 10), [...BASE_PAGES, ['SURAT_AKTIF_BEKERJA', 0, 'page.jpg', 'image/jpeg']]);
    agussClaimId = aguss.id;
    agussPage = aguss.ids['KTP/0']!;
    cursor = (await pull(dewi)).cursor;
  });
  afterAll(async () => {
    await t.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('shows every document with labelled thumbnails, a PDF as a link, and each page\u2019s type, size and hash', async () => {
    const { res, body } = await officePage();
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    expect(res.headers.get('Cache-Control')).toBe('no-store');
    // The thumbnails are this origin's images, which the page's CSP allows; no inline script or style.
    expect(res.headers.get('Content-Security-Policy')).toMatch(/img-src 'self'/);
    expect(body).not.toMatch(/<script|<style|style=/);
    expect(body).toContain('<link rel="stylesheet" href="/admin/office.css"');

    const url = (key: string) => `/admin/claims/${claimId}/documents/${pages[key]}`;
    expect(body).toContain(`<img src="${url('KTP/0')}" alt="KTP elektronik (e-KTP) atau identitas lain, halaman 1"`);
    expect(body).toContain(`<img src="${url('KK/0')}"`);
    expect(body).toContain(`<img src="${url('KPJ/0')}"`);
    expect(body).not.toContain(`<img src="${url('KTP/1')}"`);
    expect(body).toMatch(new RegExp(`<a class="thumb pdf" href="${url('KTP/1')}"[^>]*>PDF`));
    expect(body).toContain('Kartu Keluarga (KK)');
    expect(body).toMatch(/Halaman 1\s+· PNG · 0,5 KB/);
    const [ktp] = await t.database.db.select().from(documentUploads).where(eq(documentUploads.id, pages['KTP/0']!));
    expect(body).toContain(`sha256 <code title="${ktp!.sha256}">${ktp!.sha256!.slice(0, 12)}…</code>`);
    // Checklist order, not alphabetical: e-KTP before KK before the card.
    expect(body.indexOf('id="dokumen-KTP"')).toBeLessThan(body.indexOf('id="dokumen-KK"'));
    expect(body.indexOf('id="dokumen-KK"')).toBeLessThan(body.indexOf('id="dokumen-KPJ"'));

    // Every link on the page that points at a page answers with its bytes.
    const links = [...new Set([...body.matchAll(/(?:src|href)="(\/admin\/claims\/\d+\/documents\/[^"]+)"/g)].map((m) => m[1]!))];
    expect(links).toHaveLength(DEWIS_PAGES.length);
    for (const link of links) {
      const page = await t.app.request(link, { headers: officer });
      expect(page.status, link).toBe(200);
    }
    const css = await t.app.request('/admin/office.css', { headers: officer });
    expect(css.status).toBe(200);
    expect(css.headers.get('Content-Type')).toMatch(/^text\/css/);
  });

  it('is linked from each claim on /admin', async () => {
    const list = await (await t.app.request('/admin', { headers: officer })).text();
    expect(list).toContain(`<a href="/admin/claims/${claimId}">`);
    expect(list).toContain(`<a href="/admin/claims/${agussClaimId}">`);
  });

  it('serves a page\u2019s bytes with the detected type, nosniff, inline with a safe name, never cached, sandboxed', async () => {
    const image = await t.app.request(`/admin/claims/${claimId}/documents/${pages['KK/0']}`, { headers: officer });
    expect(image.status).toBe(200);
    expect(image.headers.get('Content-Type')).toBe('image/png');
    expect(image.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(image.headers.get('Content-Disposition')).toBe(`inline; filename="${claimNo}-KK-1.png"`);
    expect(image.headers.get('Cache-Control')).toBe('no-store');
    expect(image.headers.get('Content-Security-Policy')).toBe("default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
    expect(Buffer.from(await image.arrayBuffer()).equals(fixture('page.png'))).toBe(true);

    const pdf = await t.app.request(`/admin/claims/${claimId}/documents/${pages['KTP/1']}`, { headers: officer });
    expect(pdf.headers.get('Content-Type')).toBe('application/pdf');
    expect(pdf.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(pdf.headers.get('Content-Disposition')).toBe(`inline; filename="${claimNo}-KTP-2.pdf"`);
    expect(pdf.headers.get('Content-Security-Policy')).toBe("default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
  });

  it('answers 404 for a page that is not this claim\u2019s, and for an unknown claim, without showing it', async () => {
    // Agus's page under Dewi's claim, and Dewi's page under Agus's claim.
    for (const path of [`${claimId}/documents/${agussPage}`, `${agussClaimId}/documents/${pages['KTP/0']}`]) {
      const res = await t.app.request(`/admin/claims/${path}`, { headers: officer });
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'DOCUMENT_PAGE_NOT_FOUND' });
    }
    // A page someone else uploaded under Dewi's draft id is neither listed nor served.
    const [{ draftId }] = (await t.database.db.select({ draftId: claims.draftId }).from(claims).where(eq(claims.id, claimId))) as [{ draftId: string }];
    const { id: intruder } = await uploadInChunks(t, siti.cookie, { draftId, documentId: 'KTP', page: '5', filetype: 'image/jpeg' }, fixture('page.jpg'), 64 * 1024);
    expect((await t.app.request(`/admin/claims/${claimId}/documents/${intruder}`, { headers: officer })).status).toBe(404);
    expect((await officePage()).body).not.toContain(intruder);
    expect((await officePage(agussClaimId)).body).not.toContain(pages['KTP/0']!);

    const unknown = await officePage(999_999);
    expect(unknown.res.status).toBe(404);
    expect(unknown.body).toContain('Klaim tidak ditemukan.');
    expect((await t.app.request('/admin/claims/abc', { headers: officer })).status).toBe(404);
    // Without the office's password: the Basic challenge only.
    expect((await t.app.request(`/admin/claims/${claimId}`, { headers: { Cookie: dewi.cookie } })).status).toBe(401);
  });

  it('returns a claim asking for one document again: refuses a bad form, then sets the document, the event and the notice', async () => {
    const action = `/admin/claims/${claimId}/return-document`;
    // Still SUBMITTED: the tracker does not allow a return before verification.
    const early = await t.app.request(action, form({ documentId: 'KTP', note: 'Foto KTP buram.' }));
    expect(early.status).toBe(422);
    expect(await early.text()).toContain('TRANSITION_NOT_ALLOWED');
    expect((await t.app.request(`/admin/claims/${claimId}`, form({ to: 'VERIFYING', note: '' }))).status).toBe(303);
    const { body: verifying } = await officePage();
    expect(verifying).toContain(`<form class="stack" method="post" action="${action}">`);
    expect(verifying).toContain('<option value="BUKTI_PHK">');
    expect(verifying).not.toContain('<option value="PASPOR">');

    const refusals: [string, Record<string, string>, Record<string, string>, number, string][] = [
      ['cross-origin', { documentId: 'KTP', note: 'Foto KTP buram.' }, { Origin: 'https://evil.example' }, 403, 'asal permintaan'],
      ['no note', { documentId: 'KTP', note: '   ' }, {}, 400, 'NOTE_REQUIRED'],
      ['no document', { documentId: '', note: 'Foto KTP buram.' }, {}, 400, 'DOCUMENT_REQUIRED'],
      ['a document this claim does not need', { documentId: 'PASPOR', note: 'Foto paspor.' }, {}, 400, 'DOCUMENT_NOT_REQUESTABLE'],
      ['an id no checklist has', { documentId: 'KTP"><script>', note: 'x' }, {}, 400, 'DOCUMENT_NOT_REQUESTABLE'],
    ];
    for (const [name, fields, headers, status, text] of refusals) {
      const res = await t.app.request(action, form(fields, headers));
      expect(res.status, name).toBe(status);
      const body = await res.text();
      expect(body, name).toContain(text);
      expect(body, name).not.toContain('<script>');
    }
    expect(await claimRow()).toMatchObject({ status: 'VERIFYING', requestedDocumentId: null });

    const done = await t.app.request(action, form({ documentId: 'KTP', note: 'Foto KTP buram, nomor NIK tidak terbaca.' }, { Origin: 'http://localhost' }));
    expect(done.status).toBe(303);
    expect(done.headers.get('Location')).toBe(`/admin/claims/${claimId}`);
    expect(await claimRow()).toMatchObject({ status: 'RETURNED', requestedDocumentId: 'KTP' });
    const [event] = await t.database.db.select().from(claimEvents).where(eq(claimEvents.claimId, claimId)).orderBy(desc(claimEvents.id)).limit(1);
    expect(event).toMatchObject({ status: 'RETURNED', note: 'Foto KTP buram, nomor NIK tidak terbaca.', actor: 'officer' });
    const [notice] = await t.database.db.select().from(notifications).orderBy(desc(notifications.id)).limit(1);
    expect(notice!.body).toBe('Mohon foto ulang: KTP elektronik (e-KTP) atau identitas lain. Foto KTP buram, nomor NIK tidak terbaca.');

    const { body } = await officePage();
    expect(body).toContain('peserta diminta memfoto ulang <strong>KTP elektronik (e-KTP) atau identitas lain</strong>');
    expect(body).toContain('class="document is-requested" id="dokumen-KTP"');
    // RETURNED cannot be returned again; the plain status form stays.
    expect(body).not.toContain(action);
    expect(body).toContain(`<form class="stack" method="post" action="/admin/claims/${claimId}">`);
  });

  it('the returned claim reaches the phone\u2019s pull with the document asked for (its version moved)', async () => {
    expect((await claimRow()).status).toBe('RETURNED');
    const delta = await pull(dewi, cursor);
    const record = delta.changes.claims?.find((c) => c.key === String(claimId)) as ClaimRecord | undefined;
    expect(record).toMatchObject({ status: 'RETURNED', requestedDocumentId: 'KTP' });
    cursor = delta.cursor;
    // A claim nobody asked anything of carries null, not a missing field.
    const aguss = (await pull(agus)).changes.claims!.find((c) => c.key === String(agussClaimId)) as ClaimRecord;
    expect(aguss.requestedDocumentId).toBeNull();
  });

  it('after the participant resends that document, the claim is back in the queue, the pull clears the request and the office sees new and replaced pages', async () => {
    expect((await claimRow()).status).toBe('RETURNED');
    const correctionDraft = randomUUID();
    const retaken = (await uploadPages(dewi, correctionDraft, [['KTP', 0, 'page.png', 'image/png']]))['KTP/0']!;
    const result = await push(dewi, 'claim.resubmit', { claimNo, documentsConfirmed: ['KTP'], note: 'KTP sudah saya foto ulang.', documents: [retaken] });
    expect(result).toMatchObject({ status: 'applied', data: { status: 'SUBMITTED' } });
    expect(await claimRow()).toMatchObject({ status: 'SUBMITTED', requestedDocumentId: null });
    const delta = await pull(dewi, cursor);
    expect(delta.changes.claims?.find((c) => c.key === String(claimId))).toMatchObject({ status: 'SUBMITTED', requestedDocumentId: null });

    const { body } = await officePage();
    const ktp = body.slice(body.indexOf('id="dokumen-KTP"'), body.indexOf('id="dokumen-KK"'));
    const replacedAt = ktp.indexOf('Diganti (halaman lama');
    expect(replacedAt).toBeGreaterThan(0);
    expect(ktp.indexOf(`data-upload="${retaken}"`)).toBeLessThan(replacedAt);
    expect(ktp.indexOf(`data-upload="${pages['KTP/0']}"`)).toBeGreaterThan(replacedAt);
    expect(ktp.indexOf(`data-upload="${pages['KTP/1']}"`)).toBeGreaterThan(replacedAt);
    expect(ktp).toMatch(/class="page superseded"/);
    expect(ktp).toContain('<span class="mark">Diganti</span>');
    expect(body).not.toContain('is-requested');
    // The other documents are untouched, and the replaced pages are still there to compare.
    expect(body).toContain(`<img src="/admin/claims/${claimId}/documents/${pages['KK/0']}"`);
    expect((await t.app.request(`/admin/claims/${claimId}/documents/${pages['KTP/0']}`, { headers: officer })).status).toBe(200);
    expect((await t.app.request(`/admin/claims/${claimId}/documents/${retaken}`, { headers: officer })).headers.get('Content-Type')).toBe('image/png');

    const json = (await (await t.app.request(`/admin/claims/${claimId}/documents`, { headers: officer })).json()) as {
      status: string;
      documents: { documentId: string; pages: { url: string }[]; superseded: { url: string; supersededAt: string | null }[] }[];
    };
    const ktpJson = json.documents.find((d) => d.documentId === 'KTP')!;
    expect(json.status).toBe('SUBMITTED');
    expect(ktpJson.pages.map((p) => p.url)).toEqual([`/admin/claims/${claimId}/documents/${retaken}`]);
    expect(ktpJson.superseded.map((p) => p.url).sort()).toEqual([pages['KTP/0'], pages['KTP/1']].map((id) => `/admin/claims/${claimId}/documents/${id}`).sort());
    expect(ktpJson.superseded.every((p) => p.supersededAt !== null)).toBe(true);
    const events = await t.database.db.select({ status: claimEvents.status }).from(claimEvents).where(eq(claimEvents.claimId, claimId)).orderBy(asc(claimEvents.id));
    expect(events.map((e) => e.status)).toEqual(['SUBMITTED', 'VERIFYING', 'RETURNED', 'SUBMITTED']);
  });
});
