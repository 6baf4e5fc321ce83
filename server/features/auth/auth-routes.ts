import { Hono } from 'hono';
import { describe, vValidator } from '../../http/openapi/describe.ts';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { rejectInvalid } from '../../http/errors.ts';
import { clearSessionCookie, setSessionCookie } from '../../auth/session.ts';
import { RegisterContactSchema, RegisterIdentitySchema, ResendCodeSchema, ResetConfirmSchema, ResetRequestSchema, SignInSchema, VerifyCodeSchema } from '../../../shared/auth/auth-schemas.ts';
import { signIn, signOut } from './sign-in.ts';
import { resendRegistrationCode, setRegistrationContact, startRegistration, verifyRegistrationCode } from './registration.ts';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.ts';
import { refusalResponse, sessionTokenOf } from './auth-responses.ts';
import { CodeResentSchema, RegistrationCodesSentSchema, RegistrationStartedSchema, RegistrationVerifiedSchema, ResetDoneSchema, ResetRequestedSchema, SignInResponseSchema, SignOutResponseSchema } from '../../../shared/api/api-responses.ts';

/** /api/auth: online-only flows; every answer avoids revealing whether an account exists. */
export function authRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/sign-in', describe({ summary: 'Sign in with email or NIK and password; sets the session cookie', responses: { 200: SignInResponseSchema }, errors: { 401: ['SIGN_IN_FAILED'], 429: ['RATE_LIMITED'] } }), vValidator('json', SignInSchema, rejectInvalid), async (c) => {
      const result = await signIn(deps, { ...c.req.valid('json'), ip: c.get('clientIp'), userAgent: c.req.header('User-Agent'), sessionToken: sessionTokenOf(c, deps) });
      if (!result.ok) return refusalResponse(c, result);
      setSessionCookie(c, deps, result.session.token, result.session.expiresAt);
      return c.json({ account: result.account });
    })
    .post('/sign-out', describe({ summary: 'Sign out this device', responses: { 200: SignOutResponseSchema } }), async (c) => {
      await signOut(deps, { sessionToken: sessionTokenOf(c, deps), ip: c.get('clientIp') });
      clearSessionCookie(c, deps);
      return c.json({ signedOut: true });
    })
    .post('/register/identity', describe({ summary: 'Registration step 1: NIK, KPJ, name and birth date must match the membership data', responses: { 200: RegistrationStartedSchema }, errors: { 422: ['IDENTITY_MISMATCH'], 429: ['RATE_LIMITED'] } }), vValidator('json', RegisterIdentitySchema, rejectInvalid), async (c) => {
      const result = await startRegistration(deps, { ...c.req.valid('json'), ip: c.get('clientIp') });
      return result.ok ? c.json({ registrationId: result.registrationId }) : refusalResponse(c, result);
    })
    .post('/register/contact', describe({ summary: 'Registration step 2: email, mobile number and password; sends one code to each', responses: { 200: RegistrationCodesSentSchema }, errors: { 400: ['REGISTRATION_EXPIRED', 'WEAK_PASSWORD'], 429: ['RATE_LIMITED'] } }), vValidator('json', RegisterContactSchema, rejectInvalid), async (c) => {
      const result = await setRegistrationContact(deps, { ...c.req.valid('json'), ip: c.get('clientIp') });
      return result.ok ? c.json(result.sent) : refusalResponse(c, result);
    })
    .post('/register/verify', describe({ summary: 'Registration step 3: check one code; the second right code creates the account and signs in', responses: { 200: RegistrationVerifiedSchema }, errors: { 400: ['REGISTRATION_EXPIRED', 'CODE_WRONG', 'CODE_EXPIRED', 'CODE_LOCKED'], 422: ['IDENTITY_MISMATCH'], 429: ['RATE_LIMITED'] } }), vValidator('json', VerifyCodeSchema, rejectInvalid), async (c) => {
      const result = await verifyRegistrationCode(deps, { ...c.req.valid('json'), ip: c.get('clientIp'), userAgent: c.req.header('User-Agent') });
      if (!result.ok) return refusalResponse(c, result);
      if (!result.registered) return c.json({ verified: result.verified, waitingFor: result.waitingFor });
      setSessionCookie(c, deps, result.session.token, result.session.expiresAt);
      return c.json({ signedIn: true, account: result.account });
    })
    .post('/register/resend', describe({ summary: 'Send a registration code again (once a minute per channel)', responses: { 200: CodeResentSchema }, errors: { 400: ['REGISTRATION_EXPIRED'], 429: ['RESEND_TOO_SOON', 'RATE_LIMITED'] } }), vValidator('json', ResendCodeSchema, rejectInvalid), async (c) => {
      const result = await resendRegistrationCode(deps, { ...c.req.valid('json'), ip: c.get('clientIp') });
      return result.ok ? c.json({ sent: true, resendAfterSec: result.resendAfterSec }) : refusalResponse(c, result);
    })
    .post('/password-reset/request', describe({ summary: 'Email a password reset link (same answer whether or not the account exists)', responses: { 202: ResetRequestedSchema }, errors: { 429: ['RATE_LIMITED'] } }), vValidator('json', ResetRequestSchema, rejectInvalid), async (c) => {
      const result = await requestPasswordReset(deps, { ...c.req.valid('json'), ip: c.get('clientIp') });
      return result.ok ? c.json({ sent: true }, 202) : refusalResponse(c, result);
    })
    .post('/password-reset/confirm', describe({ summary: 'Set a new password with the emailed token; signs out every device', responses: { 200: ResetDoneSchema }, errors: { 400: ['RESET_TOKEN_INVALID', 'WEAK_PASSWORD'] } }), vValidator('json', ResetConfirmSchema, rejectInvalid), async (c) => {
      const result = await confirmPasswordReset(deps, { ...c.req.valid('json'), ip: c.get('clientIp') });
      return result.ok ? c.json({ reset: true }) : refusalResponse(c, result);
    });
}
