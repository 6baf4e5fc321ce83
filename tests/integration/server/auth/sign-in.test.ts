import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestApp, jsonRequest, type TestApp } from '../../../support/test-app.ts';
import { demoEmails } from '../../../support/test-session.ts';
import { participants, accounts, auditLog, memberships } from '../../../../server/db/schema.ts';
import { DEMO_PASSWORD } from '../../../../server/seed/demo-people.ts';

const cookieFrom = (res: Response) => res.headers.get('Set-Cookie')?.split(';')[0] ?? '';

describe('sign-in, sign-out and sessions', () => {
  let t: TestApp;
  let sitiNik: string;
  beforeAll(async () => {
    t = await createTestApp();
    const [row] = await t.database.db.select({ nik: participants.nik }).from(participants).innerJoin(accounts, eq(accounts.participantId, participants.id)).where(eq(accounts.email, demoEmails.siti));
    sitiNik = row!.nik;
  });
  afterAll(() => t.close());

  const signIn = (identifier: string, password: string, headers: Record<string, string> = {}) => t.app.request('/api/auth/sign-in', jsonRequest('POST', { identifier, password }, headers));

  it('signs in with email or NIK and sets an httpOnly, SameSite=Lax session cookie', async () => {
    for (const identifier of [demoEmails.siti.toUpperCase(), sitiNik]) {
      const res = await signIn(identifier, DEMO_PASSWORD);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ account: { email: demoEmails.siti, fullName: 'Siti Rahayu' } });
      expect(res.headers.get('Set-Cookie')).toMatch(/HttpOnly/i);
      expect(res.headers.get('Set-Cookie')).toMatch(/SameSite=Lax/i);
      expect((await t.app.request('/api/account', { headers: { Cookie: cookieFrom(res) } })).status).toBe(200);
    }
  });

  it('answers a wrong password and an unknown account identically', async () => {
    const wrong = await signIn(demoEmails.agus, 'bukan-sandinya');
    const unknown = await signIn('tidak.ada@contoh.id', 'bukan-sandinya');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('limits repeated failures per identifier with 429 and Retry-After, even for the right password', async () => {
    for (let i = 0; i < 5; i++) expect((await signIn(demoEmails.hendra, `salah-${i}-sekali`)).status).toBe(401);
    const blocked = await signIn(demoEmails.hendra, DEMO_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
    t.clock.advance(16 * 60_000);
    expect((await signIn(demoEmails.hendra, DEMO_PASSWORD)).status).toBe(200);
  });

  it('rotates on sign-in and ends the session on sign-out', async () => {
    const first = cookieFrom(await signIn(demoEmails.dewi, DEMO_PASSWORD));
    const second = cookieFrom(await signIn(demoEmails.dewi, DEMO_PASSWORD, { Cookie: first }));
    expect((await t.app.request('/api/account', { headers: { Cookie: first } })).status).toBe(401);
    expect((await t.app.request('/api/auth/sign-out', jsonRequest('POST', {}, { Cookie: second }))).status).toBe(200);
    expect((await t.app.request('/api/account', { headers: { Cookie: second } })).status).toBe(401);
  });

  it('lists devices and signs out all others, keeping this one', async () => {
    const a = cookieFrom(await signIn(demoEmails.budi, DEMO_PASSWORD, { 'User-Agent': 'Mozilla/5.0 (Linux; Android 10) Chrome/120.0' }));
    const b = cookieFrom(await signIn(demoEmails.budi, DEMO_PASSWORD));
    const account = (await (await t.app.request('/api/account', { headers: { Cookie: b } })).json()) as { sessions: { current: boolean; deviceLabel: string }[] };
    expect(account.sessions.length).toBeGreaterThanOrEqual(2);
    expect(account.sessions.filter((s) => s.current)).toHaveLength(1);
    expect(account.sessions.map((s) => s.deviceLabel)).toContain('Chrome di Android');
    await t.app.request('/api/account/sessions/revoke-all', jsonRequest('POST', { includeCurrent: false }, { Cookie: b }));
    expect((await t.app.request('/api/account', { headers: { Cookie: a } })).status).toBe(401);
    expect((await t.app.request('/api/account', { headers: { Cookie: b } })).status).toBe(200);
  });

  it('answers 404 for another participant’s card or device, and resets phones when cards change', async () => {
    const siti = cookieFrom(await signIn(demoEmails.siti, DEMO_PASSWORD));
    const agus = cookieFrom(await signIn(demoEmails.agus, DEMO_PASSWORD));
    const [budiCard] = await t.database.db.select({ kpj: memberships.kpj }).from(memberships).innerJoin(accounts, eq(accounts.participantId, memberships.participantId)).where(eq(accounts.email, demoEmails.budi));
    const stranger = await t.app.request('/api/account/cards', jsonRequest('POST', { kpj: budiCard!.kpj }, { Cookie: siti }));
    expect(stranger.status).toBe(404);
    expect(JSON.stringify(await stranger.json())).not.toContain('Budi');
    const agusSessions = (await (await t.app.request('/api/account', { headers: { Cookie: agus } })).json()) as { sessions: { id: string }[] };
    expect((await t.app.request(`/api/account/sessions/${agusSessions.sessions[0]!.id}`, { method: 'DELETE', headers: { Cookie: siti } })).status).toBe(404);
    expect((await t.app.request('/api/account', { headers: { Cookie: agus } })).status).toBe(200);

    const account = (await (await t.app.request('/api/account', { headers: { Cookie: siti } })).json()) as { cards: { kpj: string }[] };
    const [epochBefore] = await t.database.db.select({ e: accounts.scopeEpoch }).from(accounts).where(eq(accounts.email, demoEmails.siti));
    expect((await t.app.request(`/api/account/cards/${account.cards[0]!.kpj}`, { method: 'DELETE', headers: { Cookie: siti } })).status).toBe(200);
    expect((await t.app.request('/api/account/cards', jsonRequest('POST', { kpj: account.cards[0]!.kpj }, { Cookie: siti }))).status).toBe(201);
    const [epochAfter] = await t.database.db.select({ e: accounts.scopeEpoch }).from(accounts).where(eq(accounts.email, demoEmails.siti));
    expect(epochAfter!.e).toBe(epochBefore!.e + 2);
  });

  it('keeps passwords, full NIKs and tokens out of the audit log and the server log', async () => {
    const rows = await t.database.db.select().from(auditLog);
    const everything = JSON.stringify(rows) + t.logLines.join('\n');
    expect(rows.some((r) => r.event === 'sign_in_failed')).toBe(true);
    expect(everything).not.toContain(DEMO_PASSWORD);
    expect(everything).not.toContain(sitiNik);
    expect(everything).not.toContain('bukan-sandinya');
  });
});
