import type { JmoDb } from '../../data/local-db.ts';
import { queueMutation } from '../../sync/outbox.ts';
import { requestSync } from '../../sync/sync-client.ts';

/** Marks locally at once (the badge drops now) and queues the mark for the server. */
export async function markNotificationsRead(db: JmoDb, keys: string[], now: number): Promise<void> {
  const readAt = new Date(now).toISOString();
  await db.transaction('rw', [db.notifications, db.outbox, db.meta, db.drafts], async () => {
    await queueMutation(db, { name: 'notification.read', args: { keys }, label: 'Tanda sudah dibaca' }, now);
    for (const key of keys) await db.notifications.update(key, { readAt });
  });
  requestSync();
}
