import type { Context } from 'hono';
import type { AppDeps } from '../../app-env.ts';
import { apiError } from '../../http/errors.ts';
import { clientIp } from '../../http/client-ip.ts';
import type { RateLimitRule } from '../../security/rate-limit.ts';
import { audit } from '../../security/audit.ts';
import type { CodeChannel, CodeCheck } from '../../auth/verification-codes.ts';
import { authErrors, codeRefusalMessage } from '../../../shared/auth/auth-schemas.ts';

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** Limits per purpose: per IP (a whole office behind one NAT) is looser than per identifier. */
export const RATE_RULES = {
  signInIp: { limit: 30, windowMs: FIFTEEN_MINUTES },
  signInIdentifier: { limit: 5, windowMs: FIFTEEN_MINUTES },
  codeSendIp: { limit: 20, windowMs: 60 * 60 * 1000 },
  codeCheckIp: { limit: 40, windowMs: FIFTEEN_MINUTES },
  resetIp: { limit: 10, windowMs: 60 * 60 * 1000 },
  resetEmail: { limit: 3, windowMs: 60 * 60 * 1000 },
  registerIp: { limit: 20, windowMs: 60 * 60 * 1000 },
  contactChangeAccount: { limit: 10, windowMs: 60 * 60 * 1000 },
} satisfies Record<string, RateLimitRule>;

/**
 * Checks every key; the first one over its limit answers 429 with Retry-After, and the
 * refusal is audited. Returns null when the request may go on.
 */
export async function enforceRateLimits(c: Context, deps: AppDeps, checks: [key: string, rule: RateLimitRule][]): Promise<Response | null> {
  const now = deps.clock.now();
  for (const [key, rule] of checks) {
    const verdict = await deps.rateLimiter.hit(key, rule, now);
    if (!verdict.allowed) {
      await audit(deps.db, 'sign_in_rate_limited', { ip: clientIp(c, deps.config.trustProxy), detail: { limit: key.split(':')[0] }, now });
      c.header('Retry-After', String(verdict.retryAfterSec));
      return apiError(c, 429, 'RATE_LIMITED', `Terlalu banyak percobaan. Coba lagi dalam ${Math.ceil(verdict.retryAfterSec / 60)} menit.`);
    }
  }
  return null;
}

/** A short, human label for the sessions list ("Chrome di Android"), never the raw header. */
export function deviceLabel(userAgent: string | undefined): string {
  const ua = userAgent ?? '';
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'Peramban';
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : 'perangkat';
  return `${browser} di ${os}`;
}

/** The 400 for a code that did not pass, naming the channel, with the tries left when it was only wrong. */
export function codeRefusal(c: Context, check: Exclude<CodeCheck, { ok: true }>, channel: CodeChannel): Response {
  const message = codeRefusalMessage(check.code, channel, check.code === 'CODE_WRONG' ? check.remainingAttempts : undefined);
  return apiError(c, 400, check.code, message, { code: message });
}

export function resendTooSoon(c: Context, retryAfterSec: number): Response {
  c.header('Retry-After', String(retryAfterSec));
  return c.json({ code: 'RESEND_TOO_SOON', message: authErrors.RESEND_TOO_SOON, retryAfterSec }, 429);
}
