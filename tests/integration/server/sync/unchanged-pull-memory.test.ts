import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, jsonRequest, type TestApp } from '../../../support/test-app.ts';
import { createTestDatabase } from '../../../support/test-database.ts';
import { countingDatabase } from '../../../support/counting-database.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { claims, notifications } from '../../../../server/db/schema.ts';
import { advanceClaim } from '../../../../server/features/claims/claim-status.ts';
import { accidentReport } from '../../../support/claim-builders.ts';
import { withDocuments } from '../../../support/claim-documents.ts';
import type { PullResponse } from '../../../../shared/sync/protocol.ts';

// The unchanged pull and the session behind it are answered from memory; every way the
// answer can change must still reach the phone at once (server/db/change-feed.ts).
describe('unchanged pulls and sessions from memory', () => {
  let t: TestApp;
  let counted: ReturnType<typeof countingDatabase>;
  let siti: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    counted = countingDatabase(await createTestDatabase());
    t = await createTestApp({ database: counted.handle });
    siti = await signInAs(t, demoEmails.siti);
  });
  afterAll(() => t.close());

  const pull = (cookie: string, deviceId: string, cursor?: string, etag?: string) =>
    t.app.request(`/api/sync/pull?deviceId=${deviceId}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { Cookie: cookie, ...(etag ? { 'If-None-Match': etag } : {}) } });

  /** A device that has pulled everything; its next pull with the ETag is the "nothing new?" one. */
  async function upToDate(cookie = siti.cookie, deviceId: string = randomUUID()) {
    const first = await pull(cookie, deviceId);
    expect(first.status).toBe(200);
    const body = (await first.json()) as PullResponse;
    return { deviceId, cursor: body.cursor, etag: first.headers.get('ETag')! };
  }

  it('answers an unchanged pull, and the session that asks, without a single query', async () => {
    const phone = await upToDate();
    expect((await pull(siti.cookie, phone.deviceId, phone.cursor, phone.etag)).status).toBe(304);
    const before = counted.queries();
    const res = await pull(siti.cookie, phone.deviceId, phone.cursor, phone.etag);
    expect(res.status).toBe(304);
    expect(res.headers.get('ETag')).toBe(phone.etag);
    expect(counted.queries() - before).toBe(0);
  });

  it('ends the 304 when the back office moves a claim', async () => {
    const phone = await upToDate();
    const kpj = (await (await pull(siti.cookie, randomUUID())).json() as PullResponse).changes.memberships!.find((m) => m.status === 'ACTIVE')!.kpj;
    const report = await withDocuments(t.database.db, accidentReport(kpj, '2026-11-01'));
    const submitted = await t.app.request('/api/sync/push', jsonRequest('POST', { deviceId: randomUUID(), mutations: [{ id: 1, name: 'claim.submit', args: report, createdAt: 1 }] }, { Cookie: siti.cookie }));
    expect(((await submitted.json()) as { results: Array<{ status: string }> }).results[0]?.status).toBe('applied');
    const fresh = await pull(siti.cookie, phone.deviceId, phone.cursor, phone.etag);
    expect(fresh.status).toBe(200);
    phone.cursor = ((await fresh.json()) as PullResponse).cursor;
    phone.etag = fresh.headers.get('ETag')!;
    expect((await pull(siti.cookie, phone.deviceId, phone.cursor, phone.etag)).status).toBe(304);

    const [claim] = await t.database.db.select().from(claims).where(eq(claims.draftId, report.draftId));
    const moved = await t.database.db.transaction((tx) => advanceClaim(tx, { claimId: claim!.id, to: 'VERIFYING', note: null, actor: 'petugas', now: t.clock.now() }));
    expect(moved).toEqual({ ok: true });
    const res = await pull(siti.cookie, phone.deviceId, phone.cursor, phone.etag);
    expect(res.status).toBe(200);
    const body = (await res.json()) as PullResponse;
    expect(body.changes.claims?.find((c) => c.draftId === report.draftId)?.status).toBe('VERIFYING');
  });

  it('ends the 304 when another device of the account pushes, and when this device pushes', async () => {
    const phone = await upToDate();
    expect((await pull(siti.cookie, phone.deviceId, phone.cursor, phone.etag)).status).toBe(304);
    const address = `Jl. Perangkat Lain ${randomUUID().slice(0, 6)}, Bandung`;
    const pushed = await t.app.request('/api/sync/push', jsonRequest('POST', { deviceId: randomUUID(), mutations: [{ id: 1, name: 'profile.update', args: { address }, createdAt: 1 }] }, { Cookie: siti.cookie }));
    expect(pushed.status).toBe(200);
    const res = await pull(siti.cookie, phone.deviceId, phone.cursor, phone.etag);
    expect(res.status).toBe(200);
    const body = (await res.json()) as PullResponse;
    expect(body.changes.profile?.[0]?.address).toBe(address);

    // A refused mutation changes no row, only this device's last mutation id: still news.
    const now = { cursor: body.cursor, etag: res.headers.get('ETag')! };
    expect((await pull(siti.cookie, phone.deviceId, now.cursor, now.etag)).status).toBe(304);
    const refused = await t.app.request('/api/sync/push', jsonRequest('POST', { deviceId: phone.deviceId, mutations: [{ id: 1, name: 'no.such.mutation', args: {}, createdAt: 1 }] }, { Cookie: siti.cookie }));
    expect(((await refused.json()) as { results: Array<{ status: string }> }).results[0]?.status).toBe('rejected');
    const after = await pull(siti.cookie, phone.deviceId, now.cursor, now.etag);
    expect(after.status).toBe(200);
    expect(((await after.json()) as PullResponse).lastMutationId).toBe(1);
  });

  it('ends the 304 when a row is deleted or the scope changes, written straight in SQL', async () => {
    const phone = await upToDate();
    expect((await pull(siti.cookie, phone.deviceId, phone.cursor, phone.etag)).status).toBe(304);
    const [notification] = await t.database.db.insert(notifications).values({ participantId: siti.participantId, kind: 'CLAIM_STATUS', title: 'Uji', body: 'Pemberitahuan uji' }).returning();
    const added = await pull(siti.cookie, phone.deviceId, phone.cursor, phone.etag);
    expect(added.status).toBe(200);
    const addedBody = (await added.json()) as PullResponse;
    expect(addedBody.changes.notifications?.map((n) => n.key)).toContain(String(notification!.id));
    phone.cursor = addedBody.cursor;
    phone.etag = added.headers.get('ETag')!;
    expect((await pull(siti.cookie, phone.deviceId, phone.cursor, phone.etag)).status).toBe(304);
    await t.database.db.delete(notifications).where(eq(notifications.id, notification!.id));
    const res = await pull(siti.cookie, phone.deviceId, phone.cursor, phone.etag);
    expect(res.status).toBe(200);
    const body = (await res.json()) as PullResponse;
    expect(body.deletes).toContainEqual({ entity: 'notifications', key: String(notification!.id) });

    const etag = res.headers.get('ETag')!;
    expect((await pull(siti.cookie, phone.deviceId, body.cursor, etag)).status).toBe(304);
    await t.database.db.execute(sql`update accounts set scope_epoch = scope_epoch + 1 where id = ${siti.accountId}`);
    const reset = await pull(siti.cookie, phone.deviceId, body.cursor, etag);
    expect(reset.status).toBe(200);
    expect(((await reset.json()) as PullResponse).reset).toBe(true);
  });

  it('refuses a cookie as soon as it is signed out, though it was just answered from memory', async () => {
    const other = await signInAs(t, demoEmails.siti);
    const phone = await upToDate(other.cookie);
    expect((await pull(other.cookie, phone.deviceId, phone.cursor, phone.etag)).status).toBe(304);
    const before = counted.queries();
    expect((await pull(other.cookie, phone.deviceId, phone.cursor, phone.etag)).status).toBe(304);
    expect(counted.queries() - before).toBe(0);
    expect((await t.app.request('/api/auth/sign-out', jsonRequest('POST', {}, { Cookie: other.cookie }))).status).toBe(200);
    expect((await pull(other.cookie, phone.deviceId, phone.cursor, phone.etag)).status).toBe(401);
  });

  it('refuses a cached cookie once its session has expired', async () => {
    const other = await signInAs(t, demoEmails.siti);
    const phone = await upToDate(other.cookie);
    expect((await pull(other.cookie, phone.deviceId, phone.cursor, phone.etag)).status).toBe(304);
    t.clock.advance(31 * 24 * 60 * 60 * 1000);
    try {
      expect((await pull(other.cookie, phone.deviceId, phone.cursor, phone.etag)).status).toBe(401);
    } finally {
      t.clock.advance(-31 * 24 * 60 * 60 * 1000);
    }
  });
});
