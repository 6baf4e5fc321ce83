import { describe, expect, it } from 'vitest';
import { assessClaim } from '../../../../shared/claims/claim-eligibility.ts';
import { claimFactsFrom, type ClaimFactRows } from '../../../../shared/claims/claim-facts.ts';
import type { ClaimSubmitArgs } from '../../../../shared/claims/claim-schemas.ts';
import { addMonths, periodOf } from '../../../../shared/rules/dates.ts';

// Every rule assessClaim decides (DOMAIN.md §3, §4 and offline rules 2–7), each at its boundary,
// read through claimFactsFrom so the rows look like what the phone and the server store.

const KPJ = '99123456789';
const OTHER_KPJ = '99100000002';
const TODAY = '2026-11-25';
const PHK_DATE = '2026-09-25';

/** `count` consecutive monthly contributions ending with the month `last`. */
const paidMonths = (last: string, count: number, status = 'PAID'): ClaimFactRows['contributions'] =>
  Array.from({ length: count }, (_, i) => ({ period: periodOf(addMonths(`${last}-01`, i - count + 1)), status }));

/** A PHK'd worker: non-active since 25 Sep 2026, 24 paid months up to the PHK month, balance within the JMO limit. */
const rows = (changes: Partial<ClaimFactRows> = {}): ClaimFactRows => ({
  membership: { kpj: KPJ, status: 'NONACTIVE', startDate: '2021-03-01', endDate: PHK_DATE, endReason: 'PHK', segment: 'PU', reportedWage: 3_500_000 },
  person: { birthDate: '1995-01-27', faceVerified: true, dataUpdated: true },
  jhtBalance: 13_856_766,
  contributions: paidMonths('2026-09', 24),
  cardStartDates: ['2021-03-01', '2014-02-01'],
  claims: [],
  ...changes,
});
const membership = (changes: Partial<ClaimFactRows['membership']>): Pick<ClaimFactRows, 'membership'> => ({ membership: { ...rows().membership, ...changes } });
const person = (changes: Partial<ClaimFactRows['person']>): Pick<ClaimFactRows, 'person'> => ({ person: { ...rows().person, ...changes } });

const common = { draftId: '7d8e2f4a-1b3c-4d5e-8f90-123456789abc', kpj: KPJ, documentsConfirmed: [], documents: [] };
const bankAccount = { bankCode: '002', number: '1234567890', holderName: 'Siti Rahayu' };
type Cause = Extract<ClaimSubmitArgs, { type: 'JHT_FULL' }>['cause'];
const jhtFull = (cause: Cause = 'PHK'): ClaimSubmitArgs => ({ ...common, type: 'JHT_FULL', cause, bankAccount });
const jhtPartial = (percent: 10 | 30 = 10): ClaimSubmitArgs => ({ ...common, type: 'JHT_PARTIAL', percent, bankAccount });
const jkp = (): ClaimSubmitArgs => ({ ...common, type: 'JKP', bankAccount, willingToWork: true });
const jkk = (accidentDate: string): ClaimSubmitArgs => ({
  ...common,
  type: 'JKK',
  accidentDate,
  accidentTime: '08:30',
  place: 'Gudang PT Maju, Cikarang',
  description: 'Terjatuh dari tangga saat menurunkan barang di gudang.',
  onTheWayToWork: false,
  facilityId: 'RS Siloam Cikarang',
});

const refused = (code: string) => ({ eligible: false, code });
const allowed = (outcome: Record<string, unknown> = {}) => ({ eligible: true, ...outcome });

type Row = [type: ClaimSubmitArgs['type'], rule: string, title: string, args: ClaimSubmitArgs, rows: Partial<ClaimFactRows>, today: string, expected: object];

