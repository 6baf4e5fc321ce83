import { and, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { complaintMessages, complaints } from '../../db/schema.ts';
import type { Database } from '../../db/database.ts';
import { notify } from '../notifications/notify.ts';

/** The newest open complaints, each with its whole thread: the officer reads the participant's replies too. */
export async function listOpenComplaints(db: Database) {
  const open = await db.select().from(complaints).where(ne(complaints.status, 'CLOSED')).orderBy(desc(complaints.id)).limit(50);
  const messages = open.length === 0 ? [] : await db.select().from(complaintMessages).where(inArray(complaintMessages.complaintId, open.map((c) => c.id))).orderBy(asc(complaintMessages.id));
  return open.map((complaint) => ({ ...complaint, messages: messages.filter((m) => m.complaintId === complaint.id) }));
}

/** An officer's answer: a message, the ticket marked answered (or closed), and a notification. */
export async function replyToComplaint(db: Database, input: { complaintId: number; body: string; close: boolean; now: Date }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [complaint] = await tx.select().from(complaints).where(and(eq(complaints.id, input.complaintId), ne(complaints.status, 'CLOSED'))).for('update');
    if (!complaint) return false;
    await tx.insert(complaintMessages).values({ complaintId: complaint.id, participantId: complaint.participantId, author: 'officer', body: input.body, at: input.now });
    await tx.update(complaints).set({ status: input.close ? 'CLOSED' : 'ANSWERED' }).where(eq(complaints.id, complaint.id));
    await notify(tx, {
      participantId: complaint.participantId,
      kind: 'COMPLAINT_REPLY',
      title: `Jawaban pengaduan ${complaint.ticketNo}`,
      body: input.body.length > 140 ? `${input.body.slice(0, 137)}…` : input.body,
      link: `/pengaduan/${complaint.id}`,
      now: input.now,
    });
    return true;
  });
}
