import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, fromLoopback, jsonRequest, type TestApp } from '../../support/test-app.ts';
import { demoEmails } from '../../support/test-session.ts';
import { accounts, participants } from '../../../server/db/schema.ts';
import { DEMO_PASSWORD } from '../../../server/seed/demo-people.ts';
import { deliverPendingMessages } from '../../../server/messaging/deliver-messages.ts';
import { devMailboxSender } from '../../../server/messaging/senders.ts';

const WRONG_PASSWORD = 'Salah-Sandi-Sekali-9';

describe('the server log after failures holds no secret and no personal data', () => {
  let t: TestApp;
  let nik: string;
  const secrets: string[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    const [row] = await t.database.db.select({ nik: participants.nik }).from(participants).innerJoin(accounts, eq(accounts.participantId, participants.id)).where(eq(accounts.email, demoEmails.agus));
    nik = row!.nik;
  });
  afterAll(() => t.close());

  const signIn = (identifier: string, password: string) => t.app.request('/api/auth/sign-in', jsonRequest('POST', { identifier, password }));

  it('drives a bad sign-in, a refused mutation, a 500 from a database error and a reset through the mailbox', async () => {
    expect((await signIn(nik, WRONG_PASSWORD)).status).toBe(401);
    expect((await signIn('tidak.ada@contoh.id', WRONG_PASSWORD)).status).toBe(401);

    const good = await signIn(nik, DEMO_PASSWORD);
    const cookie = good.headers.get('Set-Cookie')!.split(';')[0]!;
    secrets.push(cookie.split('=')[1]!);

    // Refused by the schema, and one whose text the database itself refuses (NUL), both carrying the NIK.
    const push = (id: number, description: string) =>
      t.app.request('/api/sync/push', jsonRequest('POST', { deviceId: randomUUID(), mutations: [{ id, name: 'complaint.file', args: { draftId: randomUUID(), category: 'SALDO', description }, createdAt: 1 }] }, { Cookie: cookie }));
    expect((await push(1, nik)).status).toBeLessThan(500);
    await push(1, `NIK saya ${nik}, ${demoEmails.agus}, iuran tidak tercatat\u0000 sejak Maret.`);

    // The incident that leaked a NIK: a failed query logged with its parameters (signin-id:<NIK>).
    await t.database.db.execute(sql.raw(`ALTER TABLE rate_limits ADD CONSTRAINT no_sign_in_keys CHECK (key NOT LIKE 'signin-id:%') NOT VALID`));
    try {
      const failed = await signIn(nik, DEMO_PASSWORD);
      expect(failed.status).toBe(500);
      expect(await failed.json()).toMatchObject({ code: 'INTERNAL_ERROR' });
    } finally {
      await t.database.db.execute(sql.raw('ALTER TABLE rate_limits DROP CONSTRAINT no_sign_in_keys'));
    }

    expect((await t.app.request('/api/auth/password-reset/request', jsonRequest('POST', { email: demoEmails.agus }))).status).toBe(202);
    const dev = devMailboxSender(t.deps.log);
    await deliverPendingMessages(t.database.db, { email: dev, sms: dev }, t.clock.now(), t.deps.log);
    const mail = ((await (await t.app.request('/dev/mailbox.json', {}, fromLoopback)).json()) as { messages: { recipient: string; body: string }[] }).messages;
    secrets.push(mail.find((m) => m.recipient === demoEmails.agus)!.body.match(/token=([\w-]+)/)![1]!);
  });

  it('logged each failure, masked', () => {
    const log = t.logLines.join('');
    expect(log).toContain('unhandled error');
    expect(log).toContain('params: [redacted]');
    expect(log).toContain('kotak surat pengembangan');
    expect(log).toContain('"to":"a•••@demo.jmo-lite.test"');
  });

  it('contains no full NIK, password, email address, code or token', () => {
    const log = t.logLines.join('');
    expect(log).not.toContain(nik);
    expect(log).not.toMatch(/\d{16}/);
    expect(log).not.toContain(DEMO_PASSWORD);
    expect(log).not.toContain(WRONG_PASSWORD);
    expect(log).not.toContain(demoEmails.agus);
    expect(log).not.toMatch(/\b\d{6}\b/);
    for (const secret of secrets) expect(log).not.toContain(secret);
  });
});
