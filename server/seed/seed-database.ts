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
import { planSeed, type PlannedEmployer, type PlannedPerson } from './generate.ts';

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
    const inserted = await insertPlannedPeople(tx, plan.employers, plan.people, passwordHash);
    contributionCount = inserted.contributions;
  });
  return { seeded: true, participants: plan.people.length, contributions: contributionCount, demo };
}

/**
 * Inserts planned people with their cards, contributions, balances and (where planned)
 * accounts, many rows per statement: row-by-row inserts made the first start several times
 * slower. Employers already present (same NPP) are reused. Rows are matched back by their
 * natural keys (NIK, KPJ), since RETURNING order is not promised to follow VALUES order.
 */
export async function insertPlannedPeople(
  db: Database,
  plannedEmployers: readonly PlannedEmployer[],
  people: readonly PlannedPerson[],
  passwordHash: string,
): Promise<{ participantIds: Map<string, number>; contributions: number }> {
  if (plannedEmployers.length > 0) await db.insert(employers).values([...plannedEmployers]).onConflictDoNothing({ target: employers.npp });
  const employerRows = await db.select({ id: employers.id, npp: employers.npp }).from(employers);
  const employerIdByNpp = new Map(employerRows.map((row) => [row.npp, row.id]));

  const participantIds = new Map<string, number>();
  for (const batch of chunks(people, INSERT_CHUNK)) {
    const rows = await db
      .insert(participants)
      .values(
        batch.map((person) => {
          const verifiedAt = person.verifiedOn ? new Date(`${person.verifiedOn}T03:00:00Z`) : null;
          return { nik: person.nik, fullName: person.fullName, birthDate: person.birthDate, sex: person.sex, motherName: person.motherName, faceVerifiedAt: verifiedAt, dataUpdatedAt: verifiedAt };
        }),
      )
      .returning({ id: participants.id, nik: participants.nik });
    for (const row of rows) participantIds.set(row.nik, row.id);
  }

  const cards = people.flatMap((person) => person.memberships.map((membership) => ({ membership, participantId: participantIds.get(person.nik)! })));
  const membershipIds = new Map<string, number>();
  for (const batch of chunks(cards, INSERT_CHUNK)) {
    const rows = await db
      .insert(memberships)
      .values(
        batch.map(({ membership, participantId }) => ({
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
        })),
      )
      .returning({ id: memberships.id, kpj: memberships.kpj });
    for (const row of rows) membershipIds.set(row.kpj, row.id);
  }

  const contributionRows = cards.flatMap(({ membership, participantId }) =>
    membership.contributions.map((contribution) => ({ ...contribution, membershipId: membershipIds.get(membership.kpj)!, participantId })),
  );
  for (const batch of chunks(contributionRows, INSERT_CHUNK)) await db.insert(contributions).values(batch);
  for (const batch of chunks(cards, INSERT_CHUNK)) {
    await db.insert(jhtBalances).values(batch.map(({ membership, participantId }) => ({ membershipId: membershipIds.get(membership.kpj)!, participantId, ...membership.balance })));
  }

  const withAccounts = people.filter((person) => person.account);
  for (const batch of chunks(withAccounts, INSERT_CHUNK)) {
    const rows = await db
      .insert(accounts)
      .values(batch.map((person) => ({ participantId: participantIds.get(person.nik)!, email: person.account!.email, phoneE164: person.account!.phone, passwordHash })))
      .returning({ id: accounts.id, participantId: accounts.participantId });
    const accountIdByParticipant = new Map(rows.map((row) => [row.participantId, row.id]));
    await db.insert(accountCards).values(
      batch.flatMap((person) => {
        const accountId = accountIdByParticipant.get(participantIds.get(person.nik)!)!;
        return person.memberships.map((membership) => ({ accountId, membershipId: membershipIds.get(membership.kpj)! }));
      }),
    );
  }
  return { participantIds, contributions: contributionRows.length };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
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
