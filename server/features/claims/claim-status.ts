import { and, eq, sql } from 'drizzle-orm';
import { claimEvents, claims, jhtBalances } from '../../db/schema.ts';
import type { Tx } from '../../db/database.ts';
import type { ClaimStatus } from '../../../shared/claims/claim-schemas.ts';
import { documentLabel } from '../../../shared/rules/claim-documents.ts';
import { notify } from '../notifications/notify.ts';

/** The tracker's state machine (DOMAIN.md §3): who may move a claim where. */
export const NEXT_STATUSES: Record<ClaimStatus, readonly ClaimStatus[]> = {
  SUBMITTED: ['VERIFYING', 'REJECTED', 'CANCELLED'],
  VERIFYING: ['APPROVED', 'RETURNED', 'REJECTED'],
  RETURNED: ['SUBMITTED', 'REJECTED', 'CANCELLED'],
  APPROVED: ['PAID'],
  PAID: [],
  REJECTED: [],
  CANCELLED: [],
};

const STATUS_WORDS: Record<ClaimStatus, string> = {
  SUBMITTED: 'diajukan kembali',
  VERIFYING: 'sedang diverifikasi',
  RETURNED: 'perlu perbaikan',
  APPROVED: 'disetujui',
  PAID: 'sudah dibayar',
  REJECTED: 'ditolak',
  CANCELLED: 'dibatalkan',
};

export type AdvanceResult = { ok: true } | { ok: false; code: 'NOT_FOUND' | 'TRANSITION_NOT_ALLOWED' | 'NOTE_REQUIRED' };

/**
 * Moves a claim one step and records the event; both are versioned rows, so the next pull
 * brings the new status to the participant's phone. Paying a JHT claim debits the balance.
 */
export async function advanceClaim(
  tx: Tx,
  input: {
    claimId: number;
    to: ClaimStatus;
    note: string | null;
    actor: string;
    now: Date;
    participantId?: number;
    /** With `to: 'RETURNED'`: the one checklist document the participant must photograph again (the caller checked it is the claim's). */
    requestedDocumentId?: string | null;
  },
): Promise<AdvanceResult> {
  const [claim] = await tx
    .select()
    .from(claims)
    .where(input.participantId === undefined ? eq(claims.id, input.claimId) : and(eq(claims.id, input.claimId), eq(claims.participantId, input.participantId)))
    .for('update');
  if (!claim) return { ok: false, code: 'NOT_FOUND' };
  if (!NEXT_STATUSES[claim.status as ClaimStatus]?.includes(input.to)) return { ok: false, code: 'TRANSITION_NOT_ALLOWED' };
  if ((input.to === 'REJECTED' || input.to === 'RETURNED') && !input.note?.trim()) return { ok: false, code: 'NOTE_REQUIRED' };
  // The request only means something while the claim waits for the participant: any other move
  // (resubmitted, rejected, cancelled) ends it, so a phone never shows a stale "foto ulang".
  const requestedDocumentId = input.to === 'RETURNED' ? (input.requestedDocumentId ?? null) : null;
  const changes: Partial<typeof claims.$inferInsert> = { status: input.to, requestedDocumentId };
  if (input.to === 'APPROVED') changes.approvedAmount = claim.requestedAmount;
  await tx.update(claims).set(changes).where(eq(claims.id, claim.id));
  if (input.to === 'PAID' && claim.program === 'JHT') {
    const paid = claim.approvedAmount ?? claim.requestedAmount;
    await tx
      .update(jhtBalances)
      .set({ paidOutTotal: sql`${jhtBalances.paidOutTotal} + ${paid}`, total: sql`greatest(0, ${jhtBalances.total} - ${paid})`, asOf: input.now.toISOString().slice(0, 10) })
      .where(eq(jhtBalances.membershipId, claim.membershipId));
  }
  await tx.insert(claimEvents).values({ claimId: claim.id, participantId: claim.participantId, status: input.to, note: input.note?.trim() || null, actor: input.actor, at: input.now });
  if (input.actor !== 'participant') {
    await notify(tx, {
      participantId: claim.participantId,
      kind: 'CLAIM_STATUS',
      title: `Klaim ${claim.claimNo}: ${STATUS_WORDS[input.to]}`,
      body: notificationBody(input.note, input.to, requestedDocumentId),
      link: `/klaim/lacak/${claim.id}`,
      now: input.now,
    });
  }
  return { ok: true };
}

function notificationBody(note: string | null, to: ClaimStatus, requestedDocumentId: string | null): string {
  const text = note?.trim() || `Status klaim Anda sekarang: ${STATUS_WORDS[to]}.`;
  const document = requestedDocumentId ? documentLabel(requestedDocumentId) : undefined;
  return document ? `Mohon foto ulang: ${document.id}. ${text}` : text;
}
