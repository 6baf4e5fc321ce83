import type { RateLimitRule } from '../../security/rate-limit.ts';

const FIFTEEN_MINUTES = 15 * 60 * 1000;
const ONE_HOUR = 60 * 60 * 1000;

/** Limits per purpose: per IP (a whole office behind one NAT) is looser than per identifier. */
export const RATE_RULES = {
  signInIp: { limit: 30, windowMs: FIFTEEN_MINUTES },
  signInIdentifier: { limit: 5, windowMs: FIFTEEN_MINUTES },
  codeSendIp: { limit: 20, windowMs: ONE_HOUR },
  codeCheckIp: { limit: 40, windowMs: FIFTEEN_MINUTES },
  resetIp: { limit: 10, windowMs: ONE_HOUR },
  resetEmail: { limit: 3, windowMs: ONE_HOUR },
  registerIp: { limit: 20, windowMs: ONE_HOUR },
  contactChangeAccount: { limit: 10, windowMs: ONE_HOUR },
} satisfies Record<string, RateLimitRule>;
