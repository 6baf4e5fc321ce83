import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { gt, inArray, max } from 'drizzle-orm';
import { claimEvents, claims, documentUploads } from '../../server/db/schema.ts';
import { createTestApp, type TestApp } from './test-app.ts';
import { signInAs } from './test-session.ts';

export interface SignedInApp {
  t: TestApp;
  cookie: string;
  accountId: number;
  participantId: number;
}

/**
 * For a describe block whose tests drive a demo participant's phone against the real app: the
 * app and the session are made once (a fresh database is the slow part) and every claim a test
 * filed is removed after it, so no test passes or fails because of what an earlier one did
 * (a claim in process refuses the next one). Read the fields inside the tests, once set.
 */
export function signedInApp(email: string): SignedInApp {
  const session = {} as SignedInApp;
  let lastClaimIdBefore = 0;
  beforeAll(async () => {
    session.t = await createTestApp();
    Object.assign(session, await signInAs(session.t, email));
  });
  beforeEach(async () => {
    const [row] = await session.t.database.db.select({ id: max(claims.id) }).from(claims);
    lastClaimIdBefore = row?.id ?? 0;
  });
  afterEach(async () => {
    const { db } = session.t.database;
    const filed = (await db.select({ id: claims.id }).from(claims).where(gt(claims.id, lastClaimIdBefore))).map((row) => row.id);
    if (filed.length === 0) return;
    await db.delete(claimEvents).where(inArray(claimEvents.claimId, filed));
    // The claim's pages name it; they go with it, as the test's draft does.
    await db.delete(documentUploads).where(inArray(documentUploads.claimId, filed));
    await db.delete(claims).where(inArray(claims.id, filed));
  });
  afterAll(() => session.t.close());
  return session;
}
