import { and, eq, isNull } from 'drizzle-orm';
import type { AppDeps } from '../../app-env.ts';
import { accounts, participants, sessions } from '../../db/schema.ts';
import { createSession, hashToken } from '../../auth/session.ts';
import { hashPassword, verifyPassword } from '../../auth/password.ts';
import { audit } from '../../security/audit.ts';
import { maskEmail } from '../../../shared/ids/email.ts';
import { maskNik } from '../../../shared/ids/nik.ts';
import { enforceRateLimits } from './enforce-rate-limits.ts';
import { RATE_RULES } from './rate-rules.ts';
import { deviceLabel } from './device-label.ts';
import type { IssuedSession, RateLimited, Refused } from './auth-results.ts';

// Unknown users still cost one argon2 verification, so timing does not reveal who has an account.
let dummyHash: Promise<string> | null = null;
const timingDecoy = () => (dummyHash ??= hashPassword('jmo-lite-timing-decoy'));

async function findAccountByIdentifier(deps: AppDeps, identifier: string) {
  const isNik = /^\d{16}$/.test(identifier);
  const [row] = await deps.db
    .select({ account: accounts, fullName: participants.fullName })
    .from(accounts)
    .innerJoin(participants, eq(participants.id, accounts.participantId))
    .where(isNik ? eq(participants.nik, identifier) : eq(accounts.email, identifier.toLowerCase()));
  return row ?? null;
}

export interface SignInInput {
  identifier: string;
  password: string;
  ip: string;
  userAgent: string | undefined;
  /** The session cookie the browser sent, if any: it is ended, not reused. */
  sessionToken: string | undefined;
}

export type SignInResult = { ok: true; session: IssuedSession; account: { email: string; fullName: string } } | Refused<'SIGN_IN_FAILED'> | RateLimited;

export async function signIn(deps: AppDeps, input: SignInInput): Promise<SignInResult> {
  const identifierKey = input.identifier.toLowerCase();
  const limited = await enforceRateLimits(deps, 'sign_in_rate_limited', input.ip, [
    [`signin-ip:${input.ip}`, RATE_RULES.signInIp],
    [`signin-id:${identifierKey}`, RATE_RULES.signInIdentifier],
  ]);
  if (limited) return limited;

  const now = deps.clock.now();
  const found = await findAccountByIdentifier(deps, input.identifier);
  const passwordOk = found ? await verifyPassword(found.account.passwordHash, input.password) : (await verifyPassword(await timingDecoy(), input.password), false);
  const shown = /^\d{16}$/.test(input.identifier) ? maskNik(input.identifier) : maskEmail(identifierKey);
  if (!found || !passwordOk) {
    await audit(deps.db, 'sign_in_failed', { accountId: found?.account.id, ip: input.ip, detail: { identifier: shown }, now });
    return { ok: false, code: 'SIGN_IN_FAILED' };
  }
  await revokeSessionByToken(deps, input.sessionToken, now);
  const session = await createSession(deps.db, found.account.id, { now, deviceLabel: deviceLabel(input.userAgent) });
  await deps.rateLimiter.clear(`signin-id:${identifierKey}`);
  await audit(deps.db, 'sign_in_ok', { accountId: found.account.id, ip: input.ip, now });
  return { ok: true, session: { token: session.token, expiresAt: session.expiresAt }, account: { email: found.account.email, fullName: found.fullName } };
}

/** Ends the session a cookie's token names; the account it belonged to, or null when none was live. */
async function revokeSessionByToken(deps: AppDeps, token: string | undefined, now: Date): Promise<number | null> {
  if (!token || token.length > 128) return null;
  const [revoked] = await deps.db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt)))
    .returning({ accountId: sessions.accountId });
  return revoked?.accountId ?? null;
}

/** Ends this device's session; the route clears the cookie whatever it held. */
export async function signOut(deps: AppDeps, input: { sessionToken: string | undefined; ip: string }): Promise<{ ok: true }> {
  const now = deps.clock.now();
  const accountId = await revokeSessionByToken(deps, input.sessionToken, now);
  if (accountId !== null) await audit(deps.db, 'signed_out', { accountId, ip: input.ip, now });
  return { ok: true };
}
