import { Hono } from 'hono';
import { describe, vValidator } from '../../http/openapi/describe.ts';
import { AccountResponseSchema, CardAddedSchema, CardRemovedSchema, ContactChangedSchema, ContactCodeSentSchema, PasswordChangedSchema, SessionsRevokedSchema } from '../../../shared/api/api-responses.ts';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { requireAuth } from '../../auth/session.ts';
import { rejectInvalid } from '../../http/errors.ts';
import { AddCardSchema, ChangePasswordSchema, ContactChangeSchema, ContactConfirmSchema } from '../../../shared/auth/auth-schemas.ts';
import { confirmContactChange, startContactChange } from './contact-change.ts';
import { accountOverview, addCard, changePassword, removeCard, revokeSession, revokeSessions } from './account-service.ts';
import { refusalResponse } from './auth-responses.ts';
import * as v from 'valibot';

const SessionParamSchema = v.object({ id: v.pipe(v.string(), v.uuid('Perangkat tidak dikenali.')) });

/** /api/account: the signed-in person's cards, devices, password and contact data. Online only. */
export function accountRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use('*', requireAuth)
    .get('/', describe({ summary: 'The signed-in account: contact data, cards and signed-in devices', responses: { 200: AccountResponseSchema } }), async (c) => {
      const overview = await accountOverview(deps, c.get('auth')!);
      c.header('Cache-Control', 'no-store');
      return c.json(overview);
    })
    .post('/password', describe({ summary: 'Change the password; signs out the other devices', responses: { 200: PasswordChangedSchema }, errors: { 400: ['WRONG_PASSWORD', 'WEAK_PASSWORD'] } }), vValidator('json', ChangePasswordSchema, rejectInvalid), async (c) => {
      const result = await changePassword(deps, c.get('auth')!, { ...c.req.valid('json'), ip: c.get('clientIp') });
      return result.ok ? c.json({ changed: true }) : refusalResponse(c, result);
    })
    .post('/contact', describe({ summary: 'Start changing the email or mobile number: password again, code to the new address', responses: { 200: ContactCodeSentSchema }, errors: { 400: ['WRONG_PASSWORD', 'SAME_CONTACT'], 429: ['RESEND_TOO_SOON', 'RATE_LIMITED'] } }), vValidator('json', ContactChangeSchema, rejectInvalid), async (c) => {
      const result = await startContactChange(deps, c.get('auth')!, { ...c.req.valid('json'), ip: c.get('clientIp') });
      return result.ok ? c.json(result.sent) : refusalResponse(c, result);
    })
    .post('/contact/verify', describe({ summary: 'Confirm the new email or mobile number with its code', responses: { 200: ContactChangedSchema }, errors: { 400: ['CODE_WRONG', 'CODE_EXPIRED', 'CODE_LOCKED'], 409: ['CONTACT_UNAVAILABLE'], 429: ['RATE_LIMITED'] } }), vValidator('json', ContactConfirmSchema, rejectInvalid), async (c) => {
      const result = await confirmContactChange(deps, c.get('auth')!, { ...c.req.valid('json'), ip: c.get('clientIp') });
      return result.ok ? c.json(result.changed) : refusalResponse(c, result);
    })
    .delete('/sessions/:id', describe({ summary: 'Sign out one device', responses: { 200: SessionsRevokedSchema }, errors: { 404: ['NOT_FOUND'] } }), vValidator('param', SessionParamSchema, rejectInvalid), async (c) => {
      const result = await revokeSession(deps, c.get('auth')!, { sessionId: c.req.valid('param').id, ip: c.get('clientIp') });
      return result.ok ? c.json({ revoked: 1 }) : refusalResponse(c, result);
    })
    .post('/sessions/revoke-all', describe({ summary: 'Sign out every other device, or all of them', responses: { 200: SessionsRevokedSchema } }), vValidator('json', v.object({ includeCurrent: v.boolean() }), rejectInvalid), async (c) => {
      const result = await revokeSessions(deps, c.get('auth')!, { ...c.req.valid('json'), ip: c.get('clientIp') });
      return c.json({ revoked: result.revoked });
    })
    .post('/cards', describe({ summary: 'Add another participant card registered under the same NIK', responses: { 201: CardAddedSchema }, errors: { 404: ['CARD_NOT_YOURS'] } }), vValidator('json', AddCardSchema, rejectInvalid), async (c) => {
      const { kpj } = c.req.valid('json');
      const result = await addCard(deps, c.get('auth')!, { kpj, ip: c.get('clientIp') });
      return result.ok ? c.json({ added: kpj }, 201) : refusalResponse(c, result);
    })
    .delete('/cards/:kpj', describe({ summary: 'Remove a card from the account (never the last one)', responses: { 200: CardRemovedSchema }, errors: { 404: ['NOT_FOUND'], 422: ['LAST_CARD'] } }), vValidator('param', AddCardSchema, rejectInvalid), async (c) => {
      const { kpj } = c.req.valid('param');
      const result = await removeCard(deps, c.get('auth')!, { kpj, ip: c.get('clientIp') });
      return result.ok ? c.json({ removed: kpj }) : refusalResponse(c, result);
    });
}
