import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { createTestApp, jsonRequest, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { accidentReport, jhtFullClaim } from '../../../support/claim-builders.ts';
import { putCompletePages, putPages, requiredFor, uploadPages, withDocuments } from '../../../support/claim-documents.ts';
import { claims, documentUploads, jhtBalances, memberships } from '../../../../server/db/schema.ts';
import type { PushResponse } from '../../../../shared/sync/protocol.ts';
import { uploadErrors } from '../../../../shared/claims/document-upload-schemas.ts';

/**
 * Issue 15: claim.submit names its pages by upload id, and the server refuses a claim whose
 * required documents are missing, unfinished or not the participant's, naming the document;
 * a claim that passes owns its pages from the same transaction on.
 */
describe('claim.submit and claim.resubmit with document pages', () => {
  let t: TestApp;
  let siti: { cookie: string; participantId: number; kpj: string };
  let dewi: { cookie: string; participantId: number; kpj: string };
  let agus: { cookie: string; participantId: number };
  const devices = new Map<string, { id: string; next: number }>();

  beforeAll(async () => {
    t = await createTestApp();
    const cardOf = async (participantId: number, status?: string) =>
      (await t.database.db.select({ kpj: memberships.kpj, status: memberships.status }).from(memberships).where(eq(memberships.participantId, participantId))).find((card) => !status || card.status === status)!.kpj;
    const s = await signInAs(t, demoEmails.siti);
    siti = { ...s, kpj: await cardOf(s.participantId, 'ACTIVE') };
    const d = await signInAs(t, demoEmails.dewi);
    dewi = { ...d, kpj: await cardOf(d.participantId) };
    agus = await signInAs(t, demoEmails.agus);
  });
  afterAll(() => t.close());

  async function push(cookie: string, name: string, args: unknown, deviceId?: string): Promise<PushResponse['results'][number]> {
    const device = devices.get(deviceId ?? cookie) ?? { id: randomUUID(), next: 1 };
    devices.set(deviceId ?? cookie, device);
    const res = await t.app.request('/api/sync/push', jsonRequest('POST', { deviceId: device.id, mutations: [{ id: device.next++, name, args, createdAt: 1 }] }, { Cookie: cookie }));
    expect(res.status).toBe(200);
    return ((await res.json()) as PushResponse).results[0]!;
  }
  const sitisReport = () => accidentReport(siti.kpj, '2026-11-01');
  const pagesOf = (ids: string[]) => t.database.db.select().from(documentUploads).where(inArray(documentUploads.id, ids));
  /** Siti's accident report with one complete page of each required document but `leaveOut`, and the ids. */
  async function reportWithout(...leaveOut: string[]) {
    const report = sitisReport();
    const { documentIds } = await requiredFor(t.database.db, report);
    const documents = await putCompletePages(t.database.db, { participantId: siti.participantId, draftId: report.draftId, documentIds: documentIds.filter((id) => !leaveOut.includes(id)) });
    return { report, documents };
  }

  it('reads the accident checklist: the base documents plus the employer report, doctor letter and account', async () => {
    expect((await requiredFor(t.database.db, sitisReport())).documentIds).toEqual(['KTP', 'KK', 'KPJ', 'BUKU_TABUNGAN', 'LAPORAN_TAHAP_I', 'SURAT_DOKTER', 'KRONOLOGI']);
  });

  it('refuses a claim that names no pages, naming every required document in Indonesian', async () => {
    const result = await push(siti.cookie, 'claim.submit', { ...sitisReport(), documents: [] });
    expect(result).toMatchObject({ status: 'rejected', code: 'DOCUMENTS_MISSING' });
    const message = result.status === 'rejected' ? result.message : '';
    expect(message).toMatch(/^Dokumen belum lengkap: KTP elektronik/);
    for (const label of ['Kartu Keluarga (KK)', 'Laporan kecelakaan kerja tahap I dari perusahaan', 'Surat keterangan dokter', 'Kronologi kejadian']) expect(message).toContain(label);
  });

  it('refuses a claim missing one document and names only that one', async () => {
    const { report, documents } = await reportWithout('KK');
    const result = await push(siti.cookie, 'claim.submit', { ...report, documents });
    expect(result).toEqual({ id: expect.any(Number), status: 'rejected', code: 'DOCUMENTS_MISSING', message: 'Dokumen belum lengkap: Kartu Keluarga (KK). Foto dokumennya lalu kirim lagi.' });
    expect(await t.database.db.select().from(claims).where(eq(claims.draftId, report.draftId))).toHaveLength(0);
    expect((await pagesOf(documents)).every((page) => page.claimId === null)).toBe(true);
  });

  it('asks for the police report when the accident happened on the way to work', async () => {
    const { report, documents } = await reportWithout();
    const result = await push(siti.cookie, 'claim.submit', { ...report, onTheWayToWork: true, documents });
    expect(result).toMatchObject({ status: 'rejected', code: 'DOCUMENTS_MISSING', message: expect.stringContaining('Laporan polisi (kecelakaan lalu lintas)') });
  });

  it('refuses a page still uploading, naming its document', async () => {
    const { report, documents } = await reportWithout('KK');
    const [kk] = await putPages(t.database.db, { participantId: siti.participantId, draftId: report.draftId, pages: [{ documentId: 'KK', status: 'UPLOADING' }] });
    const result = await push(siti.cookie, 'claim.submit', { ...report, documents: [...documents, kk!] });
    expect(result).toMatchObject({ status: 'rejected', code: 'DOCUMENT_UNFINISHED', message: expect.stringContaining('Halaman dokumen Kartu Keluarga (KK) belum selesai terunggah') });
  });

  it('refuses a page refused by the type check, and an unfinished one past its expiry, as not found, naming the document', async () => {
    for (const page of [{ documentId: 'KK', status: 'REFUSED' as const }, { documentId: 'KK', status: 'UPLOADING' as const, expiresAt: new Date(t.clock.now().getTime() - 1000) }]) {
      const { report, documents } = await reportWithout('KK');
      const [kk] = await putPages(t.database.db, { participantId: siti.participantId, draftId: report.draftId, pages: [page] });
      const result = await push(siti.cookie, 'claim.submit', { ...report, documents: [...documents, kk!] });
      expect(result, page.status).toMatchObject({ status: 'rejected', code: 'DOCUMENT_NOT_FOUND', message: expect.stringContaining('Halaman dokumen Kartu Keluarga (KK) tidak ada lagi di server') });
    }
  });

  it('refuses her own page of another draft, naming its document', async () => {
    const { report, documents } = await reportWithout('KK');
    const [otherDraftsKk] = await putCompletePages(t.database.db, { participantId: siti.participantId, draftId: randomUUID(), documentIds: ['KK'] });
    const result = await push(siti.cookie, 'claim.submit', { ...report, documents: [...documents, otherDraftsKk!] });
    expect(result).toMatchObject({ status: 'rejected', code: 'DOCUMENT_NOT_FOUND', message: expect.stringContaining('Kartu Keluarga (KK)') });
  });

  it('refuses someone else’s page, even of the same draft id, without saying what it is', async () => {
    const { report, documents } = await reportWithout('KK');
    const [agussKk] = await putCompletePages(t.database.db, { participantId: agus.participantId, draftId: report.draftId, documentIds: ['KK'] });
    const result = await push(siti.cookie, 'claim.submit', { ...report, documents: [...documents, agussKk!] });
    expect(result).toMatchObject({ status: 'rejected', code: 'DOCUMENT_NOT_FOUND', message: 'Ada halaman dokumen yang tidak dikenali server. Foto ulang dokumennya lalu kirim lagi.' });
    expect((await pagesOf([agussKk!]))[0]!.claimId).toBeNull();
  });

  it('refuses an id no upload has, and a malformed one before any rule runs', async () => {
    const { report, documents } = await reportWithout();
    expect(await push(siti.cookie, 'claim.submit', { ...report, documents: [...documents, randomUUID()] })).toMatchObject({ status: 'rejected', code: 'DOCUMENT_NOT_FOUND' });
    expect(await push(siti.cookie, 'claim.submit', { ...report, documents: [...documents, 'KK'] })).toMatchObject({ status: 'rejected', code: 'INVALID_ARGS' });
    expect(await push(siti.cookie, 'claim.submit', { ...report, documents: Array.from({ length: 21 }, () => randomUUID()) })).toMatchObject({ status: 'rejected', code: 'INVALID_ARGS' });
  });

  it('applies a claim with every document, links exactly the named pages to it, and answers the same mutation again from storage', async () => {
    const { report, documents } = await reportWithout();
    // A second page of one document, and a page of the draft the claim does not name.
    const [secondKtp] = await putPages(t.database.db, { participantId: siti.participantId, draftId: report.draftId, pages: [{ documentId: 'KTP', page: 1 }] });
    const [unnamed] = await putPages(t.database.db, { participantId: siti.participantId, draftId: report.draftId, pages: [{ documentId: 'KK', page: 1 }] });
    const args = { ...report, documents: [...documents, secondKtp!] };
    const device = { id: randomUUID(), next: 1 };
    devices.set('replay', device);
    const first = await push(siti.cookie, 'claim.submit', args, 'replay');
    expect(first).toMatchObject({ status: 'applied', ref: expect.stringMatching(/^KLM-/) });
    device.next = 1;
    const again = await push(siti.cookie, 'claim.submit', args, 'replay');
    expect(again).toEqual(first);
    // The same draft under a new mutation id (another device): still that one claim.
    expect(await push(siti.cookie, 'claim.submit', args)).toMatchObject({ status: 'applied', ref: first.status === 'applied' ? first.ref : '' });

    const rows = await t.database.db.select().from(claims).where(eq(claims.draftId, report.draftId));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.details.documents).toEqual(args.documents);
    const linked = await t.database.db.select({ id: documentUploads.id }).from(documentUploads).where(eq(documentUploads.claimId, rows[0]!.id));
    expect(linked.map((row) => row.id).sort()).toEqual([...args.documents].sort());
    expect((await pagesOf([unnamed!]))[0]!.claimId).toBeNull();
  });

  it('turns the same draft pushed from two devices at the same moment into one claim, its pages linked once', async () => {
    // On PostgreSQL the two transactions really overlap: the second waits on the page locks.
    const { report, documents } = await reportWithout();
    const results = await Promise.all([0, 1].map(() => push(siti.cookie, 'claim.submit', { ...report, documents }, randomUUID())));
    const rows = await t.database.db.select().from(claims).where(eq(claims.draftId, report.draftId));
    expect(rows).toHaveLength(1);
    for (const result of results) expect(result).toMatchObject({ status: 'applied', ref: rows[0]!.claimNo });
    expect((await pagesOf(documents)).map((page) => page.claimId)).toEqual(documents.map(() => rows[0]!.id));
  });

  it('accepts pages uploaded through the real tus endpoint', async () => {
    const report = sitisReport();
    const { documentIds } = await requiredFor(t.database.db, report);
    const documents = await uploadPages((path, init) => t.app.request(path, init), siti.cookie, report.draftId, documentIds);
    expect(await push(siti.cookie, 'claim.submit', { ...report, documents })).toMatchObject({ status: 'applied' });
    expect((await pagesOf(documents)).map((page) => [page.status, page.detectedType, page.claimId !== null])).toEqual(documentIds.map(() => ['COMPLETE', 'image/jpeg', true]));
  });

  it('keeps a page the claim names: a retake of its slot and a DELETE are refused, and the page stays', async () => {
    const report = sitisReport();
    const { documentIds } = await requiredFor(t.database.db, report);
    const documents = await uploadPages((path, init) => t.app.request(path, init), siti.cookie, report.draftId, documentIds);
    expect(await push(siti.cookie, 'claim.submit', { ...report, documents })).toMatchObject({ status: 'applied' });
    const retake = await t.app.request('/api/uploads', {
      method: 'POST',
      headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': '100', 'Upload-Metadata': `draftId ${btoa(report.draftId)},documentId ${btoa('KTP')},page ${btoa('0')},filetype ${btoa('image/jpeg')}`, Cookie: siti.cookie },
    });
    expect(retake.status).toBe(409);
    expect(await retake.json()).toEqual({ code: 'UPLOAD_PAGE_SENT', message: uploadErrors.UPLOAD_PAGE_SENT });
    const removal = await t.app.request(`/api/uploads/${documents[0]}`, { method: 'DELETE', headers: { 'Tus-Resumable': '1.0.0', Cookie: siti.cookie } });
    expect(removal.status).toBe(409);
    expect((await pagesOf(documents)).filter((page) => page.claimId !== null)).toHaveLength(documents.length);
  });

  it('asks for NPWP on a JHT claim when the balance is above Rp50 juta, and applies once it has a page', async () => {
    const [card] = await t.database.db.select({ id: memberships.id }).from(memberships).where(eq(memberships.kpj, dewi.kpj));
    await t.database.db.update(jhtBalances).set({ total: 60_000_000 }).where(eq(jhtBalances.membershipId, card!.id));
    const claim = jhtFullClaim(dewi.kpj, 'Dewi Lestari');
    const { documentIds } = await requiredFor(t.database.db, claim);
    expect(documentIds).toContain('NPWP');
    const documents = await putCompletePages(t.database.db, { participantId: dewi.participantId, draftId: claim.draftId, documentIds: documentIds.filter((id) => id !== 'NPWP') });
    expect(await push(dewi.cookie, 'claim.submit', { ...claim, documents })).toMatchObject({
      status: 'rejected',
      code: 'DOCUMENTS_MISSING',
      message: 'Dokumen belum lengkap: NPWP (NIK dapat dipakai sebagai NPWP). Foto dokumennya lalu kirim lagi.',
    });
    const npwp = await putCompletePages(t.database.db, { participantId: dewi.participantId, draftId: claim.draftId, documentIds: ['NPWP'] });
    expect(await push(dewi.cookie, 'claim.submit', { ...claim, documents: [...documents, ...npwp] })).toMatchObject({ status: 'applied' });
  });

  describe('resubmit after the office asked for one document again', () => {
    let claimNo = '';
    let claimId = 0;
    let oldKk = '';
    let correctionDraft = '';
    const returnAskingFor = async (documentId: string | null) => {
      await t.database.db.update(claims).set({ status: 'RETURNED', requestedDocumentId: documentId }).where(eq(claims.id, claimId));
    };
    const fix = (documents: string[]) => ({ claimNo, documentsConfirmed: ['KK'], documents, note: 'Foto KK sudah saya ulang.' });

    beforeAll(async () => {
      const args = await withDocuments(t.database.db, sitisReport());
      const result = await push(siti.cookie, 'claim.submit', args);
      claimNo = result.status === 'applied' ? result.ref! : '';
      claimId = (await t.database.db.select({ id: claims.id }).from(claims).where(eq(claims.claimNo, claimNo)))[0]!.id;
      oldKk = (await t.database.db.select({ id: documentUploads.id }).from(documentUploads).where(and(eq(documentUploads.claimId, claimId), eq(documentUploads.documentId, 'KK'))))[0]!.id;
      // The correction's pages live under a draft of their own on the phone.
      correctionDraft = randomUUID();
    });

    it('refuses a correction without a page of the requested document, naming it', async () => {
      await returnAskingFor('KK');
      const [ktp] = await putCompletePages(t.database.db, { participantId: siti.participantId, draftId: correctionDraft, documentIds: ['KTP'] });
      expect(await push(siti.cookie, 'claim.resubmit', fix([ktp!]))).toMatchObject({
        status: 'rejected',
        code: 'DOCUMENTS_MISSING',
        message: 'Dokumen belum lengkap: Kartu Keluarga (KK). Foto dokumennya lalu kirim lagi.',
      });
      expect(await push(siti.cookie, 'claim.resubmit', fix([]))).toMatchObject({ status: 'rejected', code: 'DOCUMENTS_MISSING' });
      const [row] = await t.database.db.select().from(claims).where(eq(claims.id, claimId));
      expect(row).toMatchObject({ status: 'RETURNED', requestedDocumentId: 'KK' });
    });

    it('refuses a page already named by another claim, and one still uploading', async () => {
      await returnAskingFor('KK');
      const others = await withDocuments(t.database.db, sitisReport());
      expect(await push(siti.cookie, 'claim.submit', others)).toMatchObject({ status: 'applied' });
      const othersKk = (await pagesOf(others.documents)).find((page) => page.documentId === 'KK')!.id;
      expect(await push(siti.cookie, 'claim.resubmit', fix([othersKk]))).toMatchObject({ status: 'rejected', code: 'DOCUMENT_NOT_FOUND', message: expect.stringContaining('Kartu Keluarga (KK)') });
      const [uploading] = await putPages(t.database.db, { participantId: siti.participantId, draftId: correctionDraft, pages: [{ documentId: 'KK', page: 5, status: 'UPLOADING' }] });
      expect(await push(siti.cookie, 'claim.resubmit', fix([uploading!]))).toMatchObject({ status: 'rejected', code: 'DOCUMENT_UNFINISHED' });
    });

    it('links the new pages, marks the older page of that document replaced and clears the request', async () => {
      await returnAskingFor('KK');
      const [newKk] = await putPages(t.database.db, { participantId: siti.participantId, draftId: correctionDraft, pages: [{ documentId: 'KK', page: 0 }] });
      const [extraPage] = await putPages(t.database.db, { participantId: siti.participantId, draftId: correctionDraft, pages: [{ documentId: 'KRONOLOGI', page: 0 }] });
      expect(await push(siti.cookie, 'claim.resubmit', fix([newKk!, extraPage!]))).toMatchObject({ status: 'applied', ref: claimNo });
      const [row] = await t.database.db.select().from(claims).where(eq(claims.id, claimId));
      expect(row).toMatchObject({ status: 'SUBMITTED', requestedDocumentId: null });
      const pages = new Map((await t.database.db.select().from(documentUploads).where(eq(documentUploads.claimId, claimId))).map((page) => [page.id, page]));
      expect(pages.get(oldKk)!.supersededAt).toEqual(t.clock.now());
      expect(pages.get(newKk!)!.supersededAt).toBeNull();
      // A page the participant added of a document nobody asked for is kept beside the old one.
      expect(pages.get(extraPage!)!.supersededAt).toBeNull();
      expect([...pages.values()].filter((page) => page.documentId === 'KRONOLOGI' && page.supersededAt === null)).toHaveLength(2);
    });

    it('without a request for a document, takes a correction with no pages', async () => {
      await returnAskingFor(null);
      expect(await push(siti.cookie, 'claim.resubmit', fix([]))).toMatchObject({ status: 'applied' });
    });
  });
});
