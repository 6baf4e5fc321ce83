import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';
import { demoEmails } from '../../../support/test-session.ts';
import { accountCards, accounts, auditLog, memberships, sessions } from '../../../../server/db/schema.ts';
import { createSession, hashToken } from '../../../../server/auth/session.ts';
import { DEMO_PASSWORD } from '../../../../server/seed/demo-people.ts';
import { signIn, signOut } from '../../../../server/features/auth/sign-in.ts';
import { changePassword, removeCard } from '../../../../server/features/auth/account-service.ts';
import type { AuthContext } from '../../../../server/app-env.ts';
import type { RateLimited } from '../../../../server/features/auth/auth-results.ts';

// The services answer result values without a request; the HTTP side is in the route tests.
describe('auth and account services, called without HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const attempt = (identifier: string, password: string, ip: string, sessionToken?: string) => signIn(t.deps, { identifier, password, ip, userAgent: 'Mozilla/5.0 (iPhone) Safari/605.1', sessionToken });
  const liveSession = async (token: string) => (await t.database.db.select({ id: sessions.id }).from(sessions).where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt)))).length === 1;
  const auditedFrom = async (ip: string) => (await t.database.db.select({ event: auditLog.event }).from(auditLog).where(eq(auditLog.ip, ip))).map((r) => r.event);
  /** A signed-in device of a seeded account, as the session middleware would resolve it. */
  const authOf = async (email: string): Promise<AuthContext & { token: string }> => {
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.email, email));
    const { token, sessionId } = await createSession(t.database.db, account!.id, { now: t.clock.now() });
    return { accountId: account!.id, participantId: account!.participantId, sessionId, token };
  };

  it.each([
    ['an unknown account', 'SIGN_IN_FAILED', 'sign_in_failed', 'tidak.ada@contoh.id', DEMO_PASSWORD, '10.0.1.1'],
    ['a wrong password', 'SIGN_IN_FAILED', 'sign_in_failed', demoEmails.agus, 'bukan-sandinya', '10.0.1.2'],
    ['the NIK of nobody', 'SIGN_IN_FAILED', 'sign_in_failed', '3171000000000000', DEMO_PASSWORD, '10.0.1.3'],
    ['the right password', 'ok', 'sign_in_ok', demoEmails.agus, DEMO_PASSWORD, '10.0.1.4'],
  ])('sign-in with %s: %s, audited as %s', async (_name, expected, event, identifier, password, ip) => {
    const result = await attempt(identifier, password, ip);
    expect(result.ok ? 'ok' : result.code).toBe(expected);
    expect(await auditedFrom(ip)).toEqual([event]);
  });

  it('a successful sign-in issues a live session for this device, ends the one it replaces, and is audited for the ip given', async () => {
    const first = await attempt(demoEmails.dewi, DEMO_PASSWORD, '10.0.2.1');
    if (!first.ok) throw new Error(first.code);
    expect(first.account).toEqual({ email: demoEmails.dewi, fullName: expect.any(String) });
    expect(first.session.expiresAt.getTime()).toBeGreaterThan(t.clock.now().getTime());
    const second = await attempt(demoEmails.dewi, DEMO_PASSWORD, '10.0.2.1', first.session.token);
    if (!second.ok) throw new Error(second.code);
    expect(await liveSession(first.session.token)).toBe(false);
    expect(await liveSession(second.session.token)).toBe(true);
    const [label] = await t.database.db.select({ deviceLabel: sessions.deviceLabel }).from(sessions).where(eq(sessions.tokenHash, hashToken(second.session.token)));
    expect(label!.deviceLabel).toBe('Safari di iOS');
    expect(await auditedFrom('10.0.2.1')).toEqual(['sign_in_ok', 'sign_in_ok']);
  });

  it('the sixth try for one identifier is RATE_LIMITED with the seconds to wait, even with the right password', async () => {
    for (let i = 0; i < 5; i++) expect(await attempt(demoEmails.hendra, `salah-${i}-sekali`, '10.0.3.1')).toEqual({ ok: false, code: 'SIGN_IN_FAILED' });
    const blocked = await attempt(demoEmails.hendra, DEMO_PASSWORD, '10.0.3.2');
    expect(blocked).toEqual({ ok: false, code: 'RATE_LIMITED', retryAfterSec: expect.any(Number) });
    expect((blocked as RateLimited).retryAfterSec).toBeGreaterThan(0);
    expect(await auditedFrom('10.0.3.2')).toEqual(['sign_in_rate_limited']);
  });

  it('sign-out ends the session its token names and audits it; a token that names none changes nothing', async () => {
    const { token } = await authOf(demoEmails.budi);
    expect(await signOut(t.deps, { sessionToken: token, ip: '10.0.4.1' })).toEqual({ ok: true });
    expect(await liveSession(token)).toBe(false);
    expect(await signOut(t.deps, { sessionToken: 'x'.repeat(200), ip: '10.0.4.2' })).toEqual({ ok: true });
    expect(await signOut(t.deps, { sessionToken: undefined, ip: '10.0.4.2' })).toEqual({ ok: true });
    expect(await auditedFrom('10.0.4.1')).toEqual(['signed_out']);
    expect(await auditedFrom('10.0.4.2')).toEqual([]);
  });

  it('changing the password: WRONG_PASSWORD, then WEAK_PASSWORD naming newPassword, then ok with the other sessions ended', async () => {
    const auth = await authOf(demoEmails.siti);
    const { token: otherDevice } = await authOf(demoEmails.siti);
    expect(await changePassword(t.deps, auth, { currentPassword: 'bukan-sandinya', newPassword: 'Es-Teh-Manis-77', ip: '10.0.5.1' })).toEqual({ ok: false, code: 'WRONG_PASSWORD' });
    expect(await changePassword(t.deps, auth, { currentPassword: DEMO_PASSWORD, newPassword: 'password123', ip: '10.0.5.1' })).toEqual({ ok: false, code: 'WEAK_PASSWORD', field: 'newPassword', problem: expect.stringContaining('terlalu umum') });
    expect(await liveSession(otherDevice)).toBe(true);
    expect(await changePassword(t.deps, auth, { currentPassword: DEMO_PASSWORD, newPassword: 'Es-Teh-Manis-77', ip: '10.0.5.1' })).toEqual({ ok: true });
    expect(await liveSession(otherDevice)).toBe(false);
    expect(await liveSession(auth.token)).toBe(true);
    expect(await auditedFrom('10.0.5.1')).toEqual(['password_changed']);
  });

  it('removing cards: NOT_FOUND for one not on the account, ok down to one card, LAST_CARD for that one', async () => {
    const auth = await authOf(demoEmails.agus);
    const cardsOnAccount = async () => (await t.database.db.select({ kpj: memberships.kpj }).from(accountCards).innerJoin(memberships, eq(memberships.id, accountCards.membershipId)).where(eq(accountCards.accountId, auth.accountId))).map((r) => r.kpj);
    expect(await removeCard(t.deps, auth, { kpj: '99999999999', ip: '10.0.6.1' })).toEqual({ ok: false, code: 'NOT_FOUND' });
    const [last, ...others] = await cardsOnAccount();
    for (const kpj of others) expect(await removeCard(t.deps, auth, { kpj, ip: '10.0.6.1' })).toEqual({ ok: true });
    expect(await removeCard(t.deps, auth, { kpj: last!, ip: '10.0.6.1' })).toEqual({ ok: false, code: 'LAST_CARD' });
    expect(await cardsOnAccount()).toEqual([last]);
    expect(await auditedFrom('10.0.6.1')).toEqual(others.map(() => 'card_removed'));
  });
});
