import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { createTestApp, jsonRequest, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { accounts, participants, syncMutations } from '../../../../server/db/schema.ts';
import type { PullResponse, PushResponse } from '../../../../shared/sync/protocol.ts';
import { replicaCaughtUp } from '../../../support/test-database.ts';

describe('sync protocol v1', () => {
  let t: TestApp;
  let siti: Awaited<ReturnType<typeof signInAs>>;
  let budi: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    t = await createTestApp();
    siti = await signInAs(t, demoEmails.siti);
    budi = await signInAs(t, demoEmails.budi);
  });
  afterAll(() => t.close());

  const pull = (cookie: string, query = '', headers: Record<string, string> = {}) =>
    t.app.request(`/api/sync/pull${query}`, { headers: { Cookie: cookie, ...headers } });
  const push = (cookie: string, body: unknown) => t.app.request('/api/sync/push', jsonRequest('POST', body, { Cookie: cookie }));
  const profileUpdate = (id: number, address: string) => ({ id, name: 'profile.update', args: { address }, createdAt: 1 });

  it('answers 401 with a machine code when nobody is signed in', async () => {
    const res = await t.app.request('/api/sync/pull');
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('sends a full snapshot of only the signed-in participant’s cards', async () => {
    const res = await pull(siti.cookie);
    expect(res.status).toBe(200);
    const body = (await res.json()) as PullResponse;
    expect(body).toMatchObject({ kind: 'snapshot', reset: false, lastMutationId: 0 });
    expect(body.changes.memberships).toHaveLength(3);
    expect(body.changes.balances).toHaveLength(3);
    const kpjs = new Set(body.changes.memberships!.map((m) => m.kpj));
    expect(body.changes.contributions!.every((c) => kpjs.has(c.kpj))).toBe(true);
    expect(body.changes.contributions!.length).toBeGreaterThan(150);
    expect(body.changes.profile?.[0]).toMatchObject({ fullName: 'Siti Rahayu', email: demoEmails.siti });
    expect(body.changes.profile?.[0]?.nikMasked).toMatch(/^\d{4}•{10}\d{2}$/);
    expect(JSON.stringify(body)).not.toContain('Budi');
  });

  it('answers 304 with no body when nothing changed since the ETag the phone holds', async () => {
    const first = await pull(siti.cookie);
    const { cursor } = (await first.json()) as PullResponse;
    const again = await pull(siti.cookie, `?cursor=${cursor}`, { 'If-None-Match': first.headers.get('ETag')! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('delivers a queued change exactly once, answers a resend from storage, and sends only the delta', async () => {
    const deviceId = randomUUID();
    const before = await pull(siti.cookie, `?deviceId=${deviceId}`);
    const { cursor } = (await before.json()) as PullResponse;
    const batch = { deviceId, mutations: [profileUpdate(1, 'Jl. Melati No. 5, Bandung')] };
    const first = (await (await push(siti.cookie, batch)).json()) as PushResponse;
    // The answer was "lost": the phone sends the same batch again.
    const resent = (await (await push(siti.cookie, batch)).json()) as PushResponse;
    expect(first).toEqual({ lastMutationId: 1, results: [{ id: 1, status: 'applied' }] });
    expect(resent).toEqual(first);
    const stored = await t.database.db.select().from(syncMutations).where(eq(syncMutations.deviceId, deviceId));
    expect(stored).toHaveLength(1);

    const delta = await pull(siti.cookie, `?cursor=${cursor}&deviceId=${deviceId}&lastMutationId=${first.lastMutationId}`, { 'If-None-Match': before.headers.get('ETag')! });
    expect(delta.status).toBe(200);
    const body = (await delta.json()) as PullResponse;
    expect(body).toMatchObject({ kind: 'delta', lastMutationId: 1 });
    expect(Object.keys(body.changes)).toEqual(['profile']);
    expect(body.changes.profile?.[0]?.address).toBe('Jl. Melati No. 5, Bandung');
  });

  it('refuses the rest of a batch after a gap and tells the phone where to resume', async () => {
    const deviceId = randomUUID();
    const res = (await (await push(siti.cookie, { deviceId, mutations: [profileUpdate(1, 'Jl. Mawar No. 1, Bandung'), profileUpdate(3, 'Jl. Mawar No. 3, Bandung')] })).json()) as PushResponse;
    expect(res.results.map((r) => r.id)).toEqual([1]);
    expect(res.gap).toEqual({ expectedId: 2, receivedId: 3 });
    expect(res.lastMutationId).toBe(1);
  });

  it('records a refusal with its code and message and never applies it on a resend', async () => {
    const deviceId = randomUUID();
    const mutation = { id: 1, name: 'profile.update', args: { bankAccount: { bankCode: '002', number: '1234567890', holderName: 'Orang Lain' } }, createdAt: 1 };
    const first = (await (await push(siti.cookie, { deviceId, mutations: [mutation] })).json()) as PushResponse;
    expect(first.results[0]).toMatchObject({ status: 'rejected', code: 'BANK_NAME_MISMATCH' });
    expect(first.lastMutationId).toBe(1);
    // Fixing the name in a resend of the same id changes nothing: the id was already processed.
    const fixed = { ...mutation, args: { bankAccount: { ...mutation.args.bankAccount, holderName: 'SITI  rahayu' } } };
    const resent = (await (await push(siti.cookie, { deviceId, mutations: [fixed] })).json()) as PushResponse;
    expect(resent.results[0]).toMatchObject({ status: 'rejected', code: 'BANK_NAME_MISMATCH' });
    const [person] = await t.database.db.select().from(participants).where(eq(participants.id, siti.participantId));
    expect(person?.bankAccount).toBeNull();
  });

  it('rejects unknown mutations and invalid arguments as final results', async () => {
    const deviceId = randomUUID();
    const res = (await (
      await push(siti.cookie, {
        deviceId,
        mutations: [
          { id: 1, name: 'money.print', args: {}, createdAt: 1 },
          { id: 2, name: 'profile.update', args: { address: 'x' }, createdAt: 1 },
        ],
      })
    ).json()) as PushResponse;
    expect(res.results).toMatchObject([
      { id: 1, status: 'rejected', code: 'UNKNOWN_MUTATION' },
      { id: 2, status: 'rejected', code: 'INVALID_ARGS' },
    ]);
  });

  it('refuses malformed batches with 400 and changes nothing', async () => {
    const tooMany = Array.from({ length: 101 }, (_, i) => profileUpdate(i + 1, 'Jl. Kenanga No. 9, Bandung'));
    for (const body of [{ deviceId: 'not-a-uuid', mutations: [profileUpdate(1, 'Jl. Kenanga No. 9')] }, { deviceId: randomUUID(), mutations: tooMany }, { deviceId: randomUUID(), mutations: [] }]) {
      const res = await push(siti.cookie, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'INVALID_INPUT' });
    }
  });

  it('keeps each participant to their own rows', async () => {
    const body = (await (await pull(budi.cookie)).json()) as PullResponse;
    expect(body.changes.memberships).toHaveLength(1);
    expect(body.changes.memberships![0]).toMatchObject({ segment: 'BPU' });
    expect(JSON.stringify(body)).not.toContain('Siti');
  });

  it('answers a cursor it cannot serve with a full snapshot marked reset', async () => {
    for (const cursor of ['garbage', '1.999999999999']) {
      const body = (await (await pull(siti.cookie, `?cursor=${cursor}`)).json()) as PullResponse;
      expect(body).toMatchObject({ kind: 'snapshot', reset: true });
      expect(body.changes.memberships).toHaveLength(3);
    }
  });

  it('resets phones when the account’s set of cards changes', async () => {
    const { cursor } = (await (await pull(siti.cookie)).json()) as PullResponse;
    await t.database.db.update(accounts).set({ scopeEpoch: sql`${accounts.scopeEpoch} + 1` }).where(eq(accounts.id, siti.accountId));
    await replicaCaughtUp();
    const body = (await (await pull(siti.cookie, `?cursor=${cursor}`)).json()) as PullResponse;
    expect(body).toMatchObject({ kind: 'snapshot', reset: true });
  });
});
