import { eq, isNull } from 'drizzle-orm';
import { accounts, memberships, participants } from '../../server/db/schema.ts';
import type { Database } from '../../server/db/database.ts';
import { createSession, sessionCookieName } from '../../server/auth/session.ts';
import type { TestApp } from './test-app.ts';

/** A live session for a seeded account, as the Cookie header a browser would send. */
export async function signInAs(testApp: TestApp, email: string): Promise<{ cookie: string; accountId: number; participantId: number }> {
  const [account] = await testApp.database.db.select().from(accounts).where(eq(accounts.email, email));
  if (!account) throw new Error(`no seeded account ${email}`);
  const { token } = await createSession(testApp.database.db, account.id, { now: testApp.clock.now() });
  return { cookie: `${sessionCookieName(false)}=${token}`, accountId: account.id, participantId: account.participantId };
}

/** A seeded participant with no account yet, as the registration's identity step asks for them. */
export async function participantWithoutAccount(db: Database): Promise<{ nik: string; kpj: string; fullName: string; birthDate: string }> {
  const [person] = await db
    .select({ nik: participants.nik, kpj: memberships.kpj, fullName: participants.fullName, birthDate: participants.birthDate })
    .from(participants)
    .innerJoin(memberships, eq(memberships.participantId, participants.id))
    .leftJoin(accounts, eq(accounts.participantId, participants.id))
    .where(isNull(accounts.id))
    .limit(1);
  if (!person) throw new Error('no seeded participant without an account');
  return person;
}

export { demoEmails } from './demo-accounts.ts';
