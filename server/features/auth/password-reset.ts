import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-env.ts';
import { accounts, participants, passwordResets, sessions } from '../../db/schema.ts';
import { hashToken, newToken } from '../../auth/session.ts';
import { hashPassword } from '../../auth/password.ts';
import { audit } from '../../security/audit.ts';
import { enqueueMessage } from '../../messaging/message-outbox.ts';
import { passwordProblem } from '../../../shared/auth/auth-schemas.ts';
import { enforceRateLimits } from './enforce-rate-limits.ts';
import { RATE_RULES } from './rate-rules.ts';
import { refused, type RateLimited, type Refused, type WeakPassword } from './auth-results.ts';
import type { Tx } from '../../db/database.ts';

const RESET_TTL_MS = 60 * 60 * 1000;

/**
 * Always the same answer, whether or not the address has an account, and the same work: the
 * same statements run either way (the reset row is inserted from the account, if there is
 * one), and the email is queued either way, born discarded when there is no account.
 */
export async function requestPasswordReset(deps: AppDeps, input: { email: string; ip: string }): Promise<{ ok: true } | RateLimited> {
  const { ip } = input;
  const limited = await enforceRateLimits(deps, 'password_reset_rate_limited', ip, [
    [`reset-ip:${ip}`, RATE_RULES.resetIp],
    [`reset-email:${input.email}`, RATE_RULES.resetEmail],
  ]);
  if (limited) return limited;
  const now = deps.clock.now();
  const token = newToken();
  await deps.db.transaction(async (tx) => {
    const [reset] = await insertResetForEmail(tx, input.email, hashToken(token), now);
    const message = {
      channel: 'email' as const,
      recipient: input.email,
      subject: 'Ganti kata sandi JMO Lite',
      body: `Buka tautan ini untuk membuat kata sandi baru (berlaku 1 jam, sekali pakai):\n${deps.config.publicUrl}/lupa-kata-sandi?token=${token}\n\nJika Anda tidak meminta ini, abaikan email ini; kata sandi Anda tidak berubah.`,
    };
    await enqueueMessage(tx, message, now, reset ? undefined : { discardBecause: 'no account has this email' });
    await audit(tx, 'password_reset_requested', { accountId: reset?.accountId ?? null, ip, now });
  });
  return { ok: true };
}

function insertResetForEmail(tx: Tx, email: string, tokenHash: string, now: Date) {
  const at = (date: Date, alias: string) => sql<Date>`${date.toISOString()}::timestamptz`.as(alias);
  return tx
    .insert(passwordResets)
    .select(
      tx
        .select({ tokenHash: sql<string>`${tokenHash}`.as('token_hash'), accountId: accounts.id, createdAt: at(now, 'created_at'), expiresAt: at(new Date(now.getTime() + RESET_TTL_MS), 'expires_at'), usedAt: sql<Date | null>`null::timestamptz`.as('used_at') })
        .from(accounts)
        .where(eq(accounts.email, email)),
    )
    .returning({ accountId: passwordResets.accountId });
}

/** Sets the new password and ends every session of the account: whoever had it is out. */
export async function confirmPasswordReset(deps: AppDeps, input: { token: string; password: string; ip: string }): Promise<{ ok: true } | Refused<'RESET_TOKEN_INVALID'> | WeakPassword> {
  const now = deps.clock.now();
  const [reset] = await deps.db
    .select({ reset: passwordResets, nik: participants.nik, birthDate: participants.birthDate })
    .from(passwordResets)
    .innerJoin(accounts, eq(accounts.id, passwordResets.accountId))
    .innerJoin(participants, eq(participants.id, accounts.participantId))
    .where(and(eq(passwordResets.tokenHash, hashToken(input.token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)));
  if (!reset) return refused('RESET_TOKEN_INVALID');
  const problem = passwordProblem(input.password, { nik: reset.nik, birthDate: reset.birthDate });
  if (problem) return { ok: false, code: 'WEAK_PASSWORD', field: 'password', problem };
  const passwordHash = await hashPassword(input.password);
  const accountId = reset.reset.accountId;
  await deps.db.transaction(async (tx) => {
    await tx.update(passwordResets).set({ usedAt: now }).where(eq(passwordResets.tokenHash, reset.reset.tokenHash));
    await tx.update(accounts).set({ passwordHash }).where(eq(accounts.id, accountId));
    await tx.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt)));
  });
  await audit(deps.db, 'password_reset_done', { accountId, ip: input.ip, now });
  return { ok: true };
}
