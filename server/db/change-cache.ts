import { EVERYTHING, type ChangeFeed } from './change-feed.ts';

/**
 * A bounded in-memory cache of answers read from the database, each belonging to an owner (a
 * participant, an account) and dropped when the feed announces a change of that owner.
 *
 * A read races with the announcements: a change can commit after the read's snapshot and be
 * announced before the read's answer is stored. So a read takes a `ticket` before it starts,
 * and an answer counts only while no announcement for its owner came after that ticket. Owners
 * are remembered in a bounded map too; one pushed out lifts a floor that every older ticket
 * falls under, so a forgotten owner can only cost a database read, never a stale answer.
 */
export class ChangeCache<V> {
  #clock = 0;
  #floor = 0;
  readonly #entries = new Map<string, { owner: number; value: V; ticket: number }>();
  readonly #changedAt = new Map<number, number>();

  constructor(
    private readonly maxEntries: number,
    feed: ChangeFeed,
    channel: string,
  ) {
    feed.subscribe({
      changed: (announced, payload) => {
        if (announced !== channel) return;
        if (payload === EVERYTHING) this.forgetAll();
        else this.forget(Number(payload));
      },
      reset: () => this.forgetAll(),
    });
  }

  /** Take before reading the database; pass to `set` with what the read found. */
  ticket(): number {
    return this.#clock;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.ticket < this.#lastChange(entry.owner)) {
      this.#entries.delete(key);
      return undefined;
    }
    // Least recently used goes first: a hit moves to the back.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, owner: number, value: V, ticket: number): void {
    if (ticket < this.#lastChange(owner)) return;
    this.#entries.delete(key);
    this.#entries.set(key, { owner, value, ticket });
    if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  forget(owner: number): void {
    this.#clock++;
    this.#changedAt.delete(owner);
    this.#changedAt.set(owner, this.#clock);
    if (this.#changedAt.size > this.maxEntries) {
      const [oldest, at] = this.#changedAt.entries().next().value!;
      this.#changedAt.delete(oldest);
      this.#floor = Math.max(this.#floor, at);
    }
  }

  forgetAll(): void {
    this.#clock++;
    this.#floor = this.#clock;
    this.#entries.clear();
    this.#changedAt.clear();
  }

  get size(): number {
    return this.#entries.size;
  }

  #lastChange(owner: number): number {
    return this.#changedAt.get(owner) ?? this.#floor;
  }
}
