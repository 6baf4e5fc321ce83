import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { accounts, sessions } from '../db/schema.ts';
import type { AppDeps, AppEnv, AuthContext } from '../app-env.ts';
import type { Database } from '../db/database.ts';
import { apiError } from '../http/errors.ts';

export const SESSION_IDLE_MS = 30 * 24 * 60 * 60 * 1000;
// Sliding expiry is written at most this often, so reads don't turn every request into a write.
const SESSION_TOUCH_MS = 60 * 60 * 1000;

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-jmo_session' : 'jmo_session';
}

/** Tokens are stored only as SHA-256: a leaked table cannot be replayed as cookies. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A fresh 256-bit token, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function createSession(
  db: Database,
  accountId: number,
  options: { now: Date; deviceLabel?: string },
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(options.now.getTime() + SESSION_IDLE_MS);
  const [row] = await db
    .insert(sessions)
    .values({
      accountId,
      tokenHash: hashToken(token),
      deviceLabel: options.deviceLabel ?? '',
      createdAt: options.now,
      lastSeenAt: options.now,
      expiresAt,
    })
    .returning({ id: sessions.id });
  return { token, sessionId: row!.id, expiresAt };
}

export function setSessionCookie(c: Context, deps: AppDeps, token: string, expiresAt: Date) {
  setCookie(c, sessionCookieName(deps.config.secureCookies), token, {
    httpOnly: true,
    secure: deps.config.secureCookies,
    sameSite: 'Lax',
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context, deps: AppDeps) {
  deleteCookie(c, sessionCookieName(deps.config.secureCookies), { path: '/', secure: deps.config.secureCookies });
}

/** Resolves the cookie to `c.var.auth` (or undefined) and slides the expiry. */
export function loadSession(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('auth', undefined);
    const token = getCookie(c, sessionCookieName(deps.config.secureCookies));
    if (token && token.length <= 128) {
      c.set('auth', await resolveSession(deps, token));
    }
    await next();
  };
}

async function resolveSession(deps: AppDeps, token: string): Promise<AuthContext | undefined> {
  const now = deps.clock.now();
  const [row] = await deps.db
    .select({
      sessionId: sessions.id,
      accountId: sessions.accountId,
      participantId: accounts.participantId,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  if (!row) return undefined;
  if (now.getTime() - row.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await deps.db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_IDLE_MS) })
      .where(eq(sessions.id, row.sessionId));
  }
  return { sessionId: row.sessionId, accountId: row.accountId, participantId: row.participantId };
}

/** Routes behind this answer 401 without a live session; handlers then read `c.var.auth!`. */
export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('auth')) return apiError(c, 401, 'UNAUTHENTICATED');
  await next();
};
