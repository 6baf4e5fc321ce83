import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createTestApp, jsonRequest, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { complaints } from '../../../../server/db/schema.ts';
import { replyToComplaint } from '../../../../server/features/backoffice/complaint-replies.ts';
import type { PullResponse, PushResponse } from '../../../../shared/sync/protocol.ts';

describe('complaints and notifications', () => {
  let t: TestApp;
  let siti: Awaited<ReturnType<typeof signInAs>>;
  const deviceId = randomUUID();
  let nextId = 0;
  beforeAll(async () => {
    t = await createTestApp();
    siti = await signInAs(t, demoEmails.siti);
  });
  afterAll(() => t.close());

  const push = async (name: string, args: unknown) => {
    const res = await t.app.request('/api/sync/push', jsonRequest('POST', { deviceId, mutations: [{ id: ++nextId, name, args, createdAt: 1 }] }, { Cookie: siti.cookie }));
    return ((await res.json()) as PushResponse).results[0]!;
  };
  const pull = async () => (await (await t.app.request('/api/sync/pull', { headers: { Cookie: siti.cookie } })).json()) as PullResponse;

  it('gives a filed complaint a ticket number, once per draft', async () => {
    const args = { draftId: randomUUID(), category: 'SALDO', description: 'Iuran bulan Maret dan April tidak tercatat di saldo saya.' };
    const first = await push('complaint.file', args);
    expect(first).toMatchObject({ status: 'applied', ref: expect.stringMatching(/^ADU-261125-\d{6}$/) });
    const again = await push('complaint.file', args);
    expect(again).toMatchObject({ status: 'applied', ref: first.status === 'applied' ? first.ref : '' });
    expect(await t.database.db.select().from(complaints).where(eq(complaints.draftId, args.draftId))).toHaveLength(1);
  });

  it('refuses a too-short complaint with the schema’s reason', async () => {
    expect(await push('complaint.file', { draftId: randomUUID(), category: 'SALDO', description: 'saldo?' })).toMatchObject({ status: 'rejected', code: 'INVALID_ARGS' });
  });

  it('brings an officer’s reply and a notification to the phone, and syncs the read mark', async () => {
    const [complaint] = await t.database.db.select().from(complaints).where(eq(complaints.participantId, siti.participantId));
    expect(await replyToComplaint(t.database.db, { complaintId: complaint!.id, body: 'Iuran sudah kami cek; pemberi kerja membayar terlambat dan kini sudah tercatat.', close: false, now: t.clock.now() })).toBe(true);
    const body = await pull();
    expect(body.changes.complaints?.[0]).toMatchObject({ status: 'ANSWERED', ticketNo: complaint!.ticketNo });
    expect(body.changes.complaintMessages?.map((m) => m.author)).toEqual(['participant', 'officer']);
    const notification = body.changes.notifications?.find((n) => n.kind === 'COMPLAINT_REPLY');
    expect(notification).toMatchObject({ readAt: null, link: `/pengaduan/${complaint!.id}` });

    expect(await push('notification.read', { keys: [notification!.key] })).toMatchObject({ status: 'applied' });
    const after = await pull();
    expect(after.changes.notifications?.find((n) => n.key === notification!.key)?.readAt).not.toBeNull();
  });
});
