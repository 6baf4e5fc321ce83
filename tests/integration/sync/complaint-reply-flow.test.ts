import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { demoEmails } from '../../support/test-session.ts';
import { signedInApp } from '../../support/signed-in-app.ts';
import { createPhone, type PhoneHarness } from '../../support/sync-harness.ts';
import { complaintMessages, complaints } from '../../../server/db/schema.ts';
import { replyToComplaint } from '../../../server/features/backoffice/complaint-replies.ts';
import { createComplaintDraft, queueComplaint } from '../../../client/features/complaints/complaint-drafts.ts';
import { deleteRefusedReply, queueComplaintReply, readComplaintThread } from '../../../client/features/complaints/complaint-replies.ts';

describe('a complaint reply written on the phone', () => {
  const budi = signedInApp(demoEmails.budi);

  async function phoneWithComplaint(): Promise<{ phone: PhoneHarness; complaintKey: string }> {
    const phone = createPhone(budi.t, budi.cookie);
    const draftId = await createComplaintDraft(phone.db, 1, randomUUID);
    await queueComplaint(phone.db, { draftId, category: 'IURAN', description: 'Pembayaran iuran BPU bulan lalu belum tercatat.' }, 2);
    await phone.engine.sync();
    const complaint = await phone.db.complaints.where('draftId').equals(draftId).first();
    return { phone, complaintKey: complaint!.key };
  }
  const storedReplies = (replyId: string) => budi.t.database.db.select().from(complaintMessages).where(eq(complaintMessages.replyId, replyId));

  it('waits offline as queued, then is delivered once and shown once, as the server’s message', async () => {
    const { phone, complaintKey } = await phoneWithComplaint();
    phone.setFault('network-down');
    const replyId = randomUUID();
    const mutationId = await queueComplaintReply(phone.db, { complaintKey, replyId, body: 'Saya bayar lewat Indomaret tanggal 3.' }, 3);
    expect(await phone.db.outbox.get(mutationId)).toMatchObject({ name: 'complaint.reply', draftId: replyId });
    expect(await phone.engine.sync()).toEqual({ kind: 'offline' });
    expect((await readComplaintThread(phone.db, complaintKey)).pending).toEqual([expect.objectContaining({ id: replyId, state: 'queued', body: 'Saya bayar lewat Indomaret tanggal 3.' })]);

    phone.setFault('answer-lost');
    await phone.engine.sync();
    phone.setFault('none');
    await phone.engine.sync();

    expect(await phone.db.drafts.get(replyId)).toMatchObject({ state: 'sent', resultRef: expect.stringMatching(/^\d+$/) });
    const thread = await readComplaintThread(phone.db, complaintKey);
    expect(thread.pending).toEqual([]);
    expect(thread.messages.map((m) => [m.author, m.body])).toEqual([
      ['participant', 'Pembayaran iuran BPU bulan lalu belum tercatat.'],
      ['participant', 'Saya bayar lewat Indomaret tanggal 3.'],
    ]);
    expect(await storedReplies(replyId)).toHaveLength(1);
    expect(await phone.db.outbox.count()).toBe(0);
  });

  it('shows a refusal with its reason, keeps the text, and lets it be edited and resent or deleted', async () => {
    const { phone, complaintKey } = await phoneWithComplaint();
    await replyToComplaint(budi.t.database.db, { complaintId: Number(complaintKey), body: 'Sudah tercatat, kami tutup.', close: true, now: budi.t.clock.now() });
    const replyId = randomUUID();
    await queueComplaintReply(phone.db, { complaintKey, replyId, body: 'Belum muncul di aplikasi.' }, 3);
    await phone.engine.sync();
    expect((await readComplaintThread(phone.db, complaintKey)).pending).toEqual([
      expect.objectContaining({ id: replyId, state: 'rejected', body: 'Belum muncul di aplikasi.', rejection: expect.objectContaining({ code: 'COMPLAINT_CLOSED' }) }),
    ]);
    expect(await phone.db.outbox.count()).toBe(0);

    // The office reopens the ticket; the edited reply goes out under the same reply id.
    await budi.t.database.db.update(complaints).set({ status: 'ANSWERED' }).where(eq(complaints.id, Number(complaintKey)));
    await queueComplaintReply(phone.db, { complaintKey, replyId, body: 'Belum muncul di aplikasi sampai hari ini.' }, 4);
    await phone.engine.sync();
    expect(await phone.db.drafts.get(replyId)).toMatchObject({ state: 'sent' });
    expect((await storedReplies(replyId)).map((m) => m.body)).toEqual(['Belum muncul di aplikasi sampai hari ini.']);

    await replyToComplaint(budi.t.database.db, { complaintId: Number(complaintKey), body: 'Kami tutup lagi.', close: true, now: budi.t.clock.now() });
    const refusedId = randomUUID();
    await queueComplaintReply(phone.db, { complaintKey, replyId: refusedId, body: 'Terima kasih.' }, 5);
    await phone.engine.sync();
    await deleteRefusedReply(phone.db, refusedId);
    expect((await readComplaintThread(phone.db, complaintKey)).pending).toEqual([]);
  });

  it('cannot send a reply twice while the first is still queued', async () => {
    const { phone, complaintKey } = await phoneWithComplaint();
    phone.setFault('network-down');
    const args = { complaintKey, replyId: randomUUID(), body: 'Satu kali saja.' };
    await queueComplaintReply(phone.db, args, 3);
    await expect(queueComplaintReply(phone.db, args, 4)).rejects.toThrow(/already queued/);
    expect(await phone.db.outbox.count()).toBe(1);
  });
});