const JHT_FULL: Row[] = [
  ['JHT_FULL', 'PHK: 1-month waiting period', 'the day before the month is up', jhtFull('PHK'), {}, '2026-10-24', refused('WAITING_PERIOD')],
  ['JHT_FULL', 'PHK: 1-month waiting period', 'the day the month is up', jhtFull('PHK'), {}, '2026-10-25', allowed({ program: 'JHT', requestedAmount: 13_856_766 })],
  ['JHT_FULL', 'resignation: 1-month waiting period', 'the day before the month is up', jhtFull('RESIGN'), membership({ endReason: 'RESIGN' }), '2026-10-24', refused('WAITING_PERIOD')],
  ['JHT_FULL', 'resignation: 1-month waiting period', 'the day the month is up', jhtFull('RESIGN'), membership({ endReason: 'RESIGN' }), '2026-10-25', allowed()],
  ['JHT_FULL', 'PKWT ended: treated like leaving work', 'a month after the contract ended', jhtFull('PKWT_END'), membership({ endReason: 'PKWT_END' }), TODAY, allowed()],
  ['JHT_FULL', 'BPU stopped working', 'a month after stopping', jhtFull('BPU_STOP'), membership({ endReason: 'BPU_STOP', segment: 'BPU' }), TODAY, allowed()],
  ['JHT_FULL', 'leaving work needs a non-active membership', 'the employer has not reported the PHK', jhtFull('PHK'), membership({ status: 'ACTIVE', endDate: null, endReason: null }), TODAY, refused('MEMBERSHIP_STILL_ACTIVE')],
  ['JHT_FULL', 'leaving work needs a non-active membership', 'a BPU card in arrears is not non-active', jhtFull('BPU_STOP'), membership({ status: 'LAPSED', segment: 'BPU', endReason: 'BPU_STOP' }), TODAY, refused('MEMBERSHIP_STILL_ACTIVE')],
  ['JHT_FULL', 'leaving work needs a recorded end date and reason', 'non-active without an end date', jhtFull('PHK'), membership({ endDate: null }), TODAY, refused('END_NOT_RECORDED')],
  ['JHT_FULL', 'the cause picked must be the end reason recorded', 'PHK picked, resignation recorded', jhtFull('PHK'), membership({ endReason: 'RESIGN' }), TODAY, refused('END_REASON_MISMATCH')],
  ['JHT_FULL', 'retirement age 56', 'the day before the 56th birthday', jhtFull('RETIREMENT_AGE'), { ...membership({ status: 'ACTIVE', endDate: null, endReason: null }), ...person({ birthDate: '1970-11-26' }) }, TODAY, refused('AGE_NOT_REACHED')],
  ['JHT_FULL', 'retirement age 56', 'on the 56th birthday, even while still active', jhtFull('RETIREMENT_AGE'), { ...membership({ status: 'ACTIVE', endDate: null, endReason: null }), ...person({ birthDate: '1970-11-25' }) }, TODAY, allowed()],
  ['JHT_FULL', 'total permanent disability (documents prove it later)', 'while the card is still active', jhtFull('DISABILITY'), membership({ status: 'ACTIVE', endDate: null, endReason: null }), TODAY, allowed()],
  ['JHT_FULL', 'total permanent disability (documents prove it later)', 'with a Rp0 balance', jhtFull('DISABILITY'), { ...membership({ status: 'ACTIVE', endDate: null, endReason: null }), jhtBalance: 0 }, TODAY, refused('NO_BALANCE')],
  ['JHT_FULL', 'leaving Indonesia for good (before or after departure)', 'while the card is still active', jhtFull('EMIGRATION'), membership({ status: 'ACTIVE', endDate: null, endReason: null }), TODAY, allowed()],
  ['JHT_FULL', 'leaving Indonesia for good (before or after departure)', 'with no balance on record', jhtFull('EMIGRATION'), { jhtBalance: null }, TODAY, refused('NO_BALANCE')],
  ['JHT_FULL', 'there must be a balance to pay', 'Rp0', jhtFull('PHK'), { jhtBalance: 0 }, TODAY, refused('NO_BALANCE')],
  ['JHT_FULL', 'there must be a balance to pay', 'Rp1', jhtFull('PHK'), { jhtBalance: 1 }, TODAY, allowed({ requestedAmount: 1 })],
  ['JHT_FULL', 'JMO channel: balance within Rp15 juta', 'exactly at the limit', jhtFull('PHK'), { jhtBalance: 15_000_000 }, TODAY, allowed({ channel: 'JMO', channelDecision: { channel: 'JMO', limit: 15_000_000, gaps: [] } })],
  ['JHT_FULL', 'JMO channel: balance within Rp15 juta', 'Rp1 above the limit goes to Lapak Asik', jhtFull('PHK'), { jhtBalance: 15_000_001 }, TODAY, allowed({ channel: 'LAPAK_ASIK', channelDecision: { channel: 'LAPAK_ASIK', limit: 15_000_000, gaps: ['ABOVE_LIMIT'] } })],
  ['JHT_FULL', 'JMO channel: face match on record', 'no face match goes to Lapak Asik', jhtFull('PHK'), person({ faceVerified: false }), TODAY, allowed({ channel: 'LAPAK_ASIK', channelDecision: { gaps: ['FACE_NOT_VERIFIED'] } })],
  ['JHT_FULL', 'JMO channel: Pengkinian Data on record', 'no data update goes to Lapak Asik', jhtFull('PHK'), person({ dataUpdated: false }), TODAY, allowed({ channel: 'LAPAK_ASIK', channelDecision: { gaps: ['DATA_NOT_UPDATED'] } })],
  ['JHT_FULL', 'lump-sum tax: 5% above Rp50 juta', 'exactly Rp50 juta is untaxed', jhtFull('PHK'), { jhtBalance: 50_000_000 }, TODAY, allowed({ channel: 'LAPAK_ASIK', tax: 0 })],
  ['JHT_FULL', 'lump-sum tax: 5% above Rp50 juta', 'Rp100 above pays Rp5', jhtFull('PHK'), { jhtBalance: 50_000_100 }, TODAY, allowed({ tax: 5 })],
  ['JHT_FULL', 'a claim in process blocks another', 'a JHT claim being verified on this card', jhtFull('PHK'), { claims: [{ kpj: KPJ, type: 'JHT_PARTIAL', status: 'VERIFYING' }] }, TODAY, refused('CLAIM_IN_PROCESS')],
  ['JHT_FULL', 'a claim in process blocks another', 'a paid JHT claim is finished', jhtFull('PHK'), { claims: [{ kpj: KPJ, type: 'JHT_PARTIAL', status: 'PAID' }] }, TODAY, allowed()],
];

