import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { apiError } from '../../http/errors.ts';
import type { RateLimitRule } from '../../security/rate-limit.ts';
import { audit, type AuditEvent } from '../../security/audit.ts';

/** The audit event of a refusal names the flow that was limited. */
export type RateLimitedEvent = Extract<AuditEvent, `${string}_rate_limited`>;

/**
 * Checks every key; the first one over its limit answers 429 with Retry-After, and the
 * refusal is audited as `event`. Returns null when the request may go on.
 */
export async function enforceRateLimits(c: Context<AppEnv>, deps: AppDeps, event: RateLimitedEvent, checks: [key: string, rule: RateLimitRule][]): Promise<Response | null> {
  const now = deps.clock.now();
  for (const [key, rule] of checks) {
    const verdict = await deps.rateLimiter.hit(key, rule, now);
    if (!verdict.allowed) {
      await audit(deps.db, event, { ip: c.get('clientIp'), detail: { limit: key.split(':')[0] }, now });
      c.header('Retry-After', String(verdict.retryAfterSec));
      return apiError(c, 429, 'RATE_LIMITED', `Terlalu banyak percobaan. Coba lagi dalam ${Math.ceil(verdict.retryAfterSec / 60)} menit.`);
    }
  }
  return null;
}
