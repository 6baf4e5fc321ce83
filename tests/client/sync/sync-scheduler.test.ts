import { describe, expect, it } from 'vitest';
import { createSyncScheduler } from '../../../client/sync/sync-scheduler.ts';
import { retryDelayMs, RETRY_CAP_MS } from '../../../client/sync/backoff.ts';
import type { SyncOutcome } from '../../../client/sync/sync-engine.ts';

function harness(outcomes: SyncOutcome[], options: { timerPulls?: () => boolean } = {}) {
  const timers: { callback: () => void; ms: number }[] = [];
  let runs = 0;
  let signedOut = 0;
  const scheduler = createSyncScheduler({
    runSync: async () => {
      runs++;
      return outcomes.shift() ?? { kind: 'ok', pushed: 0, rejected: 0, pulled: 'unchanged', newNotifications: [] };
    },
    setTimer: (callback, ms) => timers.push({ callback, ms }) - 1,
    clearTimer: () => undefined,
    random: () => 0.5,
    isVisible: () => true,
    onSignedOut: () => signedOut++,
    periodicMs: 60_000,
    timerPulls: options.timerPulls,
  });
  return { scheduler, timers, runs: () => runs, signedOut: () => signedOut };
}

describe('the sync scheduler', () => {
  it('backs off exponentially with jitter after failures, and resets on online', async () => {
    const h = harness([{ kind: 'offline' }, { kind: 'offline' }, { kind: 'server-error', status: 503 }]);
    await h.scheduler.request();
    await h.scheduler.request();
    await h.scheduler.request();
    expect(h.timers.map((t) => t.ms)).toEqual([1_000, 2_000, 4_000]);
    await h.scheduler.online();
    expect(h.timers.at(-1)?.ms).toBe(60_000);
  });

  it('waits at least what the server asked for in Retry-After after a 503', async () => {
    const h = harness([{ kind: 'server-error', status: 503, retryAfterMs: 5_000 }, { kind: 'server-error', status: 503 }]);
    await h.scheduler.request();
    await h.scheduler.request();
    expect(h.timers.map((t) => t.ms)).toEqual([5_000 + 1_000, 2_000]);
    expect(h.runs()).toBe(2);
  });

  it('pauses after the session ends and resumes only after a new sign-in', async () => {
    const h = harness([{ kind: 'signed-out' }]);
    await h.scheduler.request();
    await h.scheduler.request();
    expect(h.runs()).toBe(1);
    expect(h.signedOut()).toBe(1);
    await h.scheduler.resume();
    expect(h.runs()).toBe(2);
  });

  it('runs once more when asked during a run, instead of dropping the request', async () => {
    const h = harness([]);
    const first = h.scheduler.request();
    await h.scheduler.request();
    await first;
    expect(h.runs()).toBe(2);
  });
});

describe('the sync scheduler under "Hemat data"', () => {
  it('pulls on request but never on a timer, and still retries a failed push', async () => {
    let saving = true;
    const h = harness([{ kind: 'offline' }], { timerPulls: () => !saving });
    await h.scheduler.request();
    expect(h.timers.map((t) => t.ms)).toEqual([1_000]);
    h.timers[0]!.callback();
    await Promise.resolve();
    await Promise.resolve();
    expect(h.runs()).toBe(2);
    expect(h.timers).toHaveLength(1);

    // A timer set before data saver was switched on does not pull either.
    saving = false;
    await h.scheduler.request();
    expect(h.timers.at(-1)?.ms).toBe(60_000);
    saving = true;
    h.timers.at(-1)!.callback();
    await Promise.resolve();
    expect(h.runs()).toBe(3);
  });
});

describe('retryDelayMs', () => {
  it('never waits longer than the cap', () => {
    expect(retryDelayMs(50, () => 0.999999)).toBeLessThan(RETRY_CAP_MS);
    expect(retryDelayMs(0, () => 0)).toBe(0);
  });
});
