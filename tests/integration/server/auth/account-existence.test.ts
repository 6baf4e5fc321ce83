import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, jsonRequest, type TestApp } from '../../../support/test-app.ts';
import { demoEmails } from '../../../support/test-session.ts';
import { accounts, memberships, messageOutbox, participants, passwordResets, verificationCodes } from '../../../../server/db/schema.ts';
import { deliverPendingMessages } from '../../../../server/messaging/deliver-messages.ts';
import type { OutgoingMessage } from '../../../../server/messaging/message-outbox.ts';

// Timing itself is measured by `npm run bench`; these pin down that both paths do the same work.
describe('flows that must not reveal whether an account exists do the same work either way', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const post = (path: string, body: unknown) => t.app.request(`/api/auth/${path}`, jsonRequest('POST', body));
  const queuedTo = (recipient: string) => t.database.db.select().from(messageOutbox).where(eq(messageOutbox.recipient, recipient));

  it('password reset queues an email for an unknown address too, born discarded, and the deliverer never sends it', async () => {
    const unknown = 'tidak.ada@contoh.id';
    const answers = [await post('password-reset/request', { email: demoEmails.budi }), await post('password-reset/request', { email: unknown })];
    expect(answers.map((r) => r.status)).toEqual([202, 202]);
    expect(await answers[0]!.json()).toEqual(await answers[1]!.json());

    const [known] = await queuedTo(demoEmails.budi);
    const [discarded] = await queuedTo(unknown);
    expect(known).toMatchObject({ lastError: null, sentAt: null });
    expect(discarded).toMatchObject({ lastError: expect.stringMatching(/^discarded/), sentAt: null });
    const token = known!.body.match(/token=([\w-]+)/)![1]!;
    const resets = await t.database.db.select({ accountId: passwordResets.accountId }).from(passwordResets);
    const [budi] = await t.database.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, demoEmails.budi));
    expect(resets).toEqual([{ accountId: budi!.id }]);
    expect(discarded!.body).not.toContain(token);

    const sent: OutgoingMessage[] = [];
    const recorder = { send: async (message: OutgoingMessage) => void sent.push(message) };
    await deliverPendingMessages(t.database.db, { email: recorder, sms: recorder }, t.clock.now(), t.deps.log);
    expect(sent.map((m) => m.recipient)).toEqual([demoEmails.budi]);
  });

  it('registration stores an email code for an address that has an account too, and sends its owner a notice instead', async () => {
    const [rina] = await t.database.db
      .select({ nik: participants.nik, kpj: memberships.kpj, fullName: participants.fullName, birthDate: participants.birthDate })
      .from(participants)
      .innerJoin(memberships, eq(memberships.participantId, participants.id))
      .where(eq(participants.fullName, 'Rina Kartika'));
    const contact = async (email: string) => {
      const { registrationId } = (await (await post('register/identity', rina)).json()) as { registrationId: string };
      const res = await post('register/contact', { registrationId, email, phone: '0812 7777 1234', password: 'Es-Cendol-Dingin-5' });
      const codes = await t.database.db.select().from(verificationCodes).where(and(eq(verificationCodes.subjectId, registrationId), eq(verificationCodes.channel, 'email'), isNull(verificationCodes.consumedAt)));
      return { status: res.status, keys: Object.keys((await res.json()) as object), codes: codes.length };
    };
    expect(await contact(demoEmails.siti)).toEqual(await contact('rina.baru@contoh.id'));
    expect(await contact(demoEmails.siti)).toMatchObject({ status: 200, codes: 1 });
    const toSiti = await queuedTo(demoEmails.siti);
    expect(toSiti.length).toBeGreaterThan(0);
    expect(toSiti.every((m) => !/\b\d{6}\b/.test(m.body) && /sudah dipakai akun Anda/.test(m.body))).toBe(true);
  });
});