const JHT_PARTIAL: Row[] = [
  ['JHT_PARTIAL', '10 years of membership, from the earliest card', 'one day short of 10 years', jhtPartial(10), { cardStartDates: ['2016-11-26'] }, TODAY, refused('MEMBERSHIP_TOO_SHORT')],
  ['JHT_PARTIAL', '10 years of membership, from the earliest card', 'exactly 10 years, counted from an older card', jhtPartial(10), { cardStartDates: ['2016-11-25'] }, TODAY, allowed({ program: 'JHT', channel: 'LAPAK_ASIK' })],
  ['JHT_PARTIAL', '10% or 30% of the balance', '10%, rounded half up', jhtPartial(10), {}, TODAY, allowed({ requestedAmount: 1_385_677, tax: null })],
  ['JHT_PARTIAL', '10% or 30% of the balance', '30%, rounded half up', jhtPartial(30), {}, TODAY, allowed({ requestedAmount: 4_157_030, tax: null })],
  ['JHT_PARTIAL', 'once in a lifetime', 'a paid partial claim on another card', jhtPartial(30), { claims: [{ kpj: OTHER_KPJ, type: 'JHT_PARTIAL', status: 'PAID' }] }, TODAY, refused('PARTIAL_ALREADY_USED')],
  ['JHT_PARTIAL', 'once in a lifetime', 'a refused partial claim does not count', jhtPartial(30), { claims: [{ kpj: OTHER_KPJ, type: 'JHT_PARTIAL', status: 'REJECTED' }] }, TODAY, allowed()],
  ['JHT_PARTIAL', 'there must be a balance to pay', 'Rp0', jhtPartial(10), { jhtBalance: 0 }, TODAY, refused('NO_BALANCE')],
  ['JHT_PARTIAL', 'a claim in process blocks another', 'a full JHT claim submitted on this card', jhtPartial(10), { claims: [{ kpj: KPJ, type: 'JHT_FULL', status: 'SUBMITTED' }] }, TODAY, refused('CLAIM_IN_PROCESS')],
  ['JHT_PARTIAL', 'a claim in process blocks another', 'a JKK claim in process is another program', jhtPartial(10), { claims: [{ kpj: KPJ, type: 'JKK', status: 'SUBMITTED' }] }, TODAY, allowed()],
];

