import { createHash, randomInt } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database, Tx } from '../db/database.ts';
import { verificationCodes } from '../db/schema.ts';
import { enqueueMessage } from '../messaging/message-outbox.ts';

export const CODE_TTL_MS = 5 * 60 * 1000;
export const RESEND_AFTER_MS = 60 * 1000;
export const MAX_CODE_ATTEMPTS = 5;

export type CodeChannel = 'email' | 'sms';
/** What a code proves: a new registration's contacts, or a signed-in person's new contact. */
export type CodePurpose = 'register' | 'contact';
export interface CodeSubject {
  purpose: CodePurpose;
  subjectId: string;
  channel: CodeChannel;
}

// Only a hash is stored; bound to purpose, subject and channel so a code proves nothing else.
const codeHash = (subject: CodeSubject, code: string) => createHash('sha256').update(`${subject.purpose}:${subject.subjectId}:${subject.channel}:${code}`).digest('hex');

/**
 * A fresh 6-digit code sent to `target`; any earlier code for the same subject stops working.
 * With no message the code is stored but never sent: the flow then looks the same from
 * outside (a wrong code is "wrong", not "expired") while it cannot be completed.
 */
export async function issueCode(tx: Tx, subject: CodeSubject, target: string, message: { subject: string; purposeText: string } | null, now: Date): Promise<void> {
  await tx
    .update(verificationCodes)
    .set({ consumedAt: now })
    .where(and(eq(verificationCodes.subjectId, subject.subjectId), eq(verificationCodes.purpose, subject.purpose), eq(verificationCodes.channel, subject.channel), isNull(verificationCodes.consumedAt)));
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await tx.insert(verificationCodes).values({ ...subject, target, codeHash: codeHash(subject, code), sentAt: now, expiresAt: new Date(now.getTime() + CODE_TTL_MS) });
  if (!message) return;
  const body = `Kode verifikasi JMO Lite untuk ${message.purposeText}: ${code}. Berlaku 5 menit. Jangan berikan kode ini kepada siapa pun, termasuk petugas.`;
  await enqueueMessage(tx, { channel: subject.channel, recipient: target, subject: subject.channel === 'email' ? message.subject : '', body }, now);
}

export async function latestCode(db: Database, subject: CodeSubject) {
  const [code] = await db
    .select()
    .from(verificationCodes)
    .where(and(eq(verificationCodes.subjectId, subject.subjectId), eq(verificationCodes.purpose, subject.purpose), eq(verificationCodes.channel, subject.channel)))
    .orderBy(desc(verificationCodes.sentAt))
    .limit(1);
  return code ?? null;
}

/** Seconds until another code may be sent for this subject (0: now). */
export async function secondsUntilResend(db: Database, subject: CodeSubject, now: Date): Promise<number> {
  const last = await latestCode(db, subject);
  const waitMs = last ? last.sentAt.getTime() + RESEND_AFTER_MS - now.getTime() : 0;
  return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
}

export type CodeCheck =
  | { ok: true; target: string }
  | { ok: false; code: 'CODE_EXPIRED' | 'CODE_LOCKED' }
  | { ok: false; code: 'CODE_WRONG'; remainingAttempts: number };

/** Checks the latest code: wrong answers count towards the limit; a right one is used up. */
export async function checkCode(db: Database, subject: CodeSubject, answer: string, now: Date): Promise<CodeCheck> {
  const code = await latestCode(db, subject);
  if (!code || code.consumedAt) return { ok: false, code: 'CODE_EXPIRED' };
  if (code.attempts >= MAX_CODE_ATTEMPTS) return { ok: false, code: 'CODE_LOCKED' };
  if (code.expiresAt <= now) return { ok: false, code: 'CODE_EXPIRED' };
  if (code.codeHash !== codeHash(subject, answer)) {
    await db.update(verificationCodes).set({ attempts: code.attempts + 1 }).where(eq(verificationCodes.id, code.id));
    const remainingAttempts = MAX_CODE_ATTEMPTS - code.attempts - 1;
    return remainingAttempts > 0 ? { ok: false, code: 'CODE_WRONG', remainingAttempts } : { ok: false, code: 'CODE_LOCKED' };
  }
  const used = await db
    .update(verificationCodes)
    .set({ consumedAt: now })
    .where(and(eq(verificationCodes.id, code.id), isNull(verificationCodes.consumedAt)))
    .returning({ id: verificationCodes.id });
  // Two requests racing with the same right code: only one of them may use it.
  return used.length === 1 ? { ok: true, target: code.target } : { ok: false, code: 'CODE_EXPIRED' };
}
