import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/database.ts';
import { accountCards, complaintMessages, complaints, memberships } from '../../db/schema.ts';
import type { MutationDefinition } from '../../sync/mutation-registry.ts';
import { ComplaintFileArgsSchema } from '../../../shared/complaints/complaint-schemas.ts';
import { jakartaDate } from '../../jakarta-date.ts';

/** `complaint.file`: gets a ticket number; the same draft resent answers the same ticket. */
export const complaintFile: MutationDefinition<typeof ComplaintFileArgsSchema> = {
  name: 'complaint.file',
  schema: ComplaintFileArgsSchema,
  async apply({ tx, auth, now }, args) {
    const [existing] = await tx
      .select({ ticketNo: complaints.ticketNo })
      .from(complaints)
      .where(and(eq(complaints.participantId, auth.participantId), eq(complaints.draftId, args.draftId)));
    if (existing) return { status: 'applied', ref: existing.ticketNo };
    let membershipId: number | null = null;
    if (args.kpj) {
      const [card] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .innerJoin(accountCards, and(eq(accountCards.membershipId, memberships.id), eq(accountCards.accountId, auth.accountId)))
        .where(eq(memberships.kpj, args.kpj));
      if (!card) return { status: 'rejected', code: 'CARD_NOT_YOURS', message: 'Kartu peserta ini tidak ada di akun Anda.' };
      membershipId = card.id;
    }
    const id = Number(rowsOf<{ id: number }>(await tx.execute(sql`select nextval('complaints_id_seq')::int as id`))[0]?.id);
    const ticketNo = `ADU-${jakartaDate(now).replaceAll('-', '').slice(2)}-${String(id).padStart(6, '0')}`;
    await tx.insert(complaints).values({ id, ticketNo, participantId: auth.participantId, membershipId, draftId: args.draftId, category: args.category, description: args.description, status: 'OPEN', createdAt: now });
    await tx.insert(complaintMessages).values({ complaintId: id, participantId: auth.participantId, author: 'participant', body: args.description, at: now });
    return { status: 'applied', ref: ticketNo };
  },
};
