import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { accounts, sessions } from '../db/schema.ts';
import type { AppDeps, AppEnv, AuthContext } from '../app-env.ts';
import type { Database } from '../db/database.ts';
import { apiError } from '../http/errors.ts';
import { ChangeCache } from '../db/change-cache.ts';
import { SESSION_CHANNEL } from '../db/change-feed.ts';

export const SESSION_IDLE_MS = 30 * 24 * 60 * 60 * 1000;
// Sliding expiry is written at most this often, so reads don't turn every request into a write.
const SESSION_TOUCH_MS = 60 * 60 * 1000;
// A signed-in cookie is answered from memory for this long; revocations reach every instance
// at once through the database's change announcements, so this only bounds how long a
// session lives on without its row being looked at.
const SESSION_CACHE_MS = 5000;
const SESSION_CACHE_MAX = 20_000;

type CachedSession = { auth: AuthContext; expiresAt: number; cachedUntil: number };

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
  const cache = new ChangeCache<CachedSession>(SESSION_CACHE_MAX, deps.changes, SESSION_CHANNEL);
  return async (c, next) => {
    c.set('auth', undefined);
    c.set('changesMark', deps.changes.mark());
    const token = getCookie(c, sessionCookieName(deps.config.secureCookies));
    if (token && token.length <= 128) {
      const tokenHash = hashToken(token);
      c.set('auth', (await cachedSession(deps, cache, tokenHash, c.get('changesMark'))) ?? (await resolveSession(deps, cache, tokenHash)));
    }
    await next();
  };
}

/** The session from memory, only once every revocation committed before this request has arrived. */
async function cachedSession(deps: AppDeps, cache: ChangeCache<CachedSession>, tokenHash: string, mark: number): Promise<AuthContext | undefined> {
  if (!cache.get(tokenHash) || !(await deps.changes.caughtUp(mark))) return undefined;
  const cached = cache.get(tokenHash);
  const now = deps.clock.now().getTime();
  if (!cached || now >= cached.cachedUntil || now >= cached.expiresAt) return undefined;
  return cached.auth;
}

async function resolveSession(deps: AppDeps, cache: ChangeCache<CachedSession>, tokenHash: string): Promise<AuthContext | undefined> {
  const now = deps.clock.now();
  const ticket = cache.ticket();
  const [row] = await deps.db
    .select({
      sessionId: sessions.id,
      accountId: sessions.accountId,
      participantId: accounts.participantId,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  if (!row) {
    cache.delete(tokenHash);
    return undefined;
  }
  let expiresAt = row.expiresAt;
  if (now.getTime() - row.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
    await deps.db.update(sessions).set({ lastSeenAt: now, expiresAt }).where(eq(sessions.id, row.sessionId));
  }
  const auth = { sessionId: row.sessionId, accountId: row.accountId, participantId: row.participantId };
  cache.set(tokenHash, row.accountId, { auth, expiresAt: expiresAt.getTime(), cachedUntil: now.getTime() + SESSION_CACHE_MS }, ticket);
  return auth;
}

/** Routes behind this answer 401 without a live session; handlers then read `c.var.auth!`. */
export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('auth')) return apiError(c, 401, 'UNAUTHENTICATED');
  await next();
};
