/** Chunk sizes for weak links: small enough that a cut loses little, large enough that the per-request cost stays small. */
export const MIN_CHUNK = 64 * 1024;
export const MAX_CHUNK = 256 * 1024;
const STEP = 16 * 1024;
/** A chunk should take about this long on the measured link: a cut re-sends at most that much time's worth. */
const TARGET_SECONDS = 4;
/** How much the latest chunk counts against the running estimate. */
const WEIGHT = 0.5;

/**
 * Picks the next chunk size from the measured throughput (bytes per second, a running
 * average over answered chunks). Starts at the smallest size: the first chunk on an unknown
 * link is the one most likely to be cut.
 */
export class ChunkSizer {
  private bytesPerSecond: number | null = null;

  get size(): number {
    if (this.bytesPerSecond === null) return MIN_CHUNK;
    const wanted = Math.floor((this.bytesPerSecond * TARGET_SECONDS) / STEP) * STEP;
    return Math.min(MAX_CHUNK, Math.max(MIN_CHUNK, wanted));
  }

  /** One chunk of `bytes` answered `milliseconds` after it was sent. */
  record(bytes: number, milliseconds: number): void {
    if (bytes <= 0) return;
    const measured = (bytes * 1000) / Math.max(milliseconds, 1);
    this.bytesPerSecond = this.bytesPerSecond === null ? measured : this.bytesPerSecond * (1 - WEIGHT) + measured * WEIGHT;
  }
}
