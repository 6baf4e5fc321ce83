import { describe, expect, it } from 'vitest';
import { claimOutlook } from '../../../../shared/claims/claim-outlook.ts';
import type { ClaimFacts } from '../../../../shared/claims/claim-eligibility.ts';

const today = '2026-11-25';
const paidMonths = (from: string, count: number) => Array.from({ length: count }, (_, i) => { const d = new Date(`${from}-01T00:00:00Z`); d.setUTCMonth(d.getUTCMonth() + i); return d.toISOString().slice(0, 7); });

const facts = ({ membership, ...changes }: Partial<Omit<ClaimFacts, 'membership'>> & { membership?: Partial<ClaimFacts['membership']> } = {}): ClaimFacts => ({
  birthDate: '1995-01-27',
  jhtBalance: 13_856_766,
  paidPeriods: paidMonths('2021-03', 66),
  earliestStartDate: '2021-03-01',
  hasUsedPartial: false,
  hasClaimInProcess: false,
  faceVerified: true,
  dataUpdated: true,
  ...changes,
  membership: { kpj: '99123456789', status: 'NONACTIVE', startDate: '2021-03-01', endDate: '2026-09-25', endReason: 'PHK', segment: 'PU', reportedWage: 3_500_000, ...membership },
});

describe('claimOutlook at the start of the claim wizard', () => {
  it('lets a participant laid off two months ago claim the full JHT in the app', () => {
    expect(claimOutlook('JHT_FULL', facts(), today)).toEqual({ eligible: true, estimate: 13_856_766, channel: { channel: 'JMO', limit: 15_000_000, gaps: [] } });
  });

  it('names the day the one-month waiting period ends', () => {
    const outlook = claimOutlook('JHT_FULL', facts({ membership: { endDate: '2026-11-12' } }), today);
    expect(outlook.eligible).toBe(false);
    expect(!outlook.eligible && outlook.problems[0]).toMatchObject({ code: 'WAITING_PERIOD', message: expect.stringContaining('mulai 12 Des 2026') });
  });

  it('tells someone still working both why and when the retirement-age claim opens', () => {
    const outlook = claimOutlook('JHT_FULL', facts({ birthDate: '1971-01-25', membership: { status: 'ACTIVE', endDate: null, endReason: null } }), today);
    expect(!outlook.eligible && outlook.problems.map((p) => p.code)).toEqual(['MEMBERSHIP_STILL_ACTIVE', 'AGE_NOT_REACHED']);
    expect(!outlook.eligible && outlook.problems[1]!.message).toContain('mulai 25 Jan 2027');
  });

  it('routes a balance above the limit to Lapak Asik and says why', () => {
    const outlook = claimOutlook('JHT_FULL', facts({ jhtBalance: 20_000_000, faceVerified: false }), today);
    expect(outlook).toMatchObject({ eligible: true, channel: { channel: 'LAPAK_ASIK', gaps: ['ABOVE_LIMIT', 'FACE_NOT_VERIFIED'] } });
  });

  it('refuses a partial claim before 10 years of membership, naming the length', () => {
    const outlook = claimOutlook('JHT_PARTIAL', facts({ membership: { status: 'ACTIVE', endDate: null, endReason: null } }), today);
    expect(outlook).toMatchObject({ eligible: false, problems: [{ code: 'MEMBERSHIP_TOO_SHORT', message: expect.stringContaining('5 tahun') }] });
  });

  it('estimates six months of JKP after a lay-off', () => {
    expect(claimOutlook('JKP', facts(), today)).toEqual({ eligible: true, estimate: 12_600_000, channel: null });
  });

  it('says a claim already in process blocks a second one', () => {
    expect(claimOutlook('JHT_FULL', facts({ hasClaimInProcess: true }), today)).toMatchObject({ eligible: false, problems: [{ code: 'CLAIM_IN_PROCESS' }] });
  });

  it('always lets a work accident be reported on a covered card', () => {
    expect(claimOutlook('JKK', facts(), today)).toMatchObject({ eligible: true });
  });
});
