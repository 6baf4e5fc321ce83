import { afterAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { redisRateLimiter, type RateLimiter } from '../../../../server/security/rate-limiter.ts';

// Runs where CI provides Redis (`npm run test:pg` sets TEST_REDIS_URL); the database limiter
// that `npm test` uses everywhere is covered by the sign-in tests.
describe.runIf(process.env.TEST_REDIS_URL)('rate limits kept in Redis', () => {
  const limiters: RateLimiter[] = [];
  afterAll(async () => Promise.all(limiters.map((l) => l.close())));
  const open = () => {
    const limiter = redisRateLimiter(process.env.TEST_REDIS_URL!, `jmo-test:${randomUUID()}:`);
    limiters.push(limiter);
    return limiter;
  };

  it('counts hits across two server instances and refuses the one over the limit', async () => {
    const prefix = `jmo-test:${randomUUID()}:`;
    const a = redisRateLimiter(process.env.TEST_REDIS_URL!, prefix);
    const b = redisRateLimiter(process.env.TEST_REDIS_URL!, prefix);
    limiters.push(a, b);
    const rule = { limit: 3, windowMs: 60_000 };
    const verdicts = [await a.hit('signin-id:x', rule, new Date()), await b.hit('signin-id:x', rule, new Date()), await a.hit('signin-id:x', rule, new Date()), await b.hit('signin-id:x', rule, new Date())];
    expect(verdicts.map((v) => v.allowed)).toEqual([true, true, true, false]);
    expect(verdicts[3]).toMatchObject({ retryAfterSec: expect.any(Number) });
  });

  it('starts a new window after clear()', async () => {
    const limiter = open();
    const rule = { limit: 1, windowMs: 60_000 };
    await limiter.hit('k', rule, new Date());
    expect((await limiter.hit('k', rule, new Date())).allowed).toBe(false);
    await limiter.clear('k');
    expect((await limiter.hit('k', rule, new Date())).allowed).toBe(true);
  });
});
