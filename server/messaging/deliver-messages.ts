import { and, asc, eq, isNull, lte } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { messageOutbox } from '../db/schema.ts';
import type { Senders } from './senders.ts';
import { MAX_SEND_ATTEMPTS } from './message-outbox.ts';
import type { Logger } from '../logging/logger.ts';

const BACKOFF_CAP_MS = 60 * 60 * 1000;

/** Sends what is due; a failure waits 30 s, 1 min, 2 min… (capped at 1 h) and gives up after 8 tries. */
export async function deliverPendingMessages(db: Database, senders: Senders, now: Date, log: Logger): Promise<number> {
  const due = await db
    .select()
    .from(messageOutbox)
    .where(and(isNull(messageOutbox.sentAt), lte(messageOutbox.nextAttemptAt, now), lte(messageOutbox.attempts, MAX_SEND_ATTEMPTS - 1)))
    .orderBy(asc(messageOutbox.id))
    .limit(50);
  let sent = 0;
  for (const message of due) {
    try {
      await senders[message.channel].send(message);
      await db.update(messageOutbox).set({ sentAt: now, attempts: message.attempts + 1, lastError: null }).where(eq(messageOutbox.id, message.id));
      sent++;
    } catch (error) {
      const attempts = message.attempts + 1;
      const delayMs = Math.min(BACKOFF_CAP_MS, 30_000 * 2 ** (attempts - 1));
      const reason = error instanceof Error ? error.message.slice(0, 200) : 'unknown';
      await db.update(messageOutbox).set({ attempts, lastError: reason, nextAttemptAt: new Date(now.getTime() + delayMs) }).where(eq(messageOutbox.id, message.id));
      log.warn({ err: error, messageId: message.id, channel: message.channel, attempt: attempts }, 'message delivery failed');
    }
  }
  return sent;
}

/** Polls the outbox every 2 s; returns a stop function. */
export function startMessageWorker(db: Database, senders: Senders, clock: { now(): Date }, log: Logger): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliverPendingMessages(db, senders, clock.now(), log)
      .catch((error: unknown) => log.error({ err: error }, 'message worker failed'))
      .finally(() => (running = false));
  }, 2_000);
  timer.unref();
  return () => clearInterval(timer);
}
