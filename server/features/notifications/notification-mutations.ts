import { and, eq, inArray, isNull } from 'drizzle-orm';
import { notifications } from '../../db/schema.ts';
import type { MutationDefinition } from '../../sync/mutation-registry.ts';
import { NotificationReadArgsSchema } from '../../../shared/complaints/complaint-schemas.ts';

/** `notification.read`: read marks made offline reach every device of the person. */
export const notificationRead: MutationDefinition<typeof NotificationReadArgsSchema> = {
  name: 'notification.read',
  schema: NotificationReadArgsSchema,
  async apply({ tx, auth, now }, args) {
    await tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.participantId, auth.participantId), inArray(notifications.id, args.keys.map(Number)), isNull(notifications.readAt)));
    return { status: 'applied' };
  },
};
