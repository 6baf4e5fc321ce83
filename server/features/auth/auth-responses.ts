import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppDeps } from '../../app-env.ts';
import { apiError } from '../../http/errors.ts';
import { sessionCookieName } from '../../auth/session.ts';
import { authErrors, codeRefusalMessage } from '../../../shared/auth/auth-schemas.ts';
import type { AuthRefusal, PlainRefusalCode } from './auth-results.ts';

const PLAIN_REFUSAL_STATUS = {
  SIGN_IN_FAILED: 401,
  IDENTITY_MISMATCH: 422,
  REGISTRATION_EXPIRED: 400,
  RESET_TOKEN_INVALID: 400,
  WRONG_PASSWORD: 400,
  SAME_CONTACT: 400,
  CONTACT_UNAVAILABLE: 409,
  // 404 like any address that is not yours: the answer never confirms whose card it is.
  CARD_NOT_YOURS: 404,
  LAST_CARD: 422,
  NOT_FOUND: 404,
} as const satisfies Record<PlainRefusalCode, ContentfulStatusCode>;

// The form marks the field the refusal is about.
const PLAIN_REFUSAL_FIELD: Partial<Record<PlainRefusalCode, string>> = { WRONG_PASSWORD: 'currentPassword' };

/** The one place an auth or account refusal becomes HTTP: status, Retry-After, Indonesian message. */
export function refusalResponse(c: Context, refusal: AuthRefusal): Response {
  switch (refusal.code) {
    case 'RATE_LIMITED':
      c.header('Retry-After', String(refusal.retryAfterSec));
      return apiError(c, 429, 'RATE_LIMITED', `Terlalu banyak percobaan. Coba lagi dalam ${Math.ceil(refusal.retryAfterSec / 60)} menit.`);
    case 'RESEND_TOO_SOON':
      c.header('Retry-After', String(refusal.retryAfterSec));
      return c.json({ code: 'RESEND_TOO_SOON', message: authErrors.RESEND_TOO_SOON, retryAfterSec: refusal.retryAfterSec }, 429);
    case 'CODE_WRONG':
    case 'CODE_EXPIRED':
    case 'CODE_LOCKED': {
      // Names the channel, and the tries left when the code was only wrong.
      const message = codeRefusalMessage(refusal.code, refusal.channel, refusal.code === 'CODE_WRONG' ? refusal.remainingAttempts : undefined);
      return apiError(c, 400, refusal.code, message, { code: message });
    }
    case 'WEAK_PASSWORD':
      return apiError(c, 400, 'WEAK_PASSWORD', refusal.problem, { [refusal.field]: refusal.problem });
    default: {
      const message = refusal.code === 'NOT_FOUND' ? undefined : authErrors[refusal.code];
      const field = PLAIN_REFUSAL_FIELD[refusal.code];
      return apiError(c, PLAIN_REFUSAL_STATUS[refusal.code], refusal.code, message, field && message ? { [field]: message } : undefined);
    }
  }
}

/** The session token the browser sent, if any (its length is checked by whoever uses it). */
export function sessionTokenOf(c: Context, deps: AppDeps): string | undefined {
  return getCookie(c, sessionCookieName(deps.config.secureCookies));
}
