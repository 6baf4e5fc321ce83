import { createHmac, timingSafeEqual } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../db/database.ts';
import { contributions, jhtBalances, memberships, paymentNotifications, payments } from '../../db/schema.ts';
import { bpuContribution } from '../../../shared/rules/contributions.ts';
import { formatRupiah } from '../../../shared/money/rupiah.ts';
import type { PaymentWebhook } from '../../../shared/payments/payment-schemas.ts';
import { jakartaDate } from '../../jakarta-date.ts';
import { notify } from '../notifications/notify.ts';

/** Notifications older or newer than this are refused: a captured request cannot be replayed later. */
export const WEBHOOK_WINDOW_MS = 5 * 60 * 1000;

/** HMAC-SHA256 over `<timestamp>.<raw body>`, hex: binding the time stops re-dating an old body. */
export function signWebhook(secret: string, timestamp: string, rawBody: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
}

export function verifyWebhookSignature(secret: string, timestamp: string | undefined, signature: string | undefined, rawBody: string, now: Date): 'ok' | 'BAD_SIGNATURE' | 'STALE_TIMESTAMP' {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp) || !/^[0-9a-f]{64}$/.test(signature)) return 'BAD_SIGNATURE';
  const expected = Buffer.from(signWebhook(secret, timestamp, rawBody), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'BAD_SIGNATURE';
  if (Math.abs(now.getTime() - Number(timestamp) * 1000) > WEBHOOK_WINDOW_MS) return 'STALE_TIMESTAMP';
  return 'ok';
}

export type WebhookOutcome = 'PAID' | 'DUPLICATE' | 'ALREADY_PAID' | 'UNKNOWN_VA' | 'AMOUNT_MISMATCH' | 'EXPIRED';

/**
 * Marks the payment paid and records its months, once. The notification id is stored in the
 * same transaction: a second delivery of the same notification, or another notification for
 * an already paid bill, changes nothing and is still answered 200 so the gateway stops.
 */
export async function applyPaymentNotification(db: Database, body: PaymentWebhook, now: Date): Promise<WebhookOutcome> {
  return db.transaction(async (tx) => {
    const [payment] = await tx.select().from(payments).where(eq(payments.virtualAccount, body.virtualAccount)).for('update');
    if (!payment) return 'UNKNOWN_VA';
    const [seen] = await tx.select().from(paymentNotifications).where(eq(paymentNotifications.notificationId, body.notificationId));
    if (seen) return 'DUPLICATE';
    if (payment.status === 'PAID') return 'ALREADY_PAID';
    if (body.amount !== payment.amount) return 'AMOUNT_MISMATCH';
    if (payment.expiresAt.getTime() < Date.parse(body.paidAt)) return 'EXPIRED';

    await tx.insert(paymentNotifications).values({ notificationId: body.notificationId, paymentId: payment.id, receivedAt: now });
    const receiptNo = `BPU-${jakartaDate(now).replaceAll('-', '')}-${payment.id}`;
    await tx.update(payments).set({ status: 'PAID', paidAt: new Date(body.paidAt), receiptNo }).where(eq(payments.id, payment.id));
    const [membership] = await tx.select().from(memberships).where(eq(memberships.id, payment.membershipId));
    const monthly = bpuContribution(membership?.declaredIncome ?? 0, payment.withJht, 1);
    const paidOn = body.paidAt.slice(0, 10);
    for (const period of payment.periods) {
      await tx
        .insert(contributions)
        .values({ membershipId: payment.membershipId, participantId: payment.participantId, period, wageBase: monthly.base, jhtWorker: monthly.jht, jkk: monthly.jkk, jkm: monthly.jkm, status: 'PAID', paidAt: paidOn })
        .onConflictDoUpdate({
          target: [contributions.membershipId, contributions.period],
          set: { status: 'PAID', paidAt: paidOn, jhtWorker: monthly.jht, jkk: monthly.jkk, jkm: monthly.jkm, wageBase: monthly.base },
        });
    }
    const jhtAdded = monthly.jht * payment.periods.length;
    if (jhtAdded > 0) {
      await tx
        .update(jhtBalances)
        .set({ contributionTotal: sql`${jhtBalances.contributionTotal} + ${jhtAdded}`, total: sql`${jhtBalances.total} + ${jhtAdded}`, asOf: paidOn })
        .where(and(eq(jhtBalances.membershipId, payment.membershipId)));
    }
    await notify(tx, {
      participantId: payment.participantId,
      kind: 'PAYMENT_PAID',
      title: 'Pembayaran iuran diterima',
      body: `${formatRupiah(payment.amount)} untuk ${payment.periods.length} bulan (${payment.periods[0]} s.d. ${payment.periods.at(-1)}). Bukti: ${receiptNo}.`,
      link: '/bayar',
      now,
    });
    return 'PAID';
  });
}
