import { and, eq, gt } from 'drizzle-orm';
import { complaintMessages, complaints, memberships, notifications, payments } from '../db/schema.ts';
import type { Tx } from '../db/database.ts';
import type { SyncScope } from './sync-scope.ts';
import type { VersionedTable } from './pull.ts';
import type { ComplaintMessageRecord, ComplaintRecord, NotificationRecord, PaymentRecord } from '../../shared/sync/entities.ts';

/** The service rows of a pull (complaints, payments, notifications), same scope and watermark. */
export async function readServiceChanges(tx: Tx, scope: SyncScope, since: number, hasNewer: (table: VersionedTable) => boolean) {
  const owner = scope.participantId;
  // One query at a time: inside a transaction they share one connection (pg@9 forbids overlap).
  const complaintRows = hasNewer('complaints')
    ? await tx
        .select({ c: complaints, kpj: memberships.kpj })
        .from(complaints)
        .leftJoin(memberships, eq(memberships.id, complaints.membershipId))
        .where(and(eq(complaints.participantId, owner), gt(complaints.version, since)))
    : [];
  const messageRows = hasNewer('complaint_messages')
    ? await tx.select().from(complaintMessages).where(and(eq(complaintMessages.participantId, owner), gt(complaintMessages.version, since))).orderBy(complaintMessages.id)
    : [];
  const paymentRows = hasNewer('payments')
    ? await tx
        .select({ p: payments, kpj: memberships.kpj })
        .from(payments)
        .innerJoin(memberships, eq(memberships.id, payments.membershipId))
        .where(and(eq(payments.participantId, owner), gt(payments.version, since)))
    : [];
  const notificationRows = hasNewer('notifications')
    ? await tx.select().from(notifications).where(and(eq(notifications.participantId, owner), gt(notifications.version, since))).orderBy(notifications.id)
    : [];
  return {
    complaints: complaintRows.map(
      ({ c, kpj }): ComplaintRecord => ({
        key: String(c.id),
        ticketNo: c.ticketNo,
        draftId: c.draftId,
        kpj,
        category: c.category,
        description: c.description,
        status: c.status,
        createdAt: c.createdAt.toISOString(),
      }),
    ),
    complaintMessages: messageRows.map(
      (m): ComplaintMessageRecord => ({ key: String(m.id), complaintKey: String(m.complaintId), author: m.author, body: m.body, at: m.at.toISOString() }),
    ),
    payments: paymentRows.map(({ p, kpj }) => toPaymentRecord(p, kpj)),
    notifications: notificationRows.map(
      (n): NotificationRecord => ({
        key: String(n.id),
        kind: n.kind,
        title: n.title,
        body: n.body,
        link: n.link,
        createdAt: n.createdAt.toISOString(),
        readAt: n.readAt?.toISOString() ?? null,
      }),
    ),
  };
}

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
