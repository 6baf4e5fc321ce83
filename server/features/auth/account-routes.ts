import { Hono } from 'hono';
import { describe, vValidator } from '../../http/openapi/describe.ts';
import { AccountResponseSchema, CardAddedSchema, CardRemovedSchema, ContactChangedSchema, ContactCodeSentSchema, PasswordChangedSchema, SessionsRevokedSchema } from '../../../shared/api/api-responses.ts';
import { and, count, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { accountCards, accounts, employers, memberships, participants, sessions } from '../../db/schema.ts';
import { requireAuth } from '../../auth/session.ts';
import { hashPassword, verifyPassword } from '../../auth/password.ts';
import { apiError, rejectInvalid } from '../../http/errors.ts';
import { clientIp } from '../../http/client-ip.ts';
import { audit } from '../../security/audit.ts';
import { AddCardSchema, authErrors, ChangePasswordSchema, ContactChangeSchema, ContactConfirmSchema, passwordProblem } from '../../../shared/auth/auth-schemas.ts';
import { confirmContactChange, startContactChange } from './contact-change.ts';
import { maskNik } from '../../../shared/ids/nik.ts';
import { maskPhone } from '../../../shared/ids/phone.ts';
import * as v from 'valibot';

const SessionParamSchema = v.object({ id: v.pipe(v.string(), v.uuid('Perangkat tidak dikenali.')) });

/** /api/account: the signed-in person's cards, devices, password and contact data. Online only. */
export function accountRoutes(deps: AppDeps) {
  const ipOf = (c: Parameters<typeof clientIp>[0]) => clientIp(c, deps.config.trustProxy);
  return new Hono<AppEnv>()
    .use('*', requireAuth)
    .get('/', describe({ summary: 'The signed-in account: contact data, cards and signed-in devices', responses: { 200: AccountResponseSchema } }), async (c) => {
      const auth = c.get('auth')!;
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
      c.header('Cache-Control', 'no-store');
      return c.json({
        email: me!.email,
        phoneMasked: maskPhone(me!.phone),
        fullName: me!.fullName,
        nikMasked: maskNik(me!.nik),
        cards,
        sessions: devices.map((s) => ({ ...s, current: s.id === auth.sessionId })),
      });
    })
    .post('/password', describe({ summary: 'Change the password; signs out the other devices', responses: { 200: PasswordChangedSchema }, errors: { 400: ['WRONG_PASSWORD', 'WEAK_PASSWORD'] } }), vValidator('json', ChangePasswordSchema, rejectInvalid), async (c) => {
      const auth = c.get('auth')!;
      const input = c.req.valid('json');
      const [row] = await deps.db
        .select({ hash: accounts.passwordHash, nik: participants.nik, birthDate: participants.birthDate })
        .from(accounts)
        .innerJoin(participants, eq(participants.id, accounts.participantId))
        .where(eq(accounts.id, auth.accountId));
      if (!row || !(await verifyPassword(row.hash, input.currentPassword))) return apiError(c, 400, 'WRONG_PASSWORD', authErrors.WRONG_PASSWORD, { currentPassword: authErrors.WRONG_PASSWORD });
      const problem = passwordProblem(input.newPassword, row);
      if (problem) return apiError(c, 400, 'WEAK_PASSWORD', problem, { newPassword: problem });
      const now = deps.clock.now();
      await deps.db.update(accounts).set({ passwordHash: await hashPassword(input.newPassword) }).where(eq(accounts.id, auth.accountId));
      // Other devices signed in with the old password are signed out; this one stays.
      await deps.db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.accountId, auth.accountId), ne(sessions.id, auth.sessionId), isNull(sessions.revokedAt)));
      await audit(deps.db, 'password_changed', { accountId: auth.accountId, ip: ipOf(c), now });
      return c.json({ changed: true });
    })
    .post('/contact', describe({ summary: 'Start changing the email or mobile number: password again, code to the new address', responses: { 200: ContactCodeSentSchema }, errors: { 400: ['WRONG_PASSWORD', 'SAME_CONTACT'], 429: ['RESEND_TOO_SOON', 'RATE_LIMITED'] } }), vValidator('json', ContactChangeSchema, rejectInvalid), (c) => startContactChange(c, deps, c.get('auth')!, c.req.valid('json')))
    .post('/contact/verify', describe({ summary: 'Confirm the new email or mobile number with its code', responses: { 200: ContactChangedSchema }, errors: { 400: ['CODE_WRONG', 'CODE_EXPIRED', 'CODE_LOCKED'], 409: ['CONTACT_UNAVAILABLE'], 429: ['RATE_LIMITED'] } }), vValidator('json', ContactConfirmSchema, rejectInvalid), (c) => confirmContactChange(c, deps, c.get('auth')!, c.req.valid('json')))
    .delete('/sessions/:id', describe({ summary: 'Sign out one device', responses: { 200: SessionsRevokedSchema }, errors: { 404: ['NOT_FOUND'] } }), vValidator('param', SessionParamSchema, rejectInvalid), async (c) => {
      const auth = c.get('auth')!;
      const { id } = c.req.valid('param');
      const now = deps.clock.now();
      const revoked = await deps.db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.id, id), eq(sessions.accountId, auth.accountId), isNull(sessions.revokedAt))).returning({ id: sessions.id });
      if (revoked.length === 0) return apiError(c, 404, 'NOT_FOUND');
      await audit(deps.db, 'session_revoked', { accountId: auth.accountId, ip: ipOf(c), detail: { scope: 'one' }, now });
      return c.json({ revoked: 1 });
    })
    .post('/sessions/revoke-all', describe({ summary: 'Sign out every other device, or all of them', responses: { 200: SessionsRevokedSchema } }), vValidator('json', v.object({ includeCurrent: v.boolean() }), rejectInvalid), async (c) => {
      const auth = c.get('auth')!;
      const now = deps.clock.now();
      const { includeCurrent } = c.req.valid('json');
      const revoked = await deps.db
        .update(sessions)
        .set({ revokedAt: now })
        .where(and(eq(sessions.accountId, auth.accountId), isNull(sessions.revokedAt), includeCurrent ? undefined : ne(sessions.id, auth.sessionId)))
        .returning({ id: sessions.id });
      await audit(deps.db, 'session_revoked', { accountId: auth.accountId, ip: ipOf(c), detail: { scope: includeCurrent ? 'all' : 'others', count: revoked.length }, now });
      return c.json({ revoked: revoked.length });
    })
    .post('/cards', describe({ summary: 'Add another participant card registered under the same NIK', responses: { 201: CardAddedSchema }, errors: { 404: ['CARD_NOT_YOURS'] } }), vValidator('json', AddCardSchema, rejectInvalid), async (c) => {
      const auth = c.get('auth')!;
      const { kpj } = c.req.valid('json');
      const now = deps.clock.now();
      // JMO's "Tambah Kartu Peserta": the card must be registered under the same NIK.
      const [card] = await deps.db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.kpj, kpj), eq(memberships.participantId, auth.participantId)));
      // 404 like any address that is not yours: the answer never confirms whose card it is.
      if (!card) return apiError(c, 404, 'CARD_NOT_YOURS', authErrors.CARD_NOT_YOURS);
      await deps.db.transaction(async (tx) => {
        const added = await tx.insert(accountCards).values({ accountId: auth.accountId, membershipId: card.id, addedAt: now }).onConflictDoNothing().returning();
        if (added.length > 0) await tx.update(accounts).set({ scopeEpoch: sql`${accounts.scopeEpoch} + 1` }).where(eq(accounts.id, auth.accountId));
      });
      await audit(deps.db, 'card_added', { accountId: auth.accountId, ip: ipOf(c), detail: { kpj }, now });
      return c.json({ added: kpj }, 201);
    })
    .delete('/cards/:kpj', describe({ summary: 'Remove a card from the account (never the last one)', responses: { 200: CardRemovedSchema }, errors: { 404: ['NOT_FOUND'], 422: ['LAST_CARD'] } }), vValidator('param', AddCardSchema, rejectInvalid), async (c) => {
      const auth = c.get('auth')!;
      const { kpj } = c.req.valid('param');
      const now = deps.clock.now();
      const outcome = await deps.db.transaction(async (tx) => {
        const [card] = await tx.select({ id: memberships.id }).from(memberships).innerJoin(accountCards, and(eq(accountCards.membershipId, memberships.id), eq(accountCards.accountId, auth.accountId))).where(eq(memberships.kpj, kpj));
        if (!card) return 'NOT_FOUND' as const;
        const [{ n } = { n: 0 }] = await tx.select({ n: count() }).from(accountCards).where(eq(accountCards.accountId, auth.accountId));
        if (n <= 1) return 'LAST_CARD' as const;
        await tx.delete(accountCards).where(and(eq(accountCards.accountId, auth.accountId), eq(accountCards.membershipId, card.id)));
        await tx.update(accounts).set({ scopeEpoch: sql`${accounts.scopeEpoch} + 1` }).where(eq(accounts.id, auth.accountId));
        return 'REMOVED' as const;
      });
      if (outcome === 'NOT_FOUND') return apiError(c, 404, 'NOT_FOUND');
      if (outcome === 'LAST_CARD') return apiError(c, 422, 'LAST_CARD', authErrors.LAST_CARD);
      await audit(deps.db, 'card_removed', { accountId: auth.accountId, ip: ipOf(c), detail: { kpj }, now });
      return c.json({ removed: kpj });
    });
}
