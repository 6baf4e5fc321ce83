import { and, desc, eq, sql } from 'drizzle-orm';
import { rowsOf, type Database } from '../../db/database.ts';
import { accountCards, contributions, memberships, payments } from '../../db/schema.ts';
import { bpuContribution } from '../../../shared/rules/contributions.ts';
import { addPeriods, periodOf } from '../../../shared/rules/dates.ts';
import type { CreatePaymentInput } from '../../../shared/payments/payment-schemas.ts';
import type { AuthContext } from '../../app-env.ts';
import { jakartaDate } from '../../jakarta-date.ts';

const VA_VALID_MS = 24 * 60 * 60 * 1000;
const VA_PREFIX = '8889';

export type CreatePaymentResult =
  | { ok: true; payment: typeof payments.$inferSelect }
  | { ok: false; code: 'CARD_NOT_YOURS' | 'NOT_BPU' | 'PAYMENT_PENDING'; payment?: typeof payments.$inferSelect };

/**
 * Issues a virtual account for the next unpaid months. Idempotent by the phone's request id:
 * a retry after a lost answer gets the same VA instead of a second bill.
 */
export async function createPayment(db: Database, auth: AuthContext, input: CreatePaymentInput, now: Date): Promise<CreatePaymentResult> {
  return db.transaction(async (tx) => {
    const [same] = await tx.select().from(payments).where(and(eq(payments.participantId, auth.participantId), eq(payments.requestId, input.requestId)));
    if (same) return { ok: true, payment: same };
    const [card] = await tx
      .select({ m: memberships })
      .from(memberships)
      .innerJoin(accountCards, and(eq(accountCards.membershipId, memberships.id), eq(accountCards.accountId, auth.accountId)))
      .where(and(eq(memberships.kpj, input.kpj), eq(memberships.participantId, auth.participantId)))
      .for('update', { of: memberships });
    if (!card) return { ok: false, code: 'CARD_NOT_YOURS' };
    if (card.m.segment !== 'BPU') return { ok: false, code: 'NOT_BPU' };
    const [pending] = await tx
      .select()
      .from(payments)
      .where(and(eq(payments.membershipId, card.m.id), eq(payments.status, 'PENDING'), sql`${payments.expiresAt} > ${now}`));
    if (pending) return { ok: false, code: 'PAYMENT_PENDING', payment: pending };

    const [lastPaid] = await tx
      .select({ period: contributions.period })
      .from(contributions)
      .where(and(eq(contributions.membershipId, card.m.id), eq(contributions.status, 'PAID')))
      .orderBy(desc(contributions.period))
      .limit(1);
    const currentPeriod = periodOf(jakartaDate(now));
    // Months already covered are never billed twice; arrears start from the first unpaid month.
    const first = lastPaid ? addPeriods(lastPaid.period, 1) : currentPeriod;
    const periods = Array.from({ length: input.months }, (_, i) => addPeriods(first, i));
    const amount = bpuContribution(card.m.declaredIncome ?? 0, input.withJht, input.months).total;
    const id = Number(rowsOf<{ id: number }>(await tx.execute(sql`select nextval('payments_id_seq')::int as id`))[0]?.id);
    const [payment] = await tx
      .insert(payments)
      .values({
        id,
        participantId: auth.participantId,
        membershipId: card.m.id,
        requestId: input.requestId,
        periods,
        withJht: input.withJht,
        amount,
        virtualAccount: `${VA_PREFIX}${String(id).padStart(12, '0')}`,
        status: 'PENDING',
        expiresAt: new Date(now.getTime() + VA_VALID_MS),
        createdAt: now,
      })
      .returning();
    return { ok: true, payment: payment! };
  });
}
