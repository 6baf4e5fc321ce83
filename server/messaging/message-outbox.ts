import type { Tx } from '../sync/mutation-registry.ts';
import type { Database } from '../db/database.ts';
import { messageOutbox } from '../db/schema.ts';

export interface OutgoingMessage {
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
}

/**
 * Queued in the caller's transaction (the transactional outbox): a code is sent only if the
 * registration that expects it was saved, and a crash after commit still delivers it.
 */
export async function enqueueMessage(tx: Tx | Database, message: OutgoingMessage, now: Date): Promise<void> {
  await tx.insert(messageOutbox).values({ ...message, createdAt: now, nextAttemptAt: now });
}
