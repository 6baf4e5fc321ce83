import { describe, expect, it } from 'vitest';
import { ChangeCache } from '../../../server/db/change-cache.ts';
import type { ChangeFeed, ChangeListener } from '../../../server/db/change-feed.ts';

/** A feed the test announces on by hand. */
function handFeed() {
  const listeners: ChangeListener[] = [];
  const feed: ChangeFeed = {
    subscribe: (listener) => {
      listeners.push(listener);
      return () => undefined;
    },
    mark: () => 0,
    caughtUp: () => true,
    close: () => Promise.resolve(),
  };
  return {
    feed,
    announce: (payload: string, channel = 'c') => listeners.forEach((l) => l.changed(channel, payload)),
    reset: () => listeners.forEach((l) => l.reset()),
  };
}

describe('ChangeCache', () => {
  it('drops an answer when its owner is announced, and keeps the other owners’', () => {
    const { feed, announce } = handFeed();
    const cache = new ChangeCache<string>(10, feed, 'c');
    cache.set('a', 1, 'one', cache.ticket());
    cache.set('b', 2, 'two', cache.ticket());
    announce('1');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe('two');
    announce('2', 'another-channel');
    expect(cache.get('b')).toBe('two');
  });

  it('never stores an answer read before a change that was announced while the read ran', () => {
    const { feed, announce } = handFeed();
    const cache = new ChangeCache<string>(10, feed, 'c');
    const ticket = cache.ticket();
    announce('1');
    cache.set('a', 1, 'read before the change', ticket);
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 1, 'read after the change', cache.ticket());
    expect(cache.get('a')).toBe('read after the change');
  });

  it('forgets everything on "*" and on a reset of the feed', () => {
    const { feed, announce, reset } = handFeed();
    const cache = new ChangeCache<string>(10, feed, 'c');
    const ticket = cache.ticket();
    cache.set('a', 1, 'one', ticket);
    announce('*');
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 1, 'one', ticket);
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 1, 'one', cache.ticket());
    reset();
    expect(cache.get('a')).toBeUndefined();
  });

  it('stays bounded, and an owner pushed out of memory can cost a read but never a stale answer', () => {
    const { feed, announce } = handFeed();
    const cache = new ChangeCache<string>(2, feed, 'c');
    const ticket = cache.ticket();
    for (const owner of [1, 2, 3]) announce(String(owner));
    // Owner 1's announcement no longer fits in memory; an answer read before it must not count.
    cache.set('a', 1, 'stale', ticket);
    expect(cache.get('a')).toBeUndefined();
    for (const key of ['x', 'y', 'z']) cache.set(key, 9, key, cache.ticket());
    expect(cache.size).toBe(2);
    expect(cache.get('x')).toBeUndefined();
    expect(cache.get('z')).toBe('z');
  });
});
