import { count } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import {
  accountCards,
  accounts,
  contributions,
  employers,
  jhtBalances,
  jhtReturnRates,
  memberships,
  participants,
  rateTables,
} from '../db/schema.ts';
import { hashPassword } from '../auth/password.ts';
import { DEFAULT_RATE_TABLES } from '../../shared/rules/rate-table.ts';
import { DEMO_PASSWORD } from './demo-people.ts';
import { jhtReturnRateRows } from './jht-return-rates.ts';
import { planSeed, type PlannedPerson } from './generate.ts';

export interface DemoSignIn {
  fullName: string;
  story: string;
  nik: string;
  kpjs: string[];
  birthDate: string;
  email: string | null;
}

export interface SeedSummary {
  seeded: boolean;
  participants: number;
  contributions: number;
  demo: DemoSignIn[];
}

const INSERT_CHUNK = 1_000;

/**
 * Fills an empty database with the deterministic demo data, in one transaction so a crash
 * half-way leaves an empty database that the next start seeds again. A database that
 * already has participants is left alone; its demo list is read back for printing.
 */
export async function seedIfEmpty(db: Database, options: { today: string; extraParticipants: number }): Promise<SeedSummary> {
  const plan = planSeed(options.today, options.extraParticipants);
  const demo = plan.people.filter((person) => person.demoKey).map(toDemoSignIn);
  const [existing] = await db.select({ n: count() }).from(participants);
  if ((existing?.n ?? 0) > 0) return { seeded: false, participants: existing!.n, contributions: 0, demo };

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let contributionCount = 0;
  await db.transaction(async (tx) => {
    await tx.insert(rateTables).values(DEFAULT_RATE_TABLES.map((table) => ({ ...table, assumedReturnBp: Math.round(table.assumedReturnPercent * 100) })));
    await tx.insert(jhtReturnRates).values(jhtReturnRateRows);
    const employerRows = await tx.insert(employers).values(plan.employers).returning({ id: employers.id, npp: employers.npp });
    const employerIdByNpp = new Map(employerRows.map((row) => [row.npp, row.id]));

    for (const person of plan.people) {
      const [participant] = await tx
        .insert(participants)
        .values({ nik: person.nik, fullName: person.fullName, birthDate: person.birthDate, sex: person.sex, motherName: person.motherName })
        .returning({ id: participants.id });
      const participantId = participant!.id;
      const membershipIds: number[] = [];
      for (const membership of person.memberships) {
        const [row] = await tx
          .insert(memberships)
          .values({
            kpj: membership.kpj,
            participantId,
            employerId: membership.employerNpp ? employerIdByNpp.get(membership.employerNpp) : null,
            segment: membership.segment,
            programs: membership.programs,
            status: membership.status,
            startDate: membership.startDate,
            endDate: membership.endDate,
            endReason: membership.endReason,
            reportedWage: membership.reportedWage,
            declaredIncome: membership.declaredIncome,
            jkkRiskClass: membership.jkkRiskClass,
          })
          .returning({ id: memberships.id });
        const membershipId = row!.id;
        membershipIds.push(membershipId);
        const rows = membership.contributions.map((contribution) => ({ ...contribution, membershipId, participantId }));
        for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
          await tx.insert(contributions).values(rows.slice(start, start + INSERT_CHUNK));
        }
        contributionCount += rows.length;
        await tx.insert(jhtBalances).values({ membershipId, participantId, ...membership.balance });
      }
      if (person.account) {
        const [account] = await tx
          .insert(accounts)
          .values({ participantId, email: person.account.email, phoneE164: person.account.phone, passwordHash })
          .returning({ id: accounts.id });
        await tx.insert(accountCards).values(membershipIds.map((membershipId) => ({ accountId: account!.id, membershipId })));
      }
    }
  });
  return { seeded: true, participants: plan.people.length, contributions: contributionCount, demo };
}

function toDemoSignIn(person: PlannedPerson): DemoSignIn {
  return {
    fullName: person.fullName,
    story: person.story ?? '',
    nik: person.nik,
    kpjs: person.memberships.map((membership) => membership.kpj),
    birthDate: person.birthDate,
    email: person.account?.email ?? null,
  };
}
