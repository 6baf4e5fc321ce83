import { eq } from 'drizzle-orm';
import { accounts } from '../../server/db/schema.ts';
import { createSession, sessionCookieName } from '../../server/auth/session.ts';
import type { TestApp } from './test-app.ts';

/** A live session for a seeded account, as the Cookie header a browser would send. */
export async function signInAs(testApp: TestApp, email: string): Promise<{ cookie: string; accountId: number; participantId: number }> {
  const [account] = await testApp.database.db.select().from(accounts).where(eq(accounts.email, email));
  if (!account) throw new Error(`no seeded account ${email}`);
  const { token } = await createSession(testApp.database.db, account.id, { now: testApp.clock.now() });
  return { cookie: `${sessionCookieName(false)}=${token}`, accountId: account.id, participantId: account.participantId };
}

export { demoEmails } from './demo-accounts.ts';
