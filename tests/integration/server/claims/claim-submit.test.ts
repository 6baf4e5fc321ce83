import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createTestApp, jsonRequest, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { accidentReport, jhtFullClaim, jhtPartialClaim } from '../../../support/claim-builders.ts';
import { withDocuments } from '../../../support/claim-documents.ts';
import { claims, jhtBalances } from '../../../../server/db/schema.ts';
import { advanceDueClaims } from '../../../../server/features/backoffice/claim-simulator.ts';
import type { PullResponse, PushResponse } from '../../../../shared/sync/protocol.ts';
import { jmoClaimLimitOn } from '../../../../shared/rules/jht-claims.ts';

describe('claim.submit through the sync push', () => {
  let t: TestApp;
  const people: Record<string, { cookie: string; participantId: number; kpjs: string[] }> = {};
  let nextId = new Map<string, number>();
  const device = randomUUID();

  beforeAll(async () => {
    t = await createTestApp();
    for (const key of ['dewi', 'agus', 'hendra', 'siti'] as const) {
      const session = await signInAs(t, demoEmails[key]);
      const pull = (await (await t.app.request('/api/sync/pull', { headers: { Cookie: session.cookie } })).json()) as PullResponse;
      people[key] = { ...session, kpjs: pull.changes.memberships!.map((m) => m.kpj) };
    }
    nextId = new Map();
  });
  afterAll(() => t.close());

  async function submit(person: string, args: unknown): Promise<PushResponse['results'][number]> {
    const id = (nextId.get(person) ?? 0) + 1;
    nextId.set(person, id);
    const res = await t.app.request('/api/sync/push', jsonRequest('POST', { deviceId: device, mutations: [{ id, name: 'claim.submit', args, createdAt: 1 }] }, { Cookie: people[person]!.cookie }));
    const body = (await res.json()) as PushResponse;
    return body.results[0]!;
  }

  // Tests that build on a filed claim file it through these, so each one also runs alone (`-t`).
  const once = <T,>(make: () => Promise<T>) => {
    let made: Promise<T> | undefined;
    return () => (made ??= make());
  };
  const dewisClaim = once(async () => submit('dewi', await withDocuments(t.database.db, jhtFullClaim(people.dewi!.kpjs[0]!, 'Dewi Lestari'))));
  const agusPartialClaim = once(async () => {
    const draft = await withDocuments(t.database.db, jhtPartialClaim(people.agus!.kpjs[0]!, 'Agus Wijaya', 10));
    return { draft, result: await submit('agus', draft) };
  });
  async function letBackOfficeFinishDueClaims() {
    for (let i = 0; i < 3; i++) {
      t.clock.advance(3 * 60_000);
      await advanceDueClaims(t.deps);
    }
  }

  it('accepts a full JHT claim after a lay-off once the waiting month has passed, with a claim number', async () => {
    const result = await dewisClaim();
    expect(result).toMatchObject({ status: 'applied', ref: expect.stringMatching(/^KLM-261125-\d{6}$/) });
  });

  it('routes that claim through the app, as program info promises for a balance within the JMO limit', async () => {
    await dewisClaim();
    const [row] = await t.database.db.select({ channel: claims.channel, amount: claims.requestedAmount }).from(claims).where(eq(claims.participantId, people.dewi!.participantId));
    expect(row!.amount).toBeGreaterThan(0);
    expect(row!.amount).toBeLessThanOrEqual(jmoClaimLimitOn('2026-11-25'));
    expect(row!.channel).toBe('JMO');
  });

  it('refuses a second JHT claim for the same card while the first is in process', async () => {
    await dewisClaim();
    const result = await submit('dewi', jhtFullClaim(people.dewi!.kpjs[0]!, 'Dewi Lestari'));
    expect(result).toMatchObject({ status: 'rejected', code: 'CLAIM_IN_PROCESS' });
  });

  it('turns the same draft sent twice under different mutation ids into one claim', async () => {
    const { draft, result: first } = await agusPartialClaim();
    const second = await submit('agus', draft);
    expect(first).toMatchObject({ status: 'applied' });
    expect(second).toMatchObject({ status: 'applied', ref: first.status === 'applied' ? first.ref : '' });
    const rows = await t.database.db.select().from(claims).where(eq(claims.draftId, draft.draftId));
    expect(rows).toHaveLength(1);
    const [balance] = await t.database.db.select().from(jhtBalances).where(eq(jhtBalances.membershipId, rows[0]!.membershipId));
    expect(rows[0]!.requestedAmount).toBe(Math.round(balance!.total * 0.1));
  });

  it('explains in Indonesian why a still-employed participant cannot claim in full', async () => {
    const result = await submit('siti', jhtFullClaim(people.siti!.kpjs[2]!, 'Siti Rahayu', 'RESIGN'));
    expect(result).toMatchObject({ status: 'rejected', code: 'MEMBERSHIP_STILL_ACTIVE', message: expect.stringContaining('masih aktif') });
  });

  it('names the date from which a retirement-age claim is possible', async () => {
    const result = await submit('hendra', jhtFullClaim(people.hendra!.kpjs[0]!, 'Hendra Gunawan', 'RETIREMENT_AGE'));
    expect(result).toMatchObject({ status: 'rejected', code: 'AGE_NOT_REACHED', message: expect.stringContaining('25 Jan 2027') });
  });

  it('refuses a card that is not on the account, and a bank account in another name', async () => {
    expect(await submit('agus', jhtFullClaim(people.dewi!.kpjs[0]!, 'Agus Wijaya'))).toMatchObject({ status: 'rejected', code: 'CARD_NOT_YOURS' });
    expect(await submit('siti', jhtFullClaim(people.siti!.kpjs[0]!, 'Budi Santoso', 'RESIGN'))).toMatchObject({ status: 'rejected', code: 'BANK_NAME_MISMATCH' });
  });

  it('rejects invalid arguments before any rule runs', async () => {
    const result = await submit('siti', { ...accidentReport(people.siti!.kpjs[2]!), description: 'pendek' });
    expect(result).toMatchObject({ status: 'rejected', code: 'INVALID_ARGS' });
  });

  it('moves a claim to paid through the back-office simulator and debits the balance', async () => {
    await dewisClaim();
    const [claim] = await t.database.db.select().from(claims).where(eq(claims.type, 'JHT_FULL'));
    const before = (await t.database.db.select().from(jhtBalances).where(eq(jhtBalances.membershipId, claim!.membershipId)))[0]!;
    await letBackOfficeFinishDueClaims();
    const [after] = await t.database.db.select().from(claims).where(eq(claims.id, claim!.id));
    expect(after?.status).toBe('PAID');
    const balance = (await t.database.db.select().from(jhtBalances).where(eq(jhtBalances.membershipId, claim!.membershipId)))[0]!;
    expect(balance.total).toBe(0);
    expect(balance.paidOutTotal).toBe(before.total);

    const pull = (await (await t.app.request('/api/sync/pull', { headers: { Cookie: people.dewi!.cookie } })).json()) as PullResponse;
    expect(pull.changes.claims?.[0]).toMatchObject({ status: 'PAID', claimNo: claim!.claimNo });
    expect(pull.changes.claimEvents?.map((e) => e.status)).toEqual(['SUBMITTED', 'VERIFYING', 'APPROVED', 'PAID']);
    // Each officer's step is announced in the participant's inbox.
    expect(pull.changes.notifications?.filter((n) => n.kind === 'CLAIM_STATUS').map((n) => n.title)).toEqual([
      `Klaim ${claim!.claimNo}: sedang diverifikasi`,
      `Klaim ${claim!.claimNo}: disetujui`,
      `Klaim ${claim!.claimNo}: sudah dibayar`,
    ]);
  });

  it('allows only one partial claim in a lifetime, even after the first was paid', async () => {
    await agusPartialClaim();
    await letBackOfficeFinishDueClaims();
    const result = await submit('agus', jhtPartialClaim(people.agus!.kpjs[0]!, 'Agus Wijaya', 30));
    expect(result).toMatchObject({ status: 'rejected', code: 'PARTIAL_ALREADY_USED' });
  });

  it('keeps the back office behind a password', async () => {
    const challenge = await t.app.request('/admin');
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('WWW-Authenticate')).toMatch(/^Basic/);
    const auth = `Basic ${Buffer.from(`admin:${t.deps.config.adminPassword}`).toString('base64')}`;
    const page = await t.app.request('/admin', { headers: { Authorization: auth } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('KLM-');
  });
});
