import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, fromLoopback, jsonRequest, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { createPhone } from '../../../support/sync-harness.ts';
import { accounts, auditLog } from '../../../../server/db/schema.ts';
import { DEMO_PASSWORD } from '../../../../server/seed/demo-people.ts';

interface Mail {
  channel: string;
  recipient: string;
  subject: string;
  body: string;
}

describe('changing the email or mobile number, proven by a code', () => {
  let t: TestApp;
  let agus: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    t = await createTestApp();
    agus = await signInAs(t, demoEmails.agus);
  });
  afterAll(() => t.close());

  const post = (path: string, body: unknown, cookie = agus.cookie) => t.app.request(`/api/account/${path}`, jsonRequest('POST', body, { Cookie: cookie }));
  const mailbox = async () => ((await (await t.app.request('/dev/mailbox.json', {}, fromLoopback)).json()) as { messages: Mail[] }).messages;
  const latestCode = async (recipient: string) => (await mailbox()).find((m) => m.recipient === recipient)?.body.match(/\b(\d{6})\b/)?.[1];
  const accountRow = async () => (await t.database.db.select().from(accounts).where(eq(accounts.id, agus.accountId)))[0]!;

  it('changes the email only after the code sent to the new address, tells the old one, and syncs it', async () => {
    const phone = createPhone(t, agus.cookie);
    await phone.engine.sync();
    expect((await phone.db.profile.get('me'))?.email).toBe(demoEmails.agus);

    const started = await post('contact', { channel: 'email', email: 'Agus.Baru@Contoh.id', currentPassword: DEMO_PASSWORD });
    expect(started.status).toBe(200);
    expect(await started.json()).toMatchObject({ channel: 'email', sentTo: expect.stringMatching(/^a•+@contoh\.id$/), resendAfterSec: 60, expiresInSec: 300 });
    expect((await accountRow()).email).toBe(demoEmails.agus);
    const code = await latestCode('agus.baru@contoh.id');
    expect(code).toMatch(/^\d{6}$/);

    const wrong = await post('contact/verify', { channel: 'email', code: code === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ code: 'CODE_WRONG' });
    const right = await post('contact/verify', { channel: 'email', code });
    expect(right.status).toBe(200);
    expect((await accountRow()).email).toBe('agus.baru@contoh.id');
    expect((await mailbox()).find((m) => m.recipient === demoEmails.agus)?.body).toMatch(/diganti menjadi a•+@contoh\.id/);
    // The same code cannot be used twice.
    expect(await (await post('contact/verify', { channel: 'email', code })).json()).toMatchObject({ code: 'CODE_EXPIRED' });

    await phone.engine.sync();
    expect((await phone.db.profile.get('me'))?.email).toBe('agus.baru@contoh.id');
    const events = await t.database.db.select({ event: auditLog.event }).from(auditLog).where(eq(auditLog.accountId, agus.accountId));
    expect(events.map((e) => e.event)).toEqual(expect.arrayContaining(['contact_change_requested', 'contact_changed']));
  });

  it('changes the mobile number the same way, normalised to +62', async () => {
    expect((await post('contact', { channel: 'sms', phone: '0813-1111-2222', currentPassword: DEMO_PASSWORD })).status).toBe(200);
    const code = await latestCode('+6281311112222');
    const res = await post('contact/verify', { channel: 'sms', code });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ channel: 'sms', phoneMasked: expect.stringContaining('22') });
    expect((await accountRow()).phoneE164).toBe('+6281311112222');
  });

  it('refuses a wrong password, the same address, a resend within 60 s, and bad input, changing nothing', async () => {
    t.clock.advance(61_000);
    const before = await accountRow();
    const wrongPassword = await post('contact', { channel: 'email', email: 'lain@contoh.id', currentPassword: 'bukan-sandinya' });
    expect(wrongPassword.status).toBe(400);
    expect(await wrongPassword.json()).toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(await (await post('contact', { channel: 'email', email: before.email, currentPassword: DEMO_PASSWORD })).json()).toMatchObject({ code: 'SAME_CONTACT' });
    expect((await post('contact', { channel: 'email', email: 'dua@contoh.id', currentPassword: DEMO_PASSWORD })).status).toBe(200);
    const tooSoon = await post('contact', { channel: 'email', email: 'dua@contoh.id', currentPassword: DEMO_PASSWORD });
    expect(tooSoon.status).toBe(429);
    expect(await tooSoon.json()).toMatchObject({ code: 'RESEND_TOO_SOON' });
    for (const bad of [{ channel: 'fax', email: 'x@contoh.id', currentPassword: 'x' }, { channel: 'email', email: 'bukan-email', currentPassword: 'x' }, { channel: 'sms', phone: '12', currentPassword: 'x' }]) {
      const res = await post('contact', bad);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect(await (await post('contact/verify', { channel: 'email', code: 'abc' })).json()).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await accountRow()).toEqual(before);
  });

  it('sends no code to an email that another account uses, yet answers the same; the owner is told', async () => {
    t.clock.advance(61_000);
    const res = await post('contact', { channel: 'email', email: demoEmails.siti, currentPassword: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    const toSiti = (await mailbox()).filter((m) => m.recipient === demoEmails.siti);
    expect(toSiti[0]?.body).toMatch(/Akun Anda tidak berubah/);
    expect(toSiti.some((m) => /\b\d{6}\b/.test(m.body))).toBe(false);
    // The earlier pending code (to dua@contoh.id) no longer works, and a guess is just "wrong".
    const dua = await latestCode('dua@contoh.id');
    expect(await (await post('contact/verify', { channel: 'email', code: dua })).json()).toMatchObject({ code: 'CODE_WRONG' });
    expect((await accountRow()).email).toBe('agus.baru@contoh.id');
  });

  it('is only for the signed-in person', async () => {
    expect((await t.app.request('/api/account/contact', jsonRequest('POST', { channel: 'email', email: 'x@contoh.id', currentPassword: DEMO_PASSWORD }))).status).toBe(401);
  });
});
