import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { openLocalDb } from '../../../client/data/local-db.ts';
import { draftsOfKind } from '../../../client/data/drafts.ts';

/** Version 1 exactly as it shipped, to write a database an old app left on the phone. */
function openVersion1(name: string) {
  const db = new Dexie(name);
  db.version(1).stores({
    meta: '&key',
    profile: '&key',
    memberships: '&key, kpj',
    balances: '&key, kpj',
    contributions: '&key, kpj, [kpj+period]',
    claims: '&key, draftId, kpj',
    claimEvents: '&key, claimKey',
    outbox: '&id',
    results: '&id, draftId',
    drafts: '&id, kind, state, updatedAt',
  });
  return db;
}

describe('local database upgrades', () => {
  it('v1 → v2 keeps unsent items and drafts, adds the service tables and forces a full pull', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const old = openVersion1(name);
    await old.table('outbox').add({ id: 7, name: 'claim.submit', args: { draftId: 'd1' }, createdAt: 1, label: 'JHT penuh', draftId: 'd1' });
    await old.table('drafts').add({ id: 'd1', kind: 'claim', state: 'queued', data: { type: 'JHT_FULL' }, step: 4, createdAt: 1, updatedAt: 2, mutationId: 7 });
    await old.table('meta').bulkPut([
      { key: 'cursor', value: '1.500' },
      { key: 'etag', value: '"s1-v500-m6"' },
      { key: 'deviceId', value: 'device-1' },
      { key: 'nextMutationId', value: 8 },
    ]);
    old.close();

    const db = openLocalDb(name);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.outbox.get(7)).toMatchObject({ name: 'claim.submit', draftId: 'd1' });
    expect(await db.drafts.get('d1')).toMatchObject({ state: 'queued', mutationId: 7 });
    expect(await db.meta.get('cursor')).toBeUndefined();
    expect(await db.meta.get('etag')).toBeUndefined();
    expect((await db.meta.get('deviceId'))?.value).toBe('device-1');
    expect((await db.meta.get('nextMutationId'))?.value).toBe(8);
    expect(await db.notifications.count()).toBe(0);
    expect(await db.offices.count()).toBe(0);
    db.close();
  });
});

describe('local database upgrade to v3', () => {
  it('keeps every draft and finds claim drafts by kind', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const old = openVersion1(name);
    old.version(2).stores({ complaints: '&key, draftId, status', complaintMessages: '&key, complaintKey', payments: '&key, requestId, status', notifications: '&key, createdAt', offices: '&id, type, city' });
    await old.table('drafts').bulkAdd([
      { id: 'c1', kind: 'claim', state: 'rejected', data: { type: 'JHT_FULL' }, step: 4, createdAt: 1, updatedAt: 3 },
      { id: 'p1', kind: 'complaint', state: 'editing', data: { category: '', description: '', kpj: null }, step: 0, createdAt: 2, updatedAt: 4 },
    ]);
    old.close();

    const db = openLocalDb(name);
    await db.open();
    expect(db.verno).toBe(4);
    expect((await draftsOfKind(db, 'claim')).map((d) => d.id)).toEqual(['c1']);
    expect(await db.drafts.count()).toBe(2);
    db.close();
  });
});

describe('local database upgrade to v4', () => {
  it('keeps drafts, the outbox and synced rows, and adds empty document-page and upload-resume tables', async () => {
    const name = `upgrade-${crypto.randomUUID()}`;
    const old = openVersion1(name);
    old.version(2).stores({ complaints: '&key, draftId, status', complaintMessages: '&key, complaintKey', payments: '&key, requestId, status', notifications: '&key, createdAt', offices: '&id, type, city' });
    old.version(3).stores({ drafts: '&id, kind, state, updatedAt, [kind+updatedAt], [kind+state]' });
    await old.table('drafts').add({ id: 'c1', kind: 'claim', state: 'editing', data: { type: 'JHT_FULL', cause: 'RESIGN' }, step: 2, createdAt: 1, updatedAt: 3 });
    await old.table('outbox').add({ id: 4, name: 'claim.submit', args: { draftId: 'c0' }, createdAt: 2, label: 'JHT penuh', draftId: 'c0' });
    await old.table('claims').add({ key: 'k1', draftId: 'c0', kpj: '21098765' });
    await old.table('meta').put({ key: 'cursor', value: '2.900' });
    old.close();

    const db = openLocalDb(name);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await db.drafts.get('c1')).toMatchObject({ state: 'editing', step: 2, data: { cause: 'RESIGN' } });
    expect(await db.outbox.get(4)).toMatchObject({ name: 'claim.submit', draftId: 'c0' });
    expect(await db.claims.get('k1')).toMatchObject({ draftId: 'c0' });
    // Unlike v2, v4 changes nothing the server sent: no full pull is forced.
    expect((await db.meta.get('cursor'))?.value).toBe('2.900');
    expect(await db.documentPages.count()).toBe(0);
    expect(await db.uploadUrls.count()).toBe(0);
    await db.documentPages.add({ id: 'p1', draftId: 'c1', documentId: 'KTP', index: 0, blob: new Blob(['x'], { type: 'image/webp' }), size: 1, type: 'image/webp', createdAt: 4, uploadState: 'pending', uploadedBytes: 0 });
    expect(await db.documentPages.where('[draftId+documentId]').equals(['c1', 'KTP']).count()).toBe(1);
    db.close();
  });
});