const JKP: Row[] = [
  ['JKP', 'PHK only', 'resignation', jkp(), membership({ endReason: 'RESIGN' }), TODAY, refused('JKP_NOT_PHK')],
  ['JKP', 'PHK only', 'a PKWT ending on schedule', jkp(), membership({ endReason: 'PKWT_END' }), TODAY, refused('JKP_NOT_PHK')],
  ['JKP', 'PHK only', 'PHK', jkp(), {}, TODAY, allowed({ program: 'JKP', channel: 'SIAPKERJA' })],
  ['JKP', 'claim within 6 months of PHK', 'the last day', jkp(), {}, '2027-03-25', allowed()],
  ['JKP', 'claim within 6 months of PHK', 'the day after', jkp(), {}, '2027-03-26', refused('JKP_DEADLINE_PASSED')],
  ['JKP', '12 paid months within the 24 before PHK', '11 in the window, one month just outside it', jkp(), { contributions: [...paidMonths('2026-09', 11), ...paidMonths('2024-09', 1)] }, TODAY, refused('JKP_TOO_FEW_MONTHS')],
  ['JKP', '12 paid months within the 24 before PHK', '12, the oldest at the window edge', jkp(), { contributions: [...paidMonths('2026-09', 11), ...paidMonths('2024-10', 1)] }, TODAY, allowed()],
  ['JKP', '6 consecutive months up to PHK', '5 in a row before an unpaid PHK month', jkp(), { contributions: [...paidMonths('2026-02', 12), ...paidMonths('2026-08', 5)] }, TODAY, refused('JKP_NOT_CONSECUTIVE')],
  ['JKP', '6 consecutive months up to PHK', '6 in a row ending the month before PHK', jkp(), { contributions: [...paidMonths('2026-01', 12), ...paidMonths('2026-08', 6)] }, TODAY, allowed()],
  ['JKP', 'benefit 60% of wage × 6, wage capped at Rp5 juta', 'wage below the cap', jkp(), {}, TODAY, allowed({ requestedAmount: 12_600_000, tax: null })],
  ['JKP', 'benefit 60% of wage × 6, wage capped at Rp5 juta', 'wage at the cap', jkp(), membership({ reportedWage: 5_000_000 }), TODAY, allowed({ requestedAmount: 18_000_000 })],
  ['JKP', 'benefit 60% of wage × 6, wage capped at Rp5 juta', 'wage above the cap', jkp(), membership({ reportedWage: 6_000_000 }), TODAY, allowed({ requestedAmount: 18_000_000 })],
  ['JKP', 'a claim in process blocks another', 'a JKP claim returned for correction', jkp(), { claims: [{ kpj: KPJ, type: 'JKP', status: 'RETURNED' }] }, TODAY, refused('CLAIM_IN_PROCESS')],
  ['JKP', 'a claim in process blocks another', 'a JHT claim in process is another program', jkp(), { claims: [{ kpj: KPJ, type: 'JHT_FULL', status: 'VERIFYING' }] }, TODAY, allowed()],
];

const ACTIVE_CARD = membership({ status: 'ACTIVE', endDate: null, endReason: null });
const JKK: Row[] = [
  ['JKK', 'the accident cannot be in the future', 'tomorrow', jkk('2026-11-26'), ACTIVE_CARD, TODAY, refused('JKK_DATE_IN_FUTURE')],
  ['JKK', 'the accident cannot be in the future', 'today', jkk(TODAY), ACTIVE_CARD, TODAY, allowed({ program: 'JKK', channel: 'BRANCH', requestedAmount: 0 })],
  ['JKK', 'the card covered the accident date', 'the day before the card started', jkk('2021-02-28'), ACTIVE_CARD, TODAY, refused('JKK_NOT_COVERED')],
  ['JKK', 'the card covered the accident date', 'the day the card started', jkk('2021-03-01'), ACTIVE_CARD, TODAY, allowed()],
  ['JKK', 'the card covered the accident date', 'the card’s last day', jkk(PHK_DATE), {}, TODAY, allowed()],
  ['JKK', 'the card covered the accident date', 'the day after the card ended', jkk('2026-09-26'), {}, TODAY, refused('JKK_NOT_COVERED')],
  ['JKK', 'a claim in process does not block an accident report', 'another accident already reported', jkk(TODAY), { ...ACTIVE_CARD, claims: [{ kpj: KPJ, type: 'JKK', status: 'SUBMITTED' }] }, TODAY, allowed()],
];

describe('assessClaim: every claim type against every rule it decides', () => {
  it.each<Row>([...JHT_FULL, ...JHT_PARTIAL, ...JKP, ...JKK])('%s · %s · %s', (type, _rule, _title, args, changes, today, expected) => {
    expect(args.type).toBe(type);
    expect(assessClaim(args, claimFactsFrom(rows(changes), type), today)).toMatchObject(expected);
  });
});
