import { describe, expect, it } from 'vitest';
import { accountTag, clearHomeSnapshot, markSignedInAccount, readHomeSnapshot, writeHomeSnapshot, type HomeSnapshot } from '../../../client/data/home-snapshot.ts';
import { syncText } from '../../../client/shell/sync-text.ts';
import { MemoryStorage } from '../support/memory-storage.ts';

const SITI = 'siti.rahayu@demo.jmo-lite.test';
const BUDI = 'budi.santoso@demo.jmo-lite.test';
const { fresh, stale, offline, unreachable, sessionEnded, outdated, never } = syncText.id;
const shown = {
  language: 'id' as const,
  html: '<div class="app"><p class="amount" data-testid="merged-balance">Rp 12.345.678</p></div>',
  confirmedAt: Date.UTC(2026, 10, 12, 7, 3),
  serverOffsetMs: 1_500,
  lastAttempt: 'ok' as const,
  words: { fresh, stale, offline, unreachable, sessionEnded, outdated, never, offlineNotice: 'Anda sedang offline' },
};

describe('home snapshot in localStorage', () => {
  it('reads back what the home wrote, for the account that wrote it', () => {
    const storage = new MemoryStorage();
    writeHomeSnapshot(storage, SITI, shown);
    expect(readHomeSnapshot(storage)).toEqual<HomeSnapshot>({ version: 1, account: accountTag(SITI), ...shown });
  });

  it('is not painted once another account signed in, even before anything was wiped', () => {
    const storage = new MemoryStorage();
    writeHomeSnapshot(storage, SITI, shown);
    markSignedInAccount(storage, BUDI);
    expect(readHomeSnapshot(storage)).toBeNull();
    markSignedInAccount(storage, SITI);
    expect(readHomeSnapshot(storage)?.html).toBe(shown.html);
  });

  it('is gone after clearing (sign-out), account mark included', () => {
    const storage = new MemoryStorage();
    storage.setItem('jmo.lang', 'id');
    writeHomeSnapshot(storage, SITI, shown);
    clearHomeSnapshot(storage);
    expect(readHomeSnapshot(storage)).toBeNull();
    expect(storage.keys()).toEqual(['jmo.lang']);
  });

  it('is not painted in the other language, nor when unreadable', () => {
    const storage = new MemoryStorage();
    writeHomeSnapshot(storage, SITI, shown);
    storage.setItem('jmo.lang', 'en');
    expect(readHomeSnapshot(storage)).toBeNull();
    storage.setItem('jmo.lang', 'id');
    storage.setItem('jmo.home-snapshot', '{"version":1,');
    expect(readHomeSnapshot(storage)).toBeNull();
    storage.setItem('jmo.home-snapshot', JSON.stringify({ ...shown, version: 1, account: accountTag(SITI), confirmedAt: 'yesterday' }));
    expect(readHomeSnapshot(storage)).toBeNull();
  });

  it('does nothing without storage (blocked site data)', () => {
    expect(() => writeHomeSnapshot(null, SITI, shown)).not.toThrow();
    expect(readHomeSnapshot(null)).toBeNull();
    expect(() => clearHomeSnapshot(null)).not.toThrow();
  });

  it('tells accounts apart without keeping the email', () => {
    expect(accountTag(SITI)).toBe(accountTag(' Siti.Rahayu@demo.jmo-lite.test '));
    expect(accountTag(SITI)).not.toBe(accountTag(BUDI));
    const storage = new MemoryStorage();
    writeHomeSnapshot(storage, SITI, shown);
    expect(storage.keys().map((key) => storage.getItem(key)).join('')).not.toContain('siti.rahayu@');
  });
});
