import { describe, expect, it } from 'vitest';
import { checkClaimDocuments, documentCauseOf, requiredClaimDocuments, type NamedPage } from '../../../../shared/claims/claim-document-check.ts';

const DRAFT = '7d6f4a4e-3f0b-4c8e-9d55-1c2b3a4d5e6f';
const OTHER_DRAFT = '0b3c1d2e-4f5a-4b6c-8d7e-9f0a1b2c3d4e';

let counter = 0;
function page(documentId: string, changes: Partial<NamedPage> = {}): NamedPage {
  counter++;
  return { uploadId: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`, documentId, draftId: DRAFT, status: 'COMPLETE', expired: false, claimId: null, ...changes };
}
function check(pages: NamedPage[], required: string[], extra: { named?: string[]; draftId?: string; ownClaimId?: number } = {}) {
  return checkClaimDocuments({
    named: extra.named ?? pages.map((p) => p.uploadId),
    pages: new Map(pages.map((p) => [p.uploadId, p])),
    draftId: 'draftId' in extra ? extra.draftId : DRAFT,
    required,
    ownClaimId: extra.ownClaimId,
  });
}

describe('requiredClaimDocuments: the checklist the phone and the server both read', () => {
  it('reads the 30% partial JHT as housing and a JKK on the way to work as a road accident', () => {
    expect(documentCauseOf({ type: 'JHT_PARTIAL', percent: 30 })).toBe('HOUSING');
    expect(documentCauseOf({ type: 'JHT_PARTIAL', percent: 10 })).toBeUndefined();
    expect(documentCauseOf({ type: 'JKK', onTheWayToWork: true })).toBe('ROAD_ACCIDENT');
    expect(documentCauseOf({ type: 'JHT_FULL', cause: 'PHK' })).toBe('PHK');
    expect(requiredClaimDocuments({ type: 'JHT_PARTIAL', percent: 30 }).map((d) => d.id)).toContain('DOKUMEN_PERUMAHAN');
    expect(requiredClaimDocuments({ type: 'JKK', onTheWayToWork: true }).map((d) => d.id)).toContain('LAPORAN_POLISI');
    expect(requiredClaimDocuments({ type: 'JKK', onTheWayToWork: false }).map((d) => d.id)).not.toContain('LAPORAN_POLISI');
  });

  it('asks for NPWP only on a JHT claim above Rp50 juta', () => {
    expect(requiredClaimDocuments({ type: 'JHT_FULL', cause: 'PHK' }, 50_000_001).map((d) => d.id)).toContain('NPWP');
    expect(requiredClaimDocuments({ type: 'JHT_FULL', cause: 'PHK' }, 50_000_000).map((d) => d.id)).not.toContain('NPWP');
    expect(requiredClaimDocuments({ type: 'JHT_PARTIAL', percent: 10 }, 80_000_000).map((d) => d.id)).toContain('NPWP');
    // JKP and JKK are not paid from the JHT balance.
    expect(requiredClaimDocuments({ type: 'JKP' }, 80_000_000).map((d) => d.id)).not.toContain('NPWP');
    expect(requiredClaimDocuments({ type: 'JKK' }, 80_000_000).map((d) => d.id)).not.toContain('NPWP');
  });
});

describe('checkClaimDocuments', () => {
  it('passes when every required document has a complete page, and extra pages are fine', () => {
    expect(check([page('KTP'), page('KTP'), page('KK'), page('KPJ')], ['KTP', 'KK'])).toEqual({ ok: true });
  });

  it('names every missing document, by its Indonesian label, in checklist order', () => {
    expect(check([page('KTP')], ['KTP', 'KK', 'NPWP'])).toEqual({
      ok: false,
      code: 'DOCUMENTS_MISSING',
      documentIds: ['KK', 'NPWP'],
      message: 'Dokumen belum lengkap: Kartu Keluarga (KK), NPWP (NIK dapat dipakai sebagai NPWP). Foto dokumennya lalu kirim lagi.',
    });
  });

  it('refuses an unfinished page before looking for missing documents, naming it once', () => {
    const result = check([page('KK', { status: 'UPLOADING' }), page('KK', { status: 'UPLOADING' })], ['KTP', 'KK']);
    expect(result).toMatchObject({ ok: false, code: 'DOCUMENT_UNFINISHED', documentIds: ['KK'] });
    expect(!result.ok && result.message).toBe('Halaman dokumen Kartu Keluarga (KK) belum selesai terunggah. Tunggu sampai unggahan selesai, lalu kirim lagi.');
  });

  it.each([
    ['refused by the type check', { status: 'REFUSED' as const }],
    ['unfinished past its expiry', { status: 'UPLOADING' as const, expired: true }],
    ['of another draft', { draftId: OTHER_DRAFT }],
    ['named by another claim', { claimId: 7 }],
  ])('refuses a page %s as not found, naming its document', (_label, changes) => {
    expect(check([page('KTP'), page('KK', changes)], ['KTP', 'KK'])).toMatchObject({ ok: false, code: 'DOCUMENT_NOT_FOUND', documentIds: ['KK'], message: expect.stringContaining('Kartu Keluarga (KK)') });
  });

  it('refuses an id it has no page for without naming anything, ahead of an unfinished page', () => {
    const unfinished = page('KK', { status: 'UPLOADING' });
    expect(check([unfinished], ['KK'], { named: [unfinished.uploadId, 'ffffffff-ffff-4fff-8fff-ffffffffffff'] })).toEqual({
      ok: false,
      code: 'DOCUMENT_NOT_FOUND',
      documentIds: [],
      message: 'Ada halaman dokumen yang tidak dikenali server. Foto ulang dokumennya lalu kirim lagi.',
    });
  });

  it('lets a claim name its own pages again, and pages of any draft when no draft is given (a correction)', () => {
    expect(check([page('KK', { claimId: 7 })], ['KK'], { ownClaimId: 7 })).toEqual({ ok: true });
    expect(check([page('KK', { draftId: OTHER_DRAFT })], ['KK'], { draftId: undefined })).toEqual({ ok: true });
  });

  it('with nothing required and nothing named, passes', () => {
    expect(check([], [])).toEqual({ ok: true });
  });
});
