import { and, eq, gt } from 'drizzle-orm';
import { memberships, payments } from '../../db/schema.ts';
import type { PaymentRecord } from '../../../shared/sync/entities.ts';
import type { PullReader } from '../../sync/pull-readers.ts';

export const paymentReader: PullReader<'payments'> = {
  entity: 'payments',
  table: 'payments',
  async read({ tx, scope, since }) {
    const rows = await tx
      .select({ p: payments, kpj: memberships.kpj })
      .from(payments)
      .innerJoin(memberships, eq(memberships.id, payments.membershipId))
      .where(and(eq(payments.participantId, scope.participantId), gt(payments.version, since)));
    return rows.map(({ p, kpj }) => toPaymentRecord(p, kpj));
  },
};

/** A payment as the phone stores it: the pull and the create-payment answer send the same shape. */
export function toPaymentRecord(p: typeof payments.$inferSelect, kpj: string): PaymentRecord {
  return {
    key: String(p.id),
    requestId: p.requestId,
    kpj,
    periods: p.periods,
    withJht: p.withJht,
    amount: p.amount,
    virtualAccount: p.virtualAccount,
    status: p.status,
    expiresAt: p.expiresAt.toISOString(),
    paidAt: p.paidAt?.toISOString() ?? null,
    receiptNo: p.receiptNo,
    createdAt: p.createdAt.toISOString(),
  };
}
