import { Redis } from 'ioredis';
import type { Database } from '../db/database.ts';
import { clearRateLimit, hitRateLimit, type RateLimitRule, type RateLimitVerdict } from './rate-limit.ts';

/** Where rate-limit counters live: shared by every server instance either way. */
export interface RateLimiter {
  hit(key: string, rule: RateLimitRule, now: Date): Promise<RateLimitVerdict>;
  clear(key: string): Promise<void>;
  close(): Promise<void>;
}

export function databaseRateLimiter(db: Database): RateLimiter {
  return {
    hit: (key, rule, now) => hitRateLimit(db, key, rule, now),
    clear: (key) => clearRateLimit(db, key),
    close: async () => undefined,
  };
}

// INCR and the window's expiry in one atomic step; the first hit of a window sets the TTL.
const HIT_SCRIPT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

/** REDIS_URL: counters in Redis, which expires them by itself (clock of the Redis server). */
export function redisRateLimiter(url: string, prefix = 'jmo:rl:'): RateLimiter {
  const redis = new Redis(url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  return {
    async hit(key, rule) {
      const [hits, ttlMs] = (await redis.eval(HIT_SCRIPT, 1, prefix + key, String(rule.windowMs))) as [number, number];
      return hits <= rule.limit ? { allowed: true } : { allowed: false, retryAfterSec: Math.max(1, Math.ceil(ttlMs / 1000)) };
    },
    clear: async (key) => void (await redis.del(prefix + key)),
    close: async () => void (await redis.quit()),
  };
}
