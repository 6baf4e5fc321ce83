import { and, eq } from 'drizzle-orm';
import { complaintMessages, complaints } from '../../db/schema.ts';
import type { MutationDefinition } from '../../sync/mutation-registry.ts';
import { ComplaintReplyArgsSchema } from '../../../shared/complaints/complaint-schemas.ts';

/**
 * `complaint.reply`: the participant's message in the thread of one of their own open
 * complaints. A reply to an answered complaint reopens it ("Menunggu jawaban"): the office
 * owes an answer again and the back office lists it as waiting. A closed one stays closed.
 */
export const complaintReply: MutationDefinition<typeof ComplaintReplyArgsSchema> = {
  name: 'complaint.reply',
  schema: ComplaintReplyArgsSchema,
  async apply({ tx, auth, now }, args) {
    const [existing] = await tx
      .select({ id: complaintMessages.id })
      .from(complaintMessages)
      .where(and(eq(complaintMessages.participantId, auth.participantId), eq(complaintMessages.replyId, args.replyId)));
    if (existing) return { status: 'applied', ref: String(existing.id) };
    // Locked so an officer closing the ticket at the same moment cannot slip a reply into a closed thread.
    const [complaint] = await tx
      .select({ id: complaints.id, status: complaints.status })
      .from(complaints)
      .where(and(eq(complaints.id, Number(args.complaintKey)), eq(complaints.participantId, auth.participantId)))
      .for('update');
    if (!complaint) return { status: 'rejected', code: 'COMPLAINT_NOT_FOUND', message: 'Pengaduan ini tidak ada di akun Anda.' };
    if (complaint.status === 'CLOSED') {
      return { status: 'rejected', code: 'COMPLAINT_CLOSED', message: 'Pengaduan ini sudah selesai, jadi tidak bisa dibalas lagi. Buat pengaduan baru bila masih ada masalah.' };
    }
    const [message] = await tx
      .insert(complaintMessages)
      .values({ complaintId: complaint.id, participantId: auth.participantId, author: 'participant', body: args.body, replyId: args.replyId, at: now })
      .returning({ id: complaintMessages.id });
    if (complaint.status === 'ANSWERED') await tx.update(complaints).set({ status: 'OPEN' }).where(eq(complaints.id, complaint.id));
    return { status: 'applied', ref: String(message!.id) };
  },
};
