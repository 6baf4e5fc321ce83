import type { CodeChannel, CodeCheck } from '../../auth/verification-codes.ts';

/**
 * What the account and auth services answer instead of HTTP: `{ ok: true, … }` or one of these
 * refusals. Only the route side (auth-responses.ts) turns them into statuses, headers and
 * Indonesian messages, so a service can be called and tested without a request.
 */
export type RateLimited = { ok: false; code: 'RATE_LIMITED'; retryAfterSec: number };
export type ResendTooSoon = { ok: false; code: 'RESEND_TOO_SOON'; retryAfterSec: number };
/** A code that did not pass, with the channel it was for, so the message can name it. */
export type CodeRefused = Exclude<CodeCheck, { ok: true }> & { channel: CodeChannel };
/** `field` is the input field the password came in, for the form to mark. */
export type WeakPassword = { ok: false; code: 'WEAK_PASSWORD'; field: 'password' | 'newPassword'; problem: string };

/** Refusals that carry nothing but their code. */
export type PlainRefusalCode = 'SIGN_IN_FAILED' | 'IDENTITY_MISMATCH' | 'REGISTRATION_EXPIRED' | 'RESET_TOKEN_INVALID' | 'WRONG_PASSWORD' | 'SAME_CONTACT' | 'CONTACT_UNAVAILABLE' | 'CARD_NOT_YOURS' | 'LAST_CARD' | 'NOT_FOUND';
export type Refused<C extends PlainRefusalCode> = { ok: false; code: C };

export type AuthRefusal = RateLimited | ResendTooSoon | CodeRefused | WeakPassword | Refused<PlainRefusalCode>;

export const refused = <C extends PlainRefusalCode>(code: C): Refused<C> => ({ ok: false, code });

/** A session the route hands to the browser as its cookie. */
export interface IssuedSession {
  token: string;
  expiresAt: Date;
}
