import { describe, expect, it } from 'vitest';
import { claimFactsFrom, type ClaimFactRows } from '../../../../shared/claims/claim-facts.ts';
import type { ClaimType } from '../../../../shared/claims/claim-schemas.ts';

const KPJ = '99123456789';
const OTHER_KPJ = '99100000002';

const rows = (changes: Partial<ClaimFactRows> = {}): ClaimFactRows => ({
  membership: { kpj: KPJ, status: 'NONACTIVE', startDate: '2021-03-01', endDate: '2026-09-25', endReason: 'PHK', segment: 'PU', reportedWage: 3_500_000 },
  person: { birthDate: '1995-01-27', faceVerified: true, dataUpdated: false },
  jhtBalance: 13_856_766,
  contributions: [
    { period: '2026-07', status: 'PAID' },
    { period: '2026-08', status: 'LATE' },
    { period: '2026-09', status: 'UNPAID' },
  ],
  cardStartDates: ['2021-03-01', '2014-02-01'],
  claims: [],
  ...changes,
});

describe('claimFactsFrom: the rows the phone and the server both hold', () => {
  it('reads a card, its person and its money the same way on both sides', () => {
    expect(claimFactsFrom(rows(), 'JHT_FULL')).toEqual({
      membership: { kpj: KPJ, status: 'NONACTIVE', startDate: '2021-03-01', endDate: '2026-09-25', endReason: 'PHK', segment: 'PU', reportedWage: 3_500_000 },
      birthDate: '1995-01-27',
      jhtBalance: 13_856_766,
      paidPeriods: ['2026-07', '2026-08'],
      earliestStartDate: '2014-02-01',
      hasUsedPartial: false,
      hasClaimInProcess: false,
      faceVerified: true,
      dataUpdated: false,
    });
  });

  it('counts a missing balance as Rp0', () => {
    expect(claimFactsFrom(rows({ jhtBalance: null }), 'JHT_FULL').jhtBalance).toBe(0);
  });

  type Case = [title: string, claims: ClaimFactRows['claims'], type: ClaimType, expected: { hasUsedPartial: boolean; hasClaimInProcess: boolean }];
  it.each<Case>([
    ['no claims', [], 'JHT_FULL', { hasUsedPartial: false, hasClaimInProcess: false }],
    ['a JHT claim being verified on this card blocks another JHT claim', [{ kpj: KPJ, type: 'JHT_FULL', status: 'VERIFYING' }], 'JHT_FULL', { hasUsedPartial: false, hasClaimInProcess: true }],
    ['a returned JHT claim is still in process', [{ kpj: KPJ, type: 'JHT_FULL', status: 'RETURNED' }], 'JHT_PARTIAL', { hasUsedPartial: false, hasClaimInProcess: true }],
    ['a JHT claim in process does not block JKP', [{ kpj: KPJ, type: 'JHT_FULL', status: 'SUBMITTED' }], 'JKP', { hasUsedPartial: false, hasClaimInProcess: false }],
    ['a claim on another card does not block this card', [{ kpj: OTHER_KPJ, type: 'JHT_FULL', status: 'SUBMITTED' }], 'JHT_FULL', { hasUsedPartial: false, hasClaimInProcess: false }],
    ['a paid claim is finished', [{ kpj: KPJ, type: 'JHT_FULL', status: 'PAID' }], 'JHT_FULL', { hasUsedPartial: false, hasClaimInProcess: false }],
    ['a paid partial claim on any card uses up the partial claim', [{ kpj: OTHER_KPJ, type: 'JHT_PARTIAL', status: 'PAID' }], 'JHT_PARTIAL', { hasUsedPartial: true, hasClaimInProcess: false }],
    ['a refused partial claim does not use it up', [{ kpj: KPJ, type: 'JHT_PARTIAL', status: 'REJECTED' }], 'JHT_PARTIAL', { hasUsedPartial: false, hasClaimInProcess: false }],
    ['a cancelled partial claim does not use it up', [{ kpj: KPJ, type: 'JHT_PARTIAL', status: 'CANCELLED' }], 'JHT_PARTIAL', { hasUsedPartial: false, hasClaimInProcess: false }],
  ])('%s', (_title, claims, type, expected) => {
    expect(claimFactsFrom(rows({ claims }), type)).toMatchObject(expected);
  });
});
