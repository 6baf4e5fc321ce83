import { describe, expect, it } from 'vitest';
import {
  jhtFullClaimPrecheck,
  jhtPartialPrecheck,
  jhtTaxLumpSum,
  jmoChannel,
  type MembershipFacts,
} from '../../../../shared/rules/jht-claims.ts';
import { requiredDocuments } from '../../../../shared/rules/claim-documents.ts';

const left: MembershipFacts = {
  kpj: '12345678901',
  status: 'NONACTIVE',
  startDate: '2019-08-01',
  endDate: '2026-11-12',
  endReason: 'RESIGN',
  segment: 'PU',
};
const birthDate = '1990-06-15';

describe('jhtFullClaimPrecheck: leaving work', () => {
  it('makes a resigned worker wait one month and names the first possible date', () => {
    expect(jhtFullClaimPrecheck({ membership: left, cause: 'RESIGN', birthDate, today: '2026-12-11' })).toEqual({
      eligible: false,
      code: 'WAITING_PERIOD',
      message: 'Masa tunggu 1 bulan sejak berhenti bekerja belum selesai. Anda bisa mengajukan mulai 12 Des 2026.',
    });
  });
  it('allows the claim on the day the month is over', () => {
    expect(jhtFullClaimPrecheck({ membership: left, cause: 'RESIGN', birthDate, today: '2026-12-12' })).toEqual({ eligible: true });
  });
  it('ends the waiting period of a 31 January PHK on 28 February', () => {
    const phk = { ...left, endReason: 'PHK' as const, endDate: '2027-01-31' };
    expect(jhtFullClaimPrecheck({ membership: phk, cause: 'PHK', birthDate, today: '2027-02-27' }).eligible).toBe(false);
    expect(jhtFullClaimPrecheck({ membership: phk, cause: 'PHK', birthDate, today: '2027-02-28' }).eligible).toBe(true);
  });
  it('refuses while the employer still reports the worker as active', () => {
    const r = jhtFullClaimPrecheck({ membership: { ...left, status: 'ACTIVE' }, cause: 'RESIGN', birthDate, today: '2027-06-01' });
    expect(r).toMatchObject({ eligible: false, code: 'MEMBERSHIP_STILL_ACTIVE' });
    expect(!r.eligible && r.message).toContain('12345678901');
  });
  it('requires a BPU member to be non-active, not merely lapsed', () => {
    const bpu: MembershipFacts = { ...left, segment: 'BPU', status: 'LAPSED', endReason: 'BPU_STOP' };
    expect(jhtFullClaimPrecheck({ membership: bpu, cause: 'BPU_STOP', birthDate, today: '2027-06-01' })).toMatchObject({ code: 'MEMBERSHIP_STILL_ACTIVE' });
    expect(jhtFullClaimPrecheck({ membership: { ...bpu, status: 'NONACTIVE' }, cause: 'BPU_STOP', birthDate, today: '2027-06-01' }).eligible).toBe(true);
  });
  it('refuses when the recorded end reason differs from the chosen cause', () => {
    const r = jhtFullClaimPrecheck({ membership: left, cause: 'PHK', birthDate, today: '2027-06-01' });
    expect(r).toEqual({
      eligible: false,
      code: 'END_REASON_MISMATCH',
      message: 'Alasan berhenti yang tercatat (mengundurkan diri) berbeda dengan sebab klaim yang dipilih (PHK).',
    });
  });
  it('refuses when no end date is recorded', () => {
    const r = jhtFullClaimPrecheck({ membership: { ...left, endDate: null }, cause: 'RESIGN', birthDate, today: '2027-06-01' });
    expect(r).toMatchObject({ code: 'END_NOT_RECORDED' });
  });
});

describe('jhtFullClaimPrecheck: other causes', () => {
  const active = { ...left, status: 'ACTIVE' as const, endDate: null, endReason: null };
  it('pays at age 56 even while still working', () => {
    expect(jhtFullClaimPrecheck({ membership: active, cause: 'RETIREMENT_AGE', birthDate: '1970-06-15', today: '2026-06-15' })).toEqual({ eligible: true });
  });
  it('names the age and the 56th birthday when too young', () => {
    expect(jhtFullClaimPrecheck({ membership: active, cause: 'RETIREMENT_AGE', birthDate: '1970-06-15', today: '2026-06-14' })).toEqual({
      eligible: false,
      code: 'AGE_NOT_REACHED',
      message: 'Klaim karena usia pensiun bisa diajukan pada usia 56 tahun; usia Anda sekarang 55 tahun. Anda bisa mengajukan mulai 15 Jun 2026.',
    });
  });
  it('accepts declared disability and emigration, left to documents to prove', () => {
    expect(jhtFullClaimPrecheck({ membership: active, cause: 'DISABILITY', birthDate, today: '2026-01-01' }).eligible).toBe(true);
    expect(jhtFullClaimPrecheck({ membership: active, cause: 'EMIGRATION', birthDate, today: '2026-01-01' }).eligible).toBe(true);
  });
});

