import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { clearHomeSnapshot, forgetLegacyHomeSnapshot, readHomeSnapshot, writeHomeSnapshot, type HomeSnapshot } from '../../../client/data/home-snapshot.ts';
import { openLocalDb, type JmoDb } from '../../../client/data/local-db.ts';
import { writeMeta } from '../../../client/data/meta.ts';
import { syncText } from '../../../client/shell/sync-text.ts';
import { MemoryStorage } from '../support/memory-storage.ts';

const SITI = 'siti.rahayu@demo.jmo-lite.test';
const BUDI = 'budi.santoso@demo.jmo-lite.test';
const { fresh, stale, offline, unreachable, sessionEnded, outdated, never } = syncText.id;
const shown = {
  owner: SITI,
  language: 'id' as const,
  html: '<div class="app"><p class="amount" data-testid="merged-balance">Rp 12.345.678</p></div>',
  confirmedAt: Date.UTC(2026, 10, 12, 7, 3),
  serverOffsetMs: 1_500,
  lastAttempt: 'ok' as const,
  words: { fresh, stale, offline, unreachable, sessionEnded, outdated, never, offlineNotice: 'Anda sedang offline' },
};

describe('home snapshot in the account database', () => {
  let db: JmoDb;
  const signedIn = async (email: string) => {
    db = openLocalDb(`home-snapshot-${randomUUID()}`);
    await writeMeta(db, 'accountEmail', email);
  };
  afterEach(async () => {
    await db.delete();
  });

  it('reads back what the home wrote, for the account that owns the database', async () => {
    await signedIn(SITI);
    await writeHomeSnapshot(db, shown);
    expect(await readHomeSnapshot(db)).toEqual<HomeSnapshot>({ version: 2, ...shown });
  });

  it('is not painted for another account, even before anything was wiped', async () => {
    await signedIn(SITI);
    await writeHomeSnapshot(db, shown);
    await writeMeta(db, 'accountEmail', BUDI);
    expect(await readHomeSnapshot(db)).toBeNull();
    await db.meta.delete('accountEmail');
    expect(await readHomeSnapshot(db)).toBeNull();
  });

  it('is gone after clearing (nobody signed in, language changed)', async () => {
    await signedIn(SITI);
    await writeHomeSnapshot(db, shown);
    await clearHomeSnapshot(db);
    expect(await readHomeSnapshot(db)).toBeNull();
    expect(await db.meta.get('accountEmail')).toEqual({ key: 'accountEmail', value: SITI });
  });

  it('is not painted when unreadable: an older version, a bad date, an unknown language', async () => {
    await signedIn(SITI);
    for (const value of [
      { ...shown, version: 1 },
      { ...shown, version: 2, confirmedAt: 'yesterday' },
      { ...shown, version: 2, language: 'fr' },
      { ...shown, version: 2, words: null },
      'not a snapshot',
    ]) {
      await db.meta.put({ key: 'homeSnapshot', value });
      expect(await readHomeSnapshot(db)).toBeNull();
    }
  });

  it('removes the localStorage snapshot of version 1, keeping the language', () => {
    const storage = new MemoryStorage();
    storage.setItem('jmo.lang', 'en');
    storage.setItem('jmo.home-snapshot', JSON.stringify({ version: 1, html: shown.html }));
    storage.setItem('jmo.account', 'x1y2');
    forgetLegacyHomeSnapshot(storage);
    expect(storage.keys()).toEqual(['jmo.lang']);
    expect(() => forgetLegacyHomeSnapshot(null)).not.toThrow();
  });
});
