import type { JmoDb } from '../data/local-db.ts';
import { writeMeta } from '../data/meta.ts';
import type { PullResponse } from '../../shared/sync/protocol.ts';
import { SYNCED_TABLES, type NotificationRecord } from '../../shared/sync/entities.ts';

/**
 * Applies one pull answer atomically: the rows, the tombstones and the new cursor commit
 * together, so a crash can only leave the old cursor with the old rows (the next pull
 * repeats the same delta), never a cursor ahead of the data.
 */
export async function applyPullResponse(db: JmoDb, body: PullResponse, options: { etag: string; localNow: number }): Promise<NotificationRecord[]> {
  const tables = SYNCED_TABLES.map((name) => db[name]);
  return db.transaction('rw', [...tables, db.meta], async () => {
    const incoming = (body.changes.notifications ?? []).filter((n) => !n.readAt);
    const known = new Set((await db.notifications.bulkGet(incoming.map((n) => n.key))).filter(Boolean).map((n) => n!.key));
    if (body.kind === 'snapshot') await Promise.all(tables.map((table) => table.clear()));
    for (const name of SYNCED_TABLES) {
      const rows = body.changes[name];
      if (rows?.length) await (db[name] as unknown as { bulkPut(rows: unknown[]): Promise<unknown> }).bulkPut(rows);
    }
    for (const tombstone of body.deletes) {
      await (db[tombstone.entity] as unknown as { delete(key: string): Promise<void> }).delete(tombstone.key);
    }
    const serverTime = Date.parse(body.serverTime);
    await writeMeta(db, 'cursor', body.cursor);
    await writeMeta(db, 'etag', options.etag);
    await writeMeta(db, 'lastMutationId', body.lastMutationId);
    await writeMeta(db, 'serverOffsetMs', serverTime - options.localNow);
    await writeMeta(db, 'lastConfirmedAt', serverTime);
    return incoming.filter((n) => !known.has(n.key));
  });
}

/** A 304: nothing changed, and the server has just confirmed that the local copy is current. */
export function recordConfirmation(db: JmoDb, serverTime: number): Promise<unknown> {
  return writeMeta(db, 'lastConfirmedAt', serverTime);
}
