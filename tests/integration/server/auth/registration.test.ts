import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, fromLoopback, jsonRequest, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, participantWithoutAccount } from '../../../support/test-session.ts';
import { accounts, memberships, participants } from '../../../../server/db/schema.ts';
import { DEMO_PASSWORD } from '../../../../server/seed/demo-people.ts';

interface Mail {
  channel: string;
  recipient: string;
  subject: string;
  body: string;
}

describe('registration against the membership data, with email and SMS codes', () => {
  let t: TestApp;
  let rina: { nik: string; kpj: string };
  let siti: { nik: string; kpj: string };
  beforeAll(async () => {
    t = await createTestApp();
    const find = async (name: string) => {
      const [row] = await t.database.db.select({ nik: participants.nik, kpj: memberships.kpj }).from(participants).innerJoin(memberships, eq(memberships.participantId, participants.id)).where(eq(participants.fullName, name));
      return row!;
    };
    rina = await find('Rina Kartika');
    siti = await find('Siti Rahayu');
  });
  afterAll(() => t.close());

  const post = (path: string, body: unknown) => t.app.request(`/api/auth/${path}`, jsonRequest('POST', body));
  const mailbox = async () => ((await (await t.app.request('/dev/mailbox.json', {}, fromLoopback)).json()) as { messages: Mail[] }).messages;
  const latestCode = async (recipient: string) => (await mailbox()).find((m) => m.recipient === recipient)?.body.match(/\b(\d{6})\b/)?.[1];
  const identity = (overrides: object = {}) => ({ nik: rina.nik, kpj: rina.kpj, fullName: 'rina  KARTIKA', birthDate: '1998-11-09', ...overrides });

  it('answers every mismatch, and an existing account, with the same refusal', async () => {
    const answers = await Promise.all([
      post('register/identity', identity({ fullName: 'Rina Kartini' })),
      post('register/identity', identity({ birthDate: '1998-11-10' })),
      post('register/identity', identity({ nik: '3171010101900001' })),
      post('register/identity', { nik: siti.nik, kpj: siti.kpj, fullName: 'Siti Rahayu', birthDate: '1988-04-12' }),
    ]);
    const bodies = await Promise.all(answers.map((r) => r.json()));
    expect(answers.map((r) => r.status)).toEqual([422, 422, 422, 422]);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  it('refuses weak passwords with the reason', async () => {
    const { registrationId } = (await (await post('register/identity', identity())).json()) as { registrationId: string };
    for (const [password, reason] of [['pendek', 'minimal 8'], ['bismillah123', 'terlalu umum'], [`x${rina.nik}`, 'NIK'], ['Rina09111998', 'tanggal lahir']] as const) {
      const res = await post('register/contact', { registrationId, email: 'rina@contoh.id', phone: '0812 3456 7890', password });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { message: string }).message).toContain(reason);
    }
  });

  it('says which code was wrong, email or SMS', async () => {
    const { registrationId } = (await (await post('register/identity', identity())).json()) as { registrationId: string };
    await post('register/contact', { registrationId, email: 'rina.salah@contoh.id', phone: '0812-3456-0001', password: 'Kopi-Tubruk-2026' });
    const wrongCode = async (channel: 'email' | 'sms') => {
      const real = await latestCode(channel === 'email' ? 'rina.salah@contoh.id' : '+6281234560001');
      return (await post('register/verify', { registrationId, channel, code: real === '000000' ? '111111' : '000000' })).json();
    };
    expect(await wrongCode('sms')).toMatchObject({ code: 'CODE_WRONG', message: 'Kode dari SMS salah. Sisa 4 kali percobaan.', fields: { code: expect.stringContaining('SMS') } });
    expect(await wrongCode('email')).toMatchObject({ code: 'CODE_WRONG', message: 'Kode dari email salah. Sisa 4 kali percobaan.' });
  });

  it('creates the account only when both codes are right, and signs the person in', async () => {
    const { registrationId } = (await (await post('register/identity', identity())).json()) as { registrationId: string };
    const contact = await post('register/contact', { registrationId, email: 'Rina.Kartika@Contoh.id', phone: '0812-3456-7890', password: 'Kopi-Tubruk-2026' });
    expect(await contact.json()).toMatchObject({ resendAfterSec: 60, phoneMasked: expect.stringContaining('+62') });
    const emailCode = (await latestCode('rina.kartika@contoh.id'))!;
    const smsCode = (await latestCode('+6281234567890'))!;
    expect(emailCode).toMatch(/^\d{6}$/);

    const wrong = await post('register/verify', { registrationId, channel: 'email', code: emailCode === '000000' ? '111111' : '000000' });
    expect(await wrong.json()).toMatchObject({ code: 'CODE_WRONG', message: expect.stringContaining('Sisa 4') });
    expect(await (await post('register/verify', { registrationId, channel: 'email', code: emailCode })).json()).toEqual({ verified: 'email', waitingFor: 'sms' });
    expect(await t.database.db.select().from(accounts).where(eq(accounts.email, 'rina.kartika@contoh.id'))).toHaveLength(0);

    const done = await post('register/verify', { registrationId, channel: 'sms', code: smsCode });
    expect(await done.json()).toMatchObject({ signedIn: true });
    const cookie = done.headers.get('Set-Cookie')!.split(';')[0]!;
    const account = (await (await t.app.request('/api/account', { headers: { Cookie: cookie } })).json()) as { cards: { kpj: string }[] };
    expect(account.cards.map((c) => c.kpj)).toEqual([rina.kpj]);
    expect(t.logLines.join('\n')).not.toContain(emailCode);
    expect(t.logLines.join('\n')).not.toContain(smsCode);
  });

  it('locks a code after 5 wrong tries, spaces resends by 60 seconds, and expires codes after 5 minutes', async () => {
    const person = await participantWithoutAccount(t.database.db);
    const { registrationId } = (await (await post('register/identity', person)).json()) as { registrationId: string };
    await post('register/contact', { registrationId, email: 'uji.kode@contoh.id', phone: '081298765432', password: 'Nasi-Goreng-Pedas-9' });
    const smsCode = (await latestCode('+6281298765432'))!;
    const wrongCode = smsCode === '000000' ? '111111' : '000000';
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push(((await (await post('register/verify', { registrationId, channel: 'sms', code: wrongCode })).json()) as { code: string }).code);
    expect(codes).toEqual(['CODE_WRONG', 'CODE_WRONG', 'CODE_WRONG', 'CODE_WRONG', 'CODE_LOCKED']);
    expect(await (await post('register/verify', { registrationId, channel: 'sms', code: smsCode })).json()).toMatchObject({ code: 'CODE_LOCKED' });

    const tooSoon = await post('register/resend', { registrationId, channel: 'sms' });
    expect(tooSoon.status).toBe(429);
    expect(await tooSoon.json()).toMatchObject({ code: 'RESEND_TOO_SOON' });
    t.clock.advance(61_000);
    expect((await post('register/resend', { registrationId, channel: 'sms' })).status).toBe(200);
    const fresh = (await latestCode('+6281298765432'))!;
    expect(await (await post('register/verify', { registrationId, channel: 'sms', code: fresh })).json()).toMatchObject({ verified: 'sms' });

    t.clock.advance(5 * 60_000);
    const emailCode = (await latestCode('uji.kode@contoh.id'))!;
    expect(await (await post('register/verify', { registrationId, channel: 'email', code: emailCode })).json()).toMatchObject({ code: 'CODE_EXPIRED' });
  });

  it('sends a reset link that works once and ends every session', async () => {
    const signIn = await t.app.request('/api/auth/sign-in', jsonRequest('POST', { identifier: demoEmails.dewi, password: DEMO_PASSWORD }));
    const oldCookie = signIn.headers.get('Set-Cookie')!.split(';')[0]!;
    expect((await post('password-reset/request', { email: demoEmails.dewi })).status).toBe(202);
    expect((await post('password-reset/request', { email: 'tidak.ada@contoh.id' })).status).toBe(202);
    const link = (await mailbox()).find((m) => m.recipient === demoEmails.dewi)!.body.match(/token=([A-Za-z0-9_-]+)/)![1]!;
    expect((await post('password-reset/confirm', { token: link, password: 'Teh-Manis-Hangat-7' })).status).toBe(200);
    expect((await post('password-reset/confirm', { token: link, password: 'Teh-Manis-Hangat-8' })).status).toBe(400);
    expect((await t.app.request('/api/account', { headers: { Cookie: oldCookie } })).status).toBe(401);
    expect((await t.app.request('/api/auth/sign-in', jsonRequest('POST', { identifier: demoEmails.dewi, password: 'Teh-Manis-Hangat-7' }))).status).toBe(200);
  });
});
