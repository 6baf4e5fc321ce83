import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createTestApp, jsonRequest, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { contributions, jhtBalances, memberships, notifications, payments } from '../../../../server/db/schema.ts';
import { signWebhook } from '../../../../server/features/payments/payment-webhook.ts';
import type { PaymentRecord } from '../../../../shared/sync/entities.ts';
import type { PullResponse } from '../../../../shared/sync/protocol.ts';

type Created = { payment: PaymentRecord };

describe('BPU contribution payment', () => {
  let t: TestApp;
  let budi: Awaited<ReturnType<typeof signInAs>>;
  let kpj: string;
  beforeAll(async () => {
    t = await createTestApp();
    budi = await signInAs(t, demoEmails.budi);
    const [card] = await t.database.db.select().from(memberships).where(eq(memberships.participantId, budi.participantId));
    kpj = card!.kpj;
  });
  afterAll(() => t.close());

  const create = (body: unknown, cookie = budi.cookie) => t.app.request('/api/payments', jsonRequest('POST', body, { Cookie: cookie }));
  const webhook = (payload: object, options: { secret?: string; atMs?: number; signature?: string } = {}) => {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor((options.atMs ?? t.clock.now().getTime()) / 1000));
    const signature = options.signature ?? signWebhook(options.secret ?? t.deps.config.paymentWebhookSecret, timestamp, body);
    return t.app.request('/api/payments/webhook', { method: 'POST', body, headers: { 'Content-Type': 'application/json', 'X-Timestamp': timestamp, 'X-Signature': signature } });
  };

  let created: PaymentRecord;

  it('bills the next months from the shared rules and answers a retry with the same virtual account', async () => {
    const requestId = randomUUID();
    const first = await create({ requestId, kpj, months: 3, withJht: true });
    expect(first.status).toBe(201);
    created = ((await first.json()) as Created).payment;
    // Income Rp2,500,000: JKK 1% = 25,000 + JKM 6,800 + JHT 2% = 50,000 → 81,800 a month.
    expect(created).toMatchObject({ amount: 245_400, status: 'PENDING', periods: ['2026-11', '2026-12', '2027-01'] });
    expect(created.virtualAccount).toMatch(/^8889\d{12}$/);
    const retry = (await (await create({ requestId, kpj, months: 3, withJht: true })).json()) as Created;
    expect(retry.payment.virtualAccount).toBe(created.virtualAccount);
  });

  it('refuses a second bill while one is unpaid, and wage earners, with codes', async () => {
    const again = await create({ requestId: randomUUID(), kpj, months: 1, withJht: false });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'PAYMENT_PENDING', payment: { virtualAccount: created.virtualAccount } });
    const siti = await signInAs(t, demoEmails.siti);
    const [sitiCard] = await t.database.db.select().from(memberships).where(eq(memberships.participantId, siti.participantId));
    expect(await (await create({ requestId: randomUUID(), kpj: sitiCard!.kpj, months: 1, withJht: false }, siti.cookie)).json()).toMatchObject({ code: 'NOT_BPU' });
    expect(await (await create({ requestId: randomUUID(), kpj: sitiCard!.kpj, months: 1, withJht: false })).json()).toMatchObject({ code: 'CARD_NOT_YOURS' });
    const bad = await create({ requestId: randomUUID(), kpj, months: 13, withJht: false });
    expect(bad.status).toBe(400);
  });

  it('refuses unsigned, wrongly signed and stale notifications without changing anything', async () => {
    const payload = { notificationId: 'GW-test-0001', virtualAccount: created.virtualAccount, amount: created.amount, paidAt: t.clock.now().toISOString() };
    expect((await webhook(payload, { signature: '00'.repeat(32) })).status).toBe(401);
    expect((await webhook(payload, { secret: 'someone-else' })).status).toBe(401);
    const stale = await webhook(payload, { atMs: t.clock.now().getTime() - 6 * 60_000 });
    expect(stale.status).toBe(401);
    expect(await stale.json()).toMatchObject({ code: 'STALE_TIMESTAMP' });
    const [row] = await t.database.db.select().from(payments).where(eq(payments.virtualAccount, created.virtualAccount));
    expect(row?.status).toBe('PENDING');
  });

  it('refuses a notification whose amount differs from the bill', async () => {
    const res = await webhook({ notificationId: 'GW-test-0002', virtualAccount: created.virtualAccount, amount: 1_000, paidAt: t.clock.now().toISOString() });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 'AMOUNT_MISMATCH' });
  });

  it('marks the bill paid once, records the months, and ignores a replay and a second notification', async () => {
    const [before] = await t.database.db.select().from(jhtBalances).where(eq(jhtBalances.participantId, budi.participantId));
    const payload = { notificationId: 'GW-test-0003', virtualAccount: created.virtualAccount, amount: created.amount, paidAt: t.clock.now().toISOString() };
    expect(await (await webhook(payload)).json()).toEqual({ status: 'PAID' });
    expect(await (await webhook(payload)).json()).toEqual({ status: 'DUPLICATE' });
    expect(await (await webhook({ ...payload, notificationId: 'GW-test-0004' })).json()).toEqual({ status: 'ALREADY_PAID' });

    const paid = await t.database.db.select().from(contributions).where(and(eq(contributions.participantId, budi.participantId), eq(contributions.period, '2027-01')));
    expect(paid).toMatchObject([{ status: 'PAID', jhtWorker: 50_000, jkk: 25_000, jkm: 6_800 }]);
    const [after] = await t.database.db.select().from(jhtBalances).where(eq(jhtBalances.participantId, budi.participantId));
    expect(after!.total - before!.total).toBe(150_000);
    expect(await t.database.db.select().from(notifications).where(eq(notifications.participantId, budi.participantId))).toHaveLength(1);

    const pull = (await (await t.app.request('/api/sync/pull', { headers: { Cookie: budi.cookie } })).json()) as PullResponse;
    expect(pull.changes.payments?.[0]).toMatchObject({ status: 'PAID', receiptNo: expect.stringMatching(/^BPU-/) });
    expect(pull.changes.notifications?.[0]).toMatchObject({ kind: 'PAYMENT_PAID' });
  });

  it('lets the gateway simulator pay through the signed webhook', async () => {
    const { payment } = (await (await create({ requestId: randomUUID(), kpj, months: 1, withJht: false })).json()) as Created;
    const auth = `Basic ${Buffer.from(`admin:${t.deps.config.adminPassword}`).toString('base64')}`;
    const res = await t.app.request(`/gateway/pay/${payment.virtualAccount}`, { method: 'POST', headers: { Authorization: auth } });
    expect(res.status).toBe(303);
    const [row] = await t.database.db.select().from(payments).where(eq(payments.virtualAccount, payment.virtualAccount));
    expect(row?.status).toBe('PAID');
  });
});
