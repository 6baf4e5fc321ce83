const RETRY_BASE_MS = 2_000;
export const RETRY_CAP_MS = 5 * 60_000;

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff and
 * Jitter"): a random wait between 0 and min(cap, base·2^attempt). Thousands of phones coming
 * back online after an outage then spread out instead of hitting the server in waves.
 */
export function retryDelayMs(attempt: number, random: () => number, baseMs = RETRY_BASE_MS, capMs = RETRY_CAP_MS): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
