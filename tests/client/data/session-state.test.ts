import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readHomeSnapshot, writeHomeSnapshot } from '../../../client/data/home-snapshot.ts';
import { adoptAccount, wipeLocalData } from '../../../client/data/session-state.ts';
import { localDb } from '../../../client/data/local-db-instance.ts';
import { syncText } from '../../../client/shell/sync-text.ts';
import { MemoryStorage } from '../support/memory-storage.ts';

const SITI = 'siti.rahayu@demo.jmo-lite.test';
const { fresh, stale, offline, unreachable, sessionEnded, outdated, never } = syncText.id;
const shown = {
  language: 'id' as const,
  owner: SITI,
  html: '<div class="app">Rp 12.345.678</div>',
  confirmedAt: Date.UTC(2026, 10, 12, 7, 3),
  serverOffsetMs: 0,
  lastAttempt: 'ok' as const,
  words: { fresh, stale, offline, unreachable, sessionEnded, outdated, never, offlineNotice: 'Anda sedang offline' },
};

describe('what sign-in and sign-out leave of the last home', () => {
  let storage: MemoryStorage;
  beforeEach(() => {
    storage = new MemoryStorage();
    Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'localStorage');
  });

  it('sign-out removes the home snapshot (and version 1 of it in localStorage) with the drafts, and keeps the language', async () => {
    await adoptAccount(SITI);
    await writeHomeSnapshot(localDb, shown);
    storage.setItem('jmo.home-snapshot', '{"version":1}');
    storage.setItem('jmo.account', 'x1y2');
    storage.setItem('jmo.draft.register', '{}');
    storage.setItem('jmo.lang', 'id');
    await wipeLocalData();
    expect(await readHomeSnapshot(localDb)).toBeNull();
    expect(await localDb.meta.get('homeSnapshot')).toBeUndefined();
    expect(storage.keys()).toEqual(['jmo.lang']);
    expect(await localDb.meta.get('accountEmail')).toBeUndefined();
  });

  it('another account signing in wipes the snapshot; the same account signing in again keeps it', async () => {
    await adoptAccount(SITI);
    await writeHomeSnapshot(localDb, shown);
    await adoptAccount(SITI);
    expect((await readHomeSnapshot(localDb))?.html).toBe(shown.html);
    await adoptAccount('budi.santoso@demo.jmo-lite.test');
    expect(await readHomeSnapshot(localDb)).toBeNull();
    expect(await localDb.meta.get('homeSnapshot')).toBeUndefined();
  });
});
