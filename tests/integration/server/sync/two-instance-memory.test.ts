import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { openDatabase } from '../../../../server/db/database.ts';
import { CHANGE_FEED_APPLICATION } from '../../../../server/db/change-feed.ts';
import { participants } from '../../../../server/db/schema.ts';
import { seedIfEmpty } from '../../../../server/seed/seed-database.ts';
import { createThrowawayPostgres, type ThrowawayPostgres } from '../../../support/throwaway-postgres.ts';
import { countingDatabase } from '../../../support/counting-database.ts';
import { createTestApp, jsonRequest, type TestApp } from '../../../support/test-app.ts';
import { TEST_TODAY } from '../../../support/test-database.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import type { PullResponse } from '../../../../shared/sync/protocol.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;

// Two app instances, each with its own pool and listening connection, on one PostgreSQL:
// what one instance changes, the other must never answer from memory as unchanged.
describe.runIf(databaseUrl)('two instances answering from memory on one PostgreSQL', () => {
  let throwaway: ThrowawayPostgres;
  let a: TestApp;
  let b: TestApp;
  let bQueries: () => number;
  let siti: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    throwaway = await createThrowawayPostgres(databaseUrl!, 'jmo_two_memory');
    const first = await openDatabase({ kind: 'postgres', url: throwaway.url });
    await seedIfEmpty(first.db, { today: TEST_TODAY, extraParticipants: 2 });
    const counted = countingDatabase(await openDatabase({ kind: 'postgres', url: throwaway.url }));
    bQueries = counted.queries;
    a = await createTestApp({ database: first });
    b = await createTestApp({ database: counted.handle });
    siti = await signInAs(a, demoEmails.siti);
  }, 120_000);
  afterAll(async () => {
    await Promise.allSettled([a?.close(), b?.close()]);
    await throwaway?.drop();
  });

  const pull = (app: TestApp, cookie: string, phone: { deviceId: string; cursor?: string; etag?: string }) =>
    app.app.request(`/api/sync/pull?deviceId=${phone.deviceId}${phone.cursor ? `&cursor=${encodeURIComponent(phone.cursor)}` : ''}`, {
      headers: { Cookie: cookie, ...(phone.etag ? { 'If-None-Match': phone.etag } : {}) },
    });

  /** Up to date on instance B, whose next unchanged pull is answered from its memory alone. */
  async function cachedOnB(cookie: string) {
    const phone: { deviceId: string; cursor?: string; etag?: string } = { deviceId: randomUUID() };
    const first = await pull(b, cookie, phone);
    expect(first.status).toBe(200);
    phone.cursor = ((await first.json()) as PullResponse).cursor;
    phone.etag = first.headers.get('ETag')!;
    expect((await pull(b, cookie, phone)).status).toBe(304);
    const before = bQueries();
    expect((await pull(b, cookie, phone)).status).toBe(304);
    expect(bQueries() - before).toBe(0);
    return phone;
  }

  it('refuses on B a session signed out on A, on the very next request', async () => {
    const other = await signInAs(a, demoEmails.siti);
    const phone = await cachedOnB(other.cookie);
    expect((await a.app.request('/api/auth/sign-out', jsonRequest('POST', {}, { Cookie: other.cookie }))).status).toBe(200);
    expect((await pull(b, other.cookie, phone)).status).toBe(401);
  });

  it('refuses on B the sessions revoked from the account screen on A', async () => {
    const other = await signInAs(a, demoEmails.siti);
    const phone = await cachedOnB(other.cookie);
    const revoked = await a.app.request('/api/account/sessions/revoke-all', jsonRequest('POST', { includeCurrent: false }, { Cookie: siti.cookie }));
    expect(revoked.status).toBe(200);
    expect((await pull(b, other.cookie, phone)).status).toBe(401);
    siti = await signInAs(a, demoEmails.siti);
  });

  it('answers 200 with the new data on B right after a push on A', async () => {
    const phone = await cachedOnB(siti.cookie);
    const address = `Jl. Instans A ${randomUUID().slice(0, 6)}, Bandung`;
    const pushed = await a.app.request('/api/sync/push', jsonRequest('POST', { deviceId: randomUUID(), mutations: [{ id: 1, name: 'profile.update', args: { address }, createdAt: 1 }] }, { Cookie: siti.cookie }));
    expect(pushed.status).toBe(200);
    const res = await pull(b, siti.cookie, phone);
    expect(res.status).toBe(200);
    expect(((await res.json()) as PullResponse).changes.profile?.[0]?.address).toBe(address);
  });

  it('reads the database, never a stale 304, while the listening connections are lost, and answers from memory again once back', { timeout: 60_000 }, async () => {
    const phone = await cachedOnB(siti.cookie);
    const killed = await a.database.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = ${CHANGE_FEED_APPLICATION}`);
    expect((killed as unknown as { rows: unknown[] }).rows.length).toBe(2);
    const address = `Jl. Tanpa Dengar ${randomUUID().slice(0, 6)}, Bandung`;
    await a.database.db.update(participants).set({ address }).where(eq(participants.id, siti.participantId));
    const res = await pull(b, siti.cookie, phone);
    expect(res.status).toBe(200);
    const body = (await res.json()) as PullResponse;
    expect(body.changes.profile?.[0]?.address).toBe(address);

    // Reconnected (with backoff): the same pull is answered from memory again.
    const now = { deviceId: phone.deviceId, cursor: body.cursor, etag: res.headers.get('ETag')! };
    const deadline = Date.now() + 30_000;
    for (;;) {
      const before = bQueries();
      expect((await pull(b, siti.cookie, now)).status).toBe(304);
      if (bQueries() === before) break;
      if (Date.now() > deadline) throw new Error('instance B never answered from memory again');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
});
