import { describe, expect, it } from 'vitest';
import { buildClaimArgs, documentCauseOf, documentsFor, documentsWithPages, validateStep, type ClaimDraftData } from '../../../../client/features/claims/claim-draft-model.ts';

const draftId = '8c2f4a8e-1d7b-4c1e-9c55-0f3f5d2b7a11';
const jhtFull: ClaimDraftData = {
  type: 'JHT_FULL',
  kpj: '99123456789',
  cause: 'PHK',
  bankAccount: { bankCode: '002', number: '1234 5678 9012', holderName: 'Dewi Lestari' },
  documentsConfirmed: ['KTP', 'KK', 'KPJ', 'BUKU_TABUNGAN', 'BUKTI_PHK'],
};

describe('claim draft steps', () => {
  it('asks for a card, a reason and a bank account in plain Indonesian', () => {
    expect(validateStep('card', { type: 'JHT_FULL' })).toEqual({ kpj: 'Pilih kartu peserta.' });
    expect(validateStep('cause', { type: 'JHT_FULL' })).toEqual({ cause: 'Pilih sebab klaim.' });
    expect(validateStep('bank', { type: 'JHT_FULL', bankAccount: { bankCode: '002', number: '12', holderName: 'Dewi' } })).toEqual({
      'bankAccount.number': 'Nomor rekening harus 6 sampai 20 angka.',
    });
  });

  it('requires a photographed page of every listed document, including the PHK proof for a lay-off, and names what is missing', () => {
    const page = (documentId: string, n = 0) => ({ id: `${documentId}-${n}`, documentId });
    const base = ['KTP', 'KK', 'KPJ', 'BUKU_TABUNGAN'].map((id) => page(id));
    // Ticks alone no longer count: the step reads the pages.
    expect(validateStep('documents', jhtFull, 'id', { pages: base }).documents).toBe(
      'Foto belum ada untuk: Bukti PHK (surat PHK, perjanjian bersama, atau putusan pengadilan). Setiap dokumen perlu minimal 1 halaman.',
    );
    expect(validateStep('documents', jhtFull, 'id', { pages: [...base, page('BUKTI_PHK'), page('BUKTI_PHK', 1)] })).toEqual({});
    expect(validateStep('documents', jhtFull, 'id').documents).toContain('KTP elektronik');
    expect(validateStep('documents', jhtFull, 'en', { pages: base.slice(1) }).documents).toMatch(/^No photo yet of: Electronic ID card/);
  });

  it('asks for NPWP above Rp50 juta on the chosen card, and records only documents that have pages', () => {
    const pages = ['KTP', 'KK', 'KPJ', 'BUKU_TABUNGAN', 'BUKTI_PHK', 'SURAT_BERHENTI'].map((documentId) => ({ id: documentId, documentId }));
    expect(validateStep('documents', jhtFull, 'id', { pages, balance: 50_000_000 })).toEqual({});
    expect(validateStep('documents', jhtFull, 'id', { pages, balance: 50_000_001 }).documents).toContain('NPWP');
    // SURAT_BERHENTI belongs to a resignation, not this lay-off: it is not recorded as confirmed.
    expect(documentsWithPages(jhtFull, { pages })).toEqual(['KTP', 'KK', 'KPJ', 'BUKU_TABUNGAN', 'BUKTI_PHK']);
  });

  it('keeps a page the server refused from passing the step until it is retaken', () => {
    const pages = ['KTP', 'KK', 'KPJ', 'BUKU_TABUNGAN', 'BUKTI_PHK'].map((documentId) => ({ id: documentId, documentId }));
    const refused = { ...jhtFull, refusedPage: { pageId: 'KTP', message: 'Jenis berkas tidak diterima.' } };
    expect(validateStep('documents', refused, 'id', { pages }).documents).toMatch(/ditolak/);
    expect(validateStep('documents', refused, 'id', { pages: pages.map((page) => (page.id === 'KTP' ? { ...page, id: 'KTP-new' } : page)) })).toEqual({});
  });

  it('reads the cause as the checklist does: housing for 30 %, a police report for a road accident', () => {
    expect(documentCauseOf({ type: 'JHT_PARTIAL', percent: 30 })).toBe('HOUSING');
    expect(documentCauseOf({ type: 'JHT_PARTIAL', percent: 10 })).toBeUndefined();
    expect(documentsFor({ type: 'JKK', onTheWayToWork: true }).map((doc) => doc.id)).toContain('LAPORAN_POLISI');
    expect(documentsFor({ type: 'JKK', onTheWayToWork: false }).map((doc) => doc.id)).not.toContain('LAPORAN_POLISI');
  });

  it('checks the accident story with the server’s own schema', () => {
    const errors = validateStep('accident', { type: 'JKK', accidentDate: '2026-11-31', accidentTime: '25:00', place: 'Gd', description: 'jatuh' });
    expect(Object.keys(errors).sort()).toEqual(['accidentDate', 'accidentTime', 'description', 'place']);
  });
});

describe('buildClaimArgs', () => {
  it('builds the claim.submit arguments with the draft id and normalised account number', () => {
    const built = buildClaimArgs(draftId, jhtFull);
    expect(built).toMatchObject({ ok: true, args: { draftId, type: 'JHT_FULL', bankAccount: { number: '123456789012' }, documents: [] } });
  });

  it('refuses an incomplete draft instead of sending it', () => {
    expect(buildClaimArgs(draftId, { type: 'JHT_PARTIAL', kpj: '99123456789' }).ok).toBe(false);
  });
});

const VALIDATOR_INTERNALS = /Invalid|Expected|received|undefined/;

describe('claim step messages a participant reads', () => {
  it('says in Indonesian what to fill when the bank step is left empty', () => {
    const errors = validateStep('bank', { type: 'JHT_FULL' });
    expect(Object.keys(errors).sort()).toEqual(['bankAccount.bankCode', 'bankAccount.holderName', 'bankAccount.number']);
    for (const message of Object.values(errors)) expect(message).not.toMatch(VALIDATOR_INTERNALS);
    expect(errors['bankAccount.bankCode']).toBe('Pilih bank dari daftar.');
  });

  it('says in Indonesian what to fill when the accident step is left empty', () => {
    const errors = validateStep('accident', { type: 'JKK' });
    expect(Object.keys(errors).sort()).toEqual(['accidentDate', 'accidentTime', 'description', 'place']);
    for (const message of Object.values(errors)) expect(message).not.toMatch(VALIDATOR_INTERNALS);
  });

  it('speaks English when English is chosen', () => {
    const errors = validateStep('bank', { type: 'JHT_FULL', bankAccount: { bankCode: '002', number: '12', holderName: '' } }, 'en');
    expect(errors).toEqual({ 'bankAccount.number': 'Enter the account number: 6 to 20 digits.', 'bankAccount.holderName': 'Enter the account holder’s name, as in your savings book.' });
    expect(validateStep('card', { type: 'JHT_FULL' }, 'en')).toEqual({ kpj: 'Choose a participant card.' });
  });
});