describe('jmoChannel', () => {
  const ok = { faceVerified: true, dataUpdated: true };
  it('keeps balances up to Rp15,000,000 in JMO', () => {
    expect(jmoChannel(15_000_000, ok)).toEqual({ channel: 'JMO', limit: 15_000_000, gaps: [] });
    expect(jmoChannel(15_000_001, ok)).toEqual({ channel: 'LAPAK_ASIK', limit: 15_000_000, gaps: ['ABOVE_LIMIT'] });
  });
  it('sends people without face match or Pengkinian Data to Lapak Asik', () => {
    expect(jmoChannel(1_000_000, { faceVerified: false, dataUpdated: true })).toMatchObject({ channel: 'LAPAK_ASIK', gaps: ['FACE_NOT_VERIFIED'] });
    expect(jmoChannel(1_000_000, { faceVerified: true, dataUpdated: false })).toMatchObject({ channel: 'LAPAK_ASIK', gaps: ['DATA_NOT_UPDATED'] });
  });
});

describe('jhtPartialPrecheck', () => {
  const base = { earliestStartDate: '2016-11-12', today: '2026-11-12', hasUsedPartial: false, balance: 80_000_005 };
  it('pays 10% after exactly 10 years of membership', () => {
    expect(jhtPartialPrecheck({ ...base, percent: 10 })).toEqual({ eligible: true, amount: 8_000_001 });
  });
  it('pays 30% for housing', () => {
    expect(jhtPartialPrecheck({ ...base, percent: 30 })).toEqual({ eligible: true, amount: 24_000_002 });
  });
  it('names the membership length when it is under 10 years', () => {
    expect(jhtPartialPrecheck({ ...base, earliestStartDate: '2019-08-01', percent: 10 })).toEqual({
      eligible: false,
      code: 'MEMBERSHIP_TOO_SHORT',
      message: 'Klaim JHT sebagian hanya bisa setelah 10 tahun kepesertaan; kepesertaan Anda 7 tahun 3 bulan.',
    });
    const dayShort = jhtPartialPrecheck({ ...base, earliestStartDate: '2016-11-13', percent: 10 });
    expect(!dayShort.eligible && dayShort.message).toContain('9 tahun 11 bulan');
  });
  it('allows only one partial claim in a lifetime', () => {
    expect(jhtPartialPrecheck({ ...base, hasUsedPartial: true, percent: 10 })).toEqual({
      eligible: false,
      code: 'PARTIAL_ALREADY_USED',
      message: 'Klaim JHT sebagian hanya bisa sekali seumur hidup, dan Anda sudah pernah mengajukannya.',
    });
  });
  it('refuses an empty balance', () => {
    expect(jhtPartialPrecheck({ ...base, balance: 0, percent: 10 })).toMatchObject({ code: 'NO_BALANCE' });
  });
});

describe('jhtTaxLumpSum', () => {
  it('takes no tax up to Rp50,000,000', () => {
    expect(jhtTaxLumpSum(50_000_000)).toEqual({ tax: 0, net: 50_000_000 });
    expect(jhtTaxLumpSum(12_000_000)).toEqual({ tax: 0, net: 12_000_000 });
  });
  it('takes Rp500,000 from Rp60,000,000', () => {
    expect(jhtTaxLumpSum(60_000_000)).toEqual({ tax: 500_000, net: 59_500_000 });
  });
  it('rounds the 5% to whole rupiah', () => {
    expect(jhtTaxLumpSum(50_000_010)).toEqual({ tax: 1, net: 50_000_009 });
  });
});

describe('requiredDocuments', () => {
  const ids = (...args: Parameters<typeof requiredDocuments>) => requiredDocuments(...args).map((d) => d.id);
  it('always asks for KTP, KK, membership card and own savings book', () => {
    expect(ids('JHT_FULL', 'RETIREMENT_AGE')).toEqual(['KTP', 'KK', 'KPJ', 'BUKU_TABUNGAN']);
  });
  it('adds the resignation letter or PHK proof by cause', () => {
    expect(ids('JHT_FULL', 'RESIGN')).toContain('SURAT_BERHENTI');
    expect(ids('JHT_FULL', 'PHK')).toContain('BUKTI_PHK');
    expect(ids('JHT_FULL', 'EMIGRATION')).toEqual(expect.arrayContaining(['PASPOR', 'PERNYATAAN_TIDAK_BEKERJA_DI_INDONESIA']));
  });
  it('adds NPWP only when the balance is above Rp50,000,000', () => {
    expect(ids('JHT_FULL', 'RESIGN', { balance: 50_000_000 })).not.toContain('NPWP');
    expect(ids('JHT_FULL', 'RESIGN', { balance: 50_000_001 })).toContain('NPWP');
  });
  it('asks JKP claimants for PHK proof and a SIAPkerja account', () => {
    expect(ids('JKP')).toEqual(expect.arrayContaining(['BUKTI_PHK', 'AKUN_SIAPKERJA']));
  });
  it('asks JKK claimants for the stage I report, doctor\u2019s statement and chronology', () => {
    expect(ids('JKK')).toEqual(['KTP', 'KK', 'KPJ', 'BUKU_TABUNGAN', 'LAPORAN_TAHAP_I', 'SURAT_DOKTER', 'KRONOLOGI']);
    expect(ids('JKK', 'ROAD_ACCIDENT')).toContain('LAPORAN_POLISI');
  });
  it('labels every document in both languages', () => {
    for (const d of requiredDocuments('JHT_FULL', 'DEATH', { balance: 1e9 })) {
      expect(d.label.id.length).toBeGreaterThan(3);
      expect(d.label.en.length).toBeGreaterThan(3);
    }
  });
});
