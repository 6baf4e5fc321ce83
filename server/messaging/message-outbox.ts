import type { Tx } from '../sync/mutation-registry.ts';
import type { Database } from '../db/database.ts';
import { messageOutbox } from '../db/schema.ts';

export interface OutgoingMessage {
  channel: 'email' | 'sms';
  recipient: string;
  subject: string;
  body: string;
}

/** After this many failed sends the deliverer gives a message up. */
export const MAX_SEND_ATTEMPTS = 8;

/**
 * Queued in the caller's transaction (the transactional outbox): a code is sent only if the
 * registration that expects it was saved, and a crash after commit still delivers it. A
 * discarded message is stored as given up, never sent: a flow that must cost the same whether
 * or not an account exists queues one either way.
 */
export async function enqueueMessage(tx: Tx | Database, message: OutgoingMessage, now: Date, options: { discardBecause?: string } = {}): Promise<void> {
  const discarded = options.discardBecause ? { attempts: MAX_SEND_ATTEMPTS, lastError: `discarded: ${options.discardBecause}` } : {};
  await tx.insert(messageOutbox).values({ ...message, createdAt: now, nextAttemptAt: now, ...discarded });
}
