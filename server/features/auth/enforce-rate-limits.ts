import type { AppDeps } from '../../app-env.ts';
import type { RateLimitRule } from '../../security/rate-limit.ts';
import { audit, type AuditEvent } from '../../security/audit.ts';
import type { RateLimited } from './auth-results.ts';

/** The audit event of a refusal names the flow that was limited. */
export type RateLimitedEvent = Extract<AuditEvent, `${string}_rate_limited`>;

/**
 * Checks every key; the first one over its limit refuses with the seconds to wait, and the
 * refusal is audited as `event` for `ip`. Returns null when the caller may go on.
 */
export async function enforceRateLimits(deps: AppDeps, event: RateLimitedEvent, ip: string, checks: [key: string, rule: RateLimitRule][]): Promise<RateLimited | null> {
  const now = deps.clock.now();
  for (const [key, rule] of checks) {
    const verdict = await deps.rateLimiter.hit(key, rule, now);
    if (!verdict.allowed) {
      await audit(deps.db, event, { ip, detail: { limit: key.split(':')[0] }, now });
      return { ok: false, code: 'RATE_LIMITED', retryAfterSec: verdict.retryAfterSec };
    }
  }
  return null;
}
