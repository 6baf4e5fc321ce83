import type { Context } from 'hono';
import { apiError } from '../../http/errors.ts';
import type { CodeChannel, CodeCheck } from '../../auth/verification-codes.ts';
import { authErrors, codeRefusalMessage } from '../../../shared/auth/auth-schemas.ts';

/** The 400 for a code that did not pass, naming the channel, with the tries left when it was only wrong. */
export function codeRefusal(c: Context, check: Exclude<CodeCheck, { ok: true }>, channel: CodeChannel): Response {
  const message = codeRefusalMessage(check.code, channel, check.code === 'CODE_WRONG' ? check.remainingAttempts : undefined);
  return apiError(c, 400, check.code, message, { code: message });
}

export function resendTooSoon(c: Context, retryAfterSec: number): Response {
  c.header('Retry-After', String(retryAfterSec));
  return c.json({ code: 'RESEND_TOO_SOON', message: authErrors.RESEND_TOO_SOON, retryAfterSec }, 429);
}
