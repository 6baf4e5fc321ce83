import { retryDelayMs } from './backoff.ts';
import type { SyncOutcome } from './sync-engine.ts';

export interface SchedulerDeps {
  runSync: () => Promise<SyncOutcome>;
  setTimer: (callback: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  random: () => number;
  isVisible: () => boolean;
  onSignedOut: () => void;
  periodicMs?: number;
}

const DEFAULT_PERIODIC_MS = 60_000;

/**
 * Decides when to sync: on request (start, online, visible, new mutation), on a timer while
 * the app is visible, and after failures with exponential backoff and full jitter. A request
 * during a run is remembered and runs right after, so a mutation queued mid-sync is not
 * left waiting for the next timer.
 */
export function createSyncScheduler(deps: SchedulerDeps) {
  let running = false;
  let again = false;
  let failures = 0;
  let paused = false;
  let timer: unknown = null;

  const schedule = (ms: number) => {
    if (timer !== null) deps.clearTimer(timer);
    timer = deps.setTimer(() => {
      timer = null;
      if (deps.isVisible() || failures > 0) void request();
    }, ms);
  };

  async function request(): Promise<void> {
    if (paused) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const outcome = await deps.runSync().catch((): SyncOutcome => ({ kind: 'server-error', status: 0 }));
      if (outcome.kind === 'ok') {
        failures = 0;
        schedule(deps.periodicMs ?? DEFAULT_PERIODIC_MS);
      } else if (outcome.kind === 'signed-out') {
        paused = true;
        deps.onSignedOut();
      } else {
        // The server's Retry-After is a floor: jitter above it still spreads the phones out.
        const floorMs = outcome.kind === 'server-error' ? (outcome.retryAfterMs ?? 0) : 0;
        schedule(floorMs + retryDelayMs(failures++, deps.random));
      }
    } finally {
      running = false;
    }
    if (again) {
      again = false;
      await request();
    }
  }

  return {
    request,
    /** The `online` event: the network is back, so forget the backoff and go now. */
    online() {
      failures = 0;
      return request();
    },
    /** After a new sign-in: pushing may resume. */
    resume() {
      paused = false;
      failures = 0;
      return request();
    },
    isPaused: () => paused,
    stop() {
      if (timer !== null) deps.clearTimer(timer);
      timer = null;
      paused = true;
    },
  };
}
