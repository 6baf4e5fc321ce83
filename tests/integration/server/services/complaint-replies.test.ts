import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { createTestApp, jsonRequest, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { complaintMessages, complaints } from '../../../../server/db/schema.ts';
import { replyToComplaint } from '../../../../server/features/backoffice/complaint-replies.ts';
import type { MutationResult, PullResponse, PushResponse } from '../../../../shared/sync/protocol.ts';

type Session = Awaited<ReturnType<typeof signInAs>>;

describe('complaint.reply', () => {
  let t: TestApp;
  let siti: Session;
  let dewi: Session;
  const devices = new Map<Session, { deviceId: string; lastId: number }>();
  beforeAll(async () => {
    t = await createTestApp();
    siti = await signInAs(t, demoEmails.siti);
    dewi = await signInAs(t, demoEmails.dewi);
  });
  afterAll(() => t.close());

  /** Sends one mutation; `resendId` repeats an earlier mutation id as a phone does after a lost answer. */
  const push = async (who: Session, name: string, args: unknown, resendId?: number): Promise<MutationResult> => {
    const device = devices.get(who) ?? { deviceId: randomUUID(), lastId: 0 };
    devices.set(who, device);
    const id = resendId ?? ++device.lastId;
    const res = await t.app.request('/api/sync/push', jsonRequest('POST', { deviceId: device.deviceId, mutations: [{ id, name, args, createdAt: 1 }] }, { Cookie: who.cookie }));
    expect(res.status).toBe(200);
    return ((await res.json()) as PushResponse).results[0]!;
  };
  const fileComplaint = async (who: Session) => {
    const draftId = randomUUID();
    await push(who, 'complaint.file', { draftId, category: 'IURAN', description: 'Iuran bulan Oktober belum masuk ke saldo JHT saya.' });
    const [row] = await t.database.db.select().from(complaints).where(eq(complaints.draftId, draftId));
    return row!;
  };
  const participantMessages = (complaintId: number) =>
    t.database.db.select().from(complaintMessages).where(and(eq(complaintMessages.complaintId, complaintId), eq(complaintMessages.author, 'participant')));

  it('stores a reply once, whether the same mutation or the same reply id is sent again', async () => {
    const complaint = await fileComplaint(siti);
    const args = { complaintKey: String(complaint.id), replyId: randomUUID(), body: '  Sudah saya cek lagi, bulan November juga belum masuk.  ' };
    const first = await push(siti, 'complaint.reply', args);
    expect(first).toMatchObject({ status: 'applied', ref: expect.stringMatching(/^\d+$/) });
    const sameMutation = await push(siti, 'complaint.reply', args, devices.get(siti)!.lastId);
    const sameReplyNewMutation = await push(siti, 'complaint.reply', args);
    expect(sameMutation).toEqual(first);
    expect(sameReplyNewMutation).toMatchObject({ status: 'applied', ref: (first as { ref: string }).ref });
    const stored = await participantMessages(complaint.id);
    expect(stored.map((m) => m.body)).toEqual(['Iuran bulan Oktober belum masuk ke saldo JHT saya.', 'Sudah saya cek lagi, bulan November juga belum masuk.']);
  });

  it('reopens an answered complaint and brings the reply back to the phone through pull', async () => {
    const complaint = await fileComplaint(siti);
    await replyToComplaint(t.database.db, { complaintId: complaint.id, body: 'Mohon kirim nama pemberi kerja Anda.', close: false, now: t.clock.now() });
    const before = (await (await t.app.request('/api/sync/pull', { headers: { Cookie: siti.cookie } })).json()) as PullResponse;
    const reply = await push(siti, 'complaint.reply', { complaintKey: String(complaint.id), replyId: randomUUID(), body: 'PT Sinar Jaya, Bekasi.' });
    const delta = (await (await t.app.request(`/api/sync/pull?cursor=${before.cursor}`, { headers: { Cookie: siti.cookie } })).json()) as PullResponse;
    expect(delta.changes.complaints).toEqual([expect.objectContaining({ key: String(complaint.id), status: 'OPEN' })]);
    expect(delta.changes.complaintMessages).toEqual([expect.objectContaining({ key: (reply as { ref: string }).ref, complaintKey: String(complaint.id), author: 'participant', body: 'PT Sinar Jaya, Bekasi.' })]);
  });

  it('shows the participant’s reply to the officer in the back office', async () => {
    const complaint = await fileComplaint(siti);
    await push(siti, 'complaint.reply', { complaintKey: String(complaint.id), replyId: randomUUID(), body: 'Slip gaji Oktober saya lampirkan di kantor cabang.' });
    const auth = `Basic ${Buffer.from(`admin:${t.deps.config.adminPassword}`).toString('base64')}`;
    const page = await (await t.app.request('/admin', { headers: { Authorization: auth } })).text();
    expect(page).toContain('Peserta:</strong> Slip gaji Oktober saya lampirkan di kantor cabang.');
  });

  it('refuses a reply to another participant’s complaint and stores nothing', async () => {
    const complaint = await fileComplaint(siti);
    const result = await push(dewi, 'complaint.reply', { complaintKey: String(complaint.id), replyId: randomUUID(), body: 'Ini bukan pengaduan saya.' });
    expect(result).toMatchObject({ status: 'rejected', code: 'COMPLAINT_NOT_FOUND', message: 'Pengaduan ini tidak ada di akun Anda.' });
    expect(await participantMessages(complaint.id)).toHaveLength(1);
  });

  it('refuses a reply to a closed complaint with an Indonesian reason', async () => {
    const complaint = await fileComplaint(siti);
    await replyToComplaint(t.database.db, { complaintId: complaint.id, body: 'Sudah kami perbaiki.', close: true, now: t.clock.now() });
    const result = await push(siti, 'complaint.reply', { complaintKey: String(complaint.id), replyId: randomUUID(), body: 'Terima kasih.' });
    expect(result).toMatchObject({ status: 'rejected', code: 'COMPLAINT_CLOSED', message: expect.stringContaining('sudah selesai') });
    expect(await participantMessages(complaint.id)).toHaveLength(1);
    const [after] = await t.database.db.select().from(complaints).where(eq(complaints.id, complaint.id));
    expect(after!.status).toBe('CLOSED');
  });

  it('refuses an empty or too long reply as invalid', async () => {
    const complaint = await fileComplaint(siti);
    for (const body of ['   ', 'x'.repeat(1001)]) {
      expect(await push(siti, 'complaint.reply', { complaintKey: String(complaint.id), replyId: randomUUID(), body })).toMatchObject({ status: 'rejected', code: 'INVALID_ARGS' });
    }
    expect(await participantMessages(complaint.id)).toHaveLength(1);
  });
});
