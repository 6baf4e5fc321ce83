import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { rateLimits } from '../db/schema.ts';

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export type RateLimitVerdict = { allowed: true } | { allowed: false; retryAfterSec: number };

/**
 * Fixed-window counters kept in the database, so every server instance shares them. One
 * upsert per hit: the window restarts when the stored one has ended.
 */
export async function hitRateLimit(db: Database, key: string, rule: RateLimitRule, now: Date): Promise<RateLimitVerdict> {
  const windowStartFloor = new Date(now.getTime() - rule.windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, hits: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        hits: sql`case when ${rateLimits.windowStart} <= ${windowStartFloor} then 1 else ${rateLimits.hits} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} <= ${windowStartFloor} then ${now} else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ hits: rateLimits.hits, windowStart: rateLimits.windowStart });
  if (!row || row.hits <= rule.limit) return { allowed: true };
  const retryAfterMs = row.windowStart.getTime() + rule.windowMs - now.getTime();
  return { allowed: false, retryAfterSec: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

/** Forgets a key, e.g. the failure counter of an identifier after a successful sign-in. */
export async function clearRateLimit(db: Database, key: string): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}
