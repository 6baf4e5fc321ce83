import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { accounts, participants, sessions } from '../../db/schema.ts';
import { clearSessionCookie, createSession, hashToken, sessionCookieName, setSessionCookie } from '../../auth/session.ts';
import { hashPassword, verifyPassword } from '../../auth/password.ts';
import { apiError } from '../../http/errors.ts';
import { audit } from '../../security/audit.ts';
import { authErrors } from '../../../shared/auth/auth-schemas.ts';
import { maskEmail } from '../../../shared/ids/email.ts';
import { maskNik } from '../../../shared/ids/nik.ts';
import { enforceRateLimits } from './enforce-rate-limits.ts';
import { RATE_RULES } from './rate-rules.ts';
import { deviceLabel } from './device-label.ts';

// Unknown users still cost one argon2 verification, so timing does not reveal who has an account.
let dummyHash: Promise<string> | null = null;
const timingDecoy = () => (dummyHash ??= hashPassword('jmo-lite-timing-decoy'));

export async function findAccountByIdentifier(deps: AppDeps, identifier: string) {
  const isNik = /^\d{16}$/.test(identifier);
  const [row] = await deps.db
    .select({ account: accounts, fullName: participants.fullName })
    .from(accounts)
    .innerJoin(participants, eq(participants.id, accounts.participantId))
    .where(isNik ? eq(participants.nik, identifier) : eq(accounts.email, identifier.toLowerCase()));
  return row ?? null;
}

export async function signIn(c: Context<AppEnv>, deps: AppDeps, input: { identifier: string; password: string }): Promise<Response> {
  const ip = c.get('clientIp');
  const identifierKey = input.identifier.toLowerCase();
  const limited = await enforceRateLimits(c, deps, 'sign_in_rate_limited', [
    [`signin-ip:${ip}`, RATE_RULES.signInIp],
    [`signin-id:${identifierKey}`, RATE_RULES.signInIdentifier],
  ]);
  if (limited) return limited;

  const now = deps.clock.now();
  const found = await findAccountByIdentifier(deps, input.identifier);
  const passwordOk = found ? await verifyPassword(found.account.passwordHash, input.password) : (await verifyPassword(await timingDecoy(), input.password), false);
  const shown = /^\d{16}$/.test(input.identifier) ? maskNik(input.identifier) : maskEmail(identifierKey);
  if (!found || !passwordOk) {
    await audit(deps.db, 'sign_in_failed', { accountId: found?.account.id, ip, detail: { identifier: shown }, now });
    return apiError(c, 401, 'SIGN_IN_FAILED', authErrors.SIGN_IN_FAILED);
  }
  await revokeCurrentSession(c, deps, now);
  const session = await createSession(deps.db, found.account.id, { now, deviceLabel: deviceLabel(c.req.header('User-Agent')) });
  setSessionCookie(c, deps, session.token, session.expiresAt);
  await deps.rateLimiter.clear(`signin-id:${identifierKey}`);
  await audit(deps.db, 'sign_in_ok', { accountId: found.account.id, ip, now });
  return c.json({ account: { email: found.account.email, fullName: found.fullName } });
}

/** Sign-in rotates: whatever session the browser held before is ended, not reused. */
export async function revokeCurrentSession(c: Context<AppEnv>, deps: AppDeps, now: Date): Promise<number | null> {
  const token = getCookie(c, sessionCookieName(deps.config.secureCookies));
  if (!token || token.length > 128) return null;
  const [revoked] = await deps.db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt)))
    .returning({ accountId: sessions.accountId });
  return revoked?.accountId ?? null;
}

export async function signOut(c: Context<AppEnv>, deps: AppDeps): Promise<Response> {
  const now = deps.clock.now();
  const accountId = await revokeCurrentSession(c, deps, now);
  clearSessionCookie(c, deps);
  if (accountId !== null) await audit(deps.db, 'signed_out', { accountId, ip: c.get('clientIp'), now });
  return c.json({ signedOut: true });
}
