import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHomeSnapshot, writeHomeSnapshot } from '../../../client/data/home-snapshot.ts';
import { adoptAccount, wipeLocalData } from '../../../client/data/session-state.ts';
import { localDb } from '../../../client/data/local-db-instance.ts';
import { syncText } from '../../../client/shell/sync-text.ts';
import { MemoryStorage } from '../support/memory-storage.ts';

const SITI = 'siti.rahayu@demo.jmo-lite.test';
const shown = {
  language: 'id' as const,
  html: '<div class="app">Rp 12.345.678</div>',
  confirmedAt: Date.UTC(2026, 10, 12, 7, 3),
  serverOffsetMs: 0,
  lastAttempt: 'ok' as const,
  words: { ...syncText.id, offlineNotice: 'Anda sedang offline' },
};

describe('what sign-in and sign-out leave in localStorage', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });

  it('sign-out removes the home snapshot with the drafts, and keeps the language', async () => {
    await adoptAccount(SITI);
    writeHomeSnapshot(storage, SITI, shown);
    storage.setItem('jmo.draft.register', '{}');
    storage.setItem('jmo.lang', 'id');
    await wipeLocalData();
    expect(readHomeSnapshot(storage)).toBeNull();
    expect(storage.keys()).toEqual(['jmo.lang']);
    expect(await localDb.meta.get('accountEmail')).toBeUndefined();
  });

  it('another account signing in wipes the snapshot; the same account signing in again keeps it', async () => {
    await adoptAccount(SITI);
    writeHomeSnapshot(storage, SITI, shown);
    await adoptAccount(SITI);
    expect(readHomeSnapshot(storage)?.html).toBe(shown.html);
    await adoptAccount('budi.santoso@demo.jmo-lite.test');
    expect(readHomeSnapshot(storage)).toBeNull();
    expect(storage.getItem('jmo.home-snapshot')).toBeNull();
  });
});
