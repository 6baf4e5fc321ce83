import { describe, expect, it } from 'vitest';
import { programStatuses } from '../../../../client/features/home/program-status.ts';
import type { MembershipRecord } from '../../../../shared/sync/entities.ts';

const card = (overrides: Partial<MembershipRecord>): MembershipRecord => ({
  key: 'k',
  kpj: '99000000001',
  segment: 'PU',
  employerName: 'PT Contoh',
  programs: ['JHT', 'JKK', 'JKM', 'JP'],
  status: 'ACTIVE',
  startDate: '2019-03-01',
  endDate: null,
  endReason: null,
  reportedWage: 5_000_000,
  declaredIncome: null,
  cardToken: 't',
  ...overrides,
});

describe('programStatuses', () => {
  it('shows every program of an employee card active since the card started', () => {
    expect(programStatuses(card({}), '2026-10', '2026-11-25').map((s) => [s.program, s.isActive, s.since])).toEqual([
      ['JHT', true, '2019-03-01'],
      ['JKK', true, '2019-03-01'],
      ['JKM', true, '2019-03-01'],
      ['JP', true, '2019-03-01'],
    ]);
  });

  it('shows the programs of an ended card inactive since the day it ended', () => {
    const ended = card({ status: 'NONACTIVE', endDate: '2026-09-25', endReason: 'PHK' });
    expect(programStatuses(ended, '2026-09', '2026-11-25').every((s) => !s.isActive && s.since === '2026-09-25')).toBe(true);
  });

  it('keeps a BPU member covered through 3 unpaid months, then inactive from the first unpaid month', () => {
    const bpu = card({ segment: 'BPU', employerName: null, programs: ['JKK', 'JKM', 'JHT'], startDate: '2021-05-01' });
    expect(programStatuses(bpu, '2026-11', '2026-11-25')[0]).toMatchObject({ isActive: true, since: '2021-05-01', monthsOverdue: 0 });
    expect(programStatuses(bpu, '2026-09', '2026-11-25')[0]).toMatchObject({ isActive: true, monthsOverdue: 2 });
    expect(programStatuses(bpu, '2026-06', '2026-11-25')[0]).toMatchObject({ isActive: false, since: '2026-07-01' });
  });
});
