import { and, eq, gt } from 'drizzle-orm';
import { notifications } from '../../db/schema.ts';
import type { PullReader } from '../../sync/pull-readers.ts';

export const notificationReader: PullReader<'notifications'> = {
  entity: 'notifications',
  table: 'notifications',
  async read({ tx, scope, since }) {
    const rows = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.participantId, scope.participantId), gt(notifications.version, since)))
      .orderBy(notifications.id);
    return rows.map((n) => ({
      key: String(n.id),
      kind: n.kind,
      title: n.title,
      body: n.body,
      link: n.link,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
    }));
  },
};
