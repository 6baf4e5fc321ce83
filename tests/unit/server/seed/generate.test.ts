import { describe, expect, it } from 'vitest';
import { planSeed } from '../../../../server/seed/generate.ts';
import { nikMatchesPerson, parseNik } from '../../../../shared/ids/nik.ts';
import { addMonths, ageOn, membershipDuration } from '../../../../shared/rules/dates.ts';

const today = '2026-11-25';
const plan = planSeed(today, 150);
const person = (key: string) => plan.people.find((p) => p.demoKey === key)!;

describe('the demo data generator', () => {
  it('makes the same people on every run', () => {
    expect(planSeed(today, 150)).toEqual(plan);
  });

  it('gives every participant a well-formed NIK matching their birth date and sex, with a fictitious 9xxx serial', () => {
    for (const p of plan.people) {
      expect(parseNik(p.nik, today).ok).toBe(true);
      expect(nikMatchesPerson(p.nik, p.birthDate, p.sex, today)).toBe(true);
      expect(p.nik.slice(12, 13)).toBe('9');
    }
    expect(new Set(plan.people.map((p) => p.nik)).size).toBe(plan.people.length);
  });

  it('numbers every card with a unique 11-digit KPJ starting 99', () => {
    const kpjs = plan.people.flatMap((p) => p.memberships.map((m) => m.kpj));
    expect(kpjs.every((kpj) => /^99\d{9}$/.test(kpj))).toBe(true);
    expect(new Set(kpjs).size).toBe(kpjs.length);
  });

  it('covers the cases a demo walks through', () => {
    expect(person('siti').memberships).toHaveLength(3);
    expect(person('budi').memberships[0]).toMatchObject({ segment: 'BPU', status: 'ACTIVE', programs: ['JKK', 'JKM', 'JHT'] });
    expect(person('dewi').memberships[0]).toMatchObject({ status: 'NONACTIVE', endReason: 'PHK', endDate: addMonths(today, -2) });
    expect(membershipDuration(person('agus').memberships[0]!.startDate, today).years).toBeGreaterThanOrEqual(12);
    expect(ageOn(person('hendra').birthDate, today)).toBe(55);
    expect(ageOn(person('hendra').birthDate, addMonths(today, 2))).toBe(56);
    expect(person('rina').account).toBeNull();
  });

  it('keeps each JHT balance equal to paid contributions plus development', () => {
    for (const m of plan.people.flatMap((p) => p.memberships)) {
      const paid = m.contributions.filter((c) => c.status === 'PAID').reduce((sum, c) => sum + c.jhtEmployer + c.jhtWorker, 0);
      expect(m.balance.contributionTotal).toBe(paid);
      expect(m.balance.total).toBe(m.balance.contributionTotal + m.balance.developmentTotal);
      expect(m.balance.developmentTotal).toBeGreaterThanOrEqual(0);
    }
  });

  it('shows months an employer did not pay as gaps', () => {
    const current = person('siti').memberships[2]!;
    expect(current.contributions.filter((c) => c.status === 'UNPAID').map((c) => c.period)).toEqual(['2026-03', '2026-04']);
  });

  it('gives random participants 1 to 25 years of history that never starts before age 19', () => {
    for (const p of plan.people.filter((x) => !x.demoKey)) {
      const first = p.memberships[0]!;
      expect(ageOn(p.birthDate, first.startDate)).toBeGreaterThanOrEqual(18);
      expect(first.contributions.length).toBeGreaterThan(0);
      expect(membershipDuration(first.startDate, today).years).toBeLessThanOrEqual(25);
    }
  });
});
