import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import type { Database } from '../../server/db/database.ts';
import { accounts, participants } from '../../server/db/schema.ts';
import { planSeed } from '../../server/seed/generate.ts';
import { insertPlannedPeople } from '../../server/seed/seed-database.ts';
import { hashPassword } from '../../server/auth/password.ts';
import { createSession, sessionCookieName } from '../../server/auth/session.ts';

/**
 * Adds `count` participants with accounts and live sessions to an already seeded database,
 * for load tests: each simulated phone is a different person, so every query really is
 * scoped to its own participant. The people come from the same deterministic plan as the
 * seed (skipping those already there); history is cut to `historyMonths` to keep it quick.
 */
export async function addLoadParticipants(db: Database, options: { count: number; today: string; historyMonths: number; now: Date }): Promise<{ cookies: string[] }> {
  const existing = new Set((await db.select({ nik: participants.nik }).from(participants)).map((row) => row.nik));
  const plan = planSeed(options.today, existing.size + options.count);
  const people = plan.people
    .filter((person) => !person.demoKey && !existing.has(person.nik))
    .slice(0, options.count)
    .map((person, index) => ({
      ...person,
      account: { email: `beban.${index}@load.jmo-lite.test`, phone: `+628129${String(index).padStart(7, '0')}` },
      memberships: person.memberships.map((membership) => ({ ...membership, contributions: membership.contributions.slice(-options.historyMonths) })),
    }));
  if (people.length < options.count) throw new Error(`only ${people.length} new participants could be planned, ${options.count} asked`);

  // Nobody signs in with this password: the sessions below are made directly.
  const { participantIds } = await insertPlannedPeople(db, plan.employers, people, await hashPassword(randomUUID()));
  const rows = await db.select({ id: accounts.id }).from(accounts).where(inArray(accounts.participantId, [...participantIds.values()]));
  const cookies: string[] = [];
  for (const row of rows) {
    const { token } = await createSession(db, row.id, { now: options.now });
    cookies.push(`${sessionCookieName(false)}=${token}`);
  }
  return { cookies };
}
