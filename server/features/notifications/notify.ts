import { notifications } from '../../db/schema.ts';
import type { Tx } from '../../db/database.ts';

export type NotificationKind = (typeof notifications.$inferInsert)['kind'];

/** Written in the same transaction as the change it announces, so neither exists without the other. */
export async function notify(tx: Tx, input: { participantId: number; kind: NotificationKind; title: string; body: string; link?: string; now: Date }): Promise<void> {
  await tx.insert(notifications).values({ participantId: input.participantId, kind: input.kind, title: input.title, body: input.body, link: input.link ?? null, createdAt: input.now });
}
