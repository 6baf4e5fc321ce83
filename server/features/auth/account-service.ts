import { and, count, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { AppDeps, AuthContext } from '../../app-env.ts';
import { accountCards, accounts, employers, memberships, participants, sessions } from '../../db/schema.ts';
import { hashPassword, verifyPassword } from '../../auth/password.ts';
import { audit } from '../../security/audit.ts';
import { passwordProblem } from '../../../shared/auth/auth-schemas.ts';
import { maskNik } from '../../../shared/ids/nik.ts';
import { maskPhone } from '../../../shared/ids/phone.ts';
import { refused, type Refused, type WeakPassword } from './auth-results.ts';

/** The signed-in person's contact data, cards and live sessions (this device marked). */
export async function accountOverview(deps: AppDeps, auth: AuthContext) {
  const [me] = await deps.db
    .select({ email: accounts.email, phone: accounts.phoneE164, fullName: participants.fullName, nik: participants.nik })
    .from(accounts)
    .innerJoin(participants, eq(participants.id, accounts.participantId))
    .where(eq(accounts.id, auth.accountId));
  const cards = await deps.db
    .select({ kpj: memberships.kpj, segment: memberships.segment, status: memberships.status, employerName: employers.name })
    .from(accountCards)
    .innerJoin(memberships, eq(memberships.id, accountCards.membershipId))
    .leftJoin(employers, eq(employers.id, memberships.employerId))
    .where(eq(accountCards.accountId, auth.accountId));
  const devices = await deps.db
    .select({ id: sessions.id, deviceLabel: sessions.deviceLabel, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(and(eq(sessions.accountId, auth.accountId), isNull(sessions.revokedAt), sql`${sessions.expiresAt} > ${deps.clock.now()}`))
    .orderBy(desc(sessions.lastSeenAt));
  return {
    email: me!.email,
    phoneMasked: maskPhone(me!.phone),
    fullName: me!.fullName,
    nikMasked: maskNik(me!.nik),
    cards,
    sessions: devices.map((s) => ({ ...s, current: s.id === auth.sessionId })),
  };
}

export async function changePassword(
  deps: AppDeps,
  auth: AuthContext,
  input: { currentPassword: string; newPassword: string; ip: string },
): Promise<{ ok: true } | Refused<'WRONG_PASSWORD'> | WeakPassword> {
  const [row] = await deps.db
    .select({ hash: accounts.passwordHash, nik: participants.nik, birthDate: participants.birthDate })
    .from(accounts)
    .innerJoin(participants, eq(participants.id, accounts.participantId))
    .where(eq(accounts.id, auth.accountId));
  if (!row || !(await verifyPassword(row.hash, input.currentPassword))) return refused('WRONG_PASSWORD');
  const problem = passwordProblem(input.newPassword, row);
  if (problem) return { ok: false, code: 'WEAK_PASSWORD', field: 'newPassword', problem };
  const now = deps.clock.now();
  await deps.db.update(accounts).set({ passwordHash: await hashPassword(input.newPassword) }).where(eq(accounts.id, auth.accountId));
  // Other devices signed in with the old password are signed out; this one stays.
  await deps.db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.accountId, auth.accountId), ne(sessions.id, auth.sessionId), isNull(sessions.revokedAt)));
  await audit(deps.db, 'password_changed', { accountId: auth.accountId, ip: input.ip, now });
  return { ok: true };
}

/** Signs out one device of this account; another account's session is NOT_FOUND like a missing one. */
export async function revokeSession(deps: AppDeps, auth: AuthContext, input: { sessionId: string; ip: string }): Promise<{ ok: true } | Refused<'NOT_FOUND'>> {
  const now = deps.clock.now();
  const revoked = await deps.db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, input.sessionId), eq(sessions.accountId, auth.accountId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  if (revoked.length === 0) return refused('NOT_FOUND');
  await audit(deps.db, 'session_revoked', { accountId: auth.accountId, ip: input.ip, detail: { scope: 'one' }, now });
  return { ok: true };
}

/** Signs out every other device, or this one too; how many sessions ended. */
export async function revokeSessions(deps: AppDeps, auth: AuthContext, input: { includeCurrent: boolean; ip: string }): Promise<{ ok: true; revoked: number }> {
  const now = deps.clock.now();
  const revoked = await deps.db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.accountId, auth.accountId), isNull(sessions.revokedAt), input.includeCurrent ? undefined : ne(sessions.id, auth.sessionId)))
    .returning({ id: sessions.id });
  await audit(deps.db, 'session_revoked', { accountId: auth.accountId, ip: input.ip, detail: { scope: input.includeCurrent ? 'all' : 'others', count: revoked.length }, now });
  return { ok: true, revoked: revoked.length };
}

/** JMO's "Tambah Kartu Peserta": the card must be registered under the same NIK. */
export async function addCard(deps: AppDeps, auth: AuthContext, input: { kpj: string; ip: string }): Promise<{ ok: true } | Refused<'CARD_NOT_YOURS'>> {
  const now = deps.clock.now();
  const [card] = await deps.db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.kpj, input.kpj), eq(memberships.participantId, auth.participantId)));
  if (!card) return refused('CARD_NOT_YOURS');
  await deps.db.transaction(async (tx) => {
    const added = await tx.insert(accountCards).values({ accountId: auth.accountId, membershipId: card.id, addedAt: now }).onConflictDoNothing().returning();
    if (added.length > 0) await tx.update(accounts).set({ scopeEpoch: sql`${accounts.scopeEpoch} + 1` }).where(eq(accounts.id, auth.accountId));
  });
  await audit(deps.db, 'card_added', { accountId: auth.accountId, ip: input.ip, detail: { kpj: input.kpj }, now });
  return { ok: true };
}

/** Removes a card from the account, never the last one. */
export async function removeCard(deps: AppDeps, auth: AuthContext, input: { kpj: string; ip: string }): Promise<{ ok: true } | Refused<'NOT_FOUND' | 'LAST_CARD'>> {
  const now = deps.clock.now();
  const outcome = await deps.db.transaction(async (tx) => {
    const [card] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .innerJoin(accountCards, and(eq(accountCards.membershipId, memberships.id), eq(accountCards.accountId, auth.accountId)))
      .where(eq(memberships.kpj, input.kpj));
    if (!card) return 'NOT_FOUND' as const;
    const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(accountCards).where(eq(accountCards.accountId, auth.accountId));
    if (n <= 1) return 'LAST_CARD' as const;
    await tx.delete(accountCards).where(and(eq(accountCards.accountId, auth.accountId), eq(accountCards.membershipId, card.id)));
    await tx.update(accounts).set({ scopeEpoch: sql`${accounts.scopeEpoch} + 1` }).where(eq(accounts.id, auth.accountId));
    return 'REMOVED' as const;
  });
  if (outcome !== 'REMOVED') return refused(outcome);
  await audit(deps.db, 'card_removed', { accountId: auth.accountId, ip: input.ip, detail: { kpj: input.kpj }, now });
  return { ok: true };
}
