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
  /** False under "Hemat data": no pull on a timer, only on open, on request and after a push. */
  timerPulls?: () => boolean;
}

/**
 * An unchanged pull is a 304 of 1,436 bytes with its headers both ways (616 up, 820 down,
 * measured in tests/e2e/platform.e2e.test.ts): every minute that was 84 KB per hour of use,
 * every 5 minutes it is 17 KB. A push pulls right after, so the user's own changes do not wait.
 */
export const DEFAULT_PERIODIC_MS = 5 * 60_000;

/**
 * Decides when to sync: on request (start, online, visible, new mutation), on a timer while
 * the app is visible (not under data saver), and after failures with exponential backoff and
 * full jitter. A request during a run is remembered and runs right after, so a mutation
 * queued mid-sync is not left waiting for the next timer.
 */
export function createSyncScheduler(deps: SchedulerDeps) {
  let running = false;
  let again = false;
  let failures = 0;
  let paused = false;
  let timer: unknown = null;
  const timerPulls = () => deps.timerPulls?.() ?? true;

  const cancelTimer = () => {
    if (timer !== null) deps.clearTimer(timer);
    timer = null;
  };
  const schedule = (ms: number) => {
    cancelTimer();
    timer = deps.setTimer(() => {
      timer = null;
      if (failures > 0 || (deps.isVisible() && timerPulls())) void request();
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
        if (timerPulls()) schedule(deps.periodicMs ?? DEFAULT_PERIODIC_MS);
        else cancelTimer();
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
      cancelTimer();
      paused = true;
    },
  };
}
