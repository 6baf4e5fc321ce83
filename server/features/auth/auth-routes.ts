import { Hono } from 'hono';
import { describe, vValidator } from '../../http/openapi/describe.ts';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { rejectInvalid } from '../../http/errors.ts';
import { RegisterContactSchema, RegisterIdentitySchema, ResendCodeSchema, ResetConfirmSchema, ResetRequestSchema, SignInSchema, VerifyCodeSchema } from '../../../shared/auth/auth-schemas.ts';
import { signIn, signOut } from './sign-in.ts';
import { resendRegistrationCode, setRegistrationContact, startRegistration, verifyRegistrationCode } from './registration.ts';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.ts';
import { CodeResentSchema, RegistrationCodesSentSchema, RegistrationStartedSchema, RegistrationVerifiedSchema, ResetDoneSchema, ResetRequestedSchema, SignInResponseSchema, SignOutResponseSchema } from '../../../shared/api/api-responses.ts';

/** /api/auth: online-only flows; every answer avoids revealing whether an account exists. */
export function authRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/sign-in', describe({ summary: 'Sign in with email or NIK and password; sets the session cookie', responses: { 200: SignInResponseSchema }, errors: { 401: ['SIGN_IN_FAILED'], 429: ['RATE_LIMITED'] } }), vValidator('json', SignInSchema, rejectInvalid), (c) => signIn(c, deps, c.req.valid('json')))
    .post('/sign-out', describe({ summary: 'Sign out this device', responses: { 200: SignOutResponseSchema } }), (c) => signOut(c, deps))
    .post('/register/identity', describe({ summary: 'Registration step 1: NIK, KPJ, name and birth date must match the membership data', responses: { 200: RegistrationStartedSchema }, errors: { 422: ['IDENTITY_MISMATCH'], 429: ['RATE_LIMITED'] } }), vValidator('json', RegisterIdentitySchema, rejectInvalid), (c) => startRegistration(c, deps, c.req.valid('json')))
    .post('/register/contact', describe({ summary: 'Registration step 2: email, mobile number and password; sends one code to each', responses: { 200: RegistrationCodesSentSchema }, errors: { 400: ['REGISTRATION_EXPIRED', 'WEAK_PASSWORD'], 429: ['RATE_LIMITED'] } }), vValidator('json', RegisterContactSchema, rejectInvalid), (c) => setRegistrationContact(c, deps, c.req.valid('json')))
    .post('/register/verify', describe({ summary: 'Registration step 3: check one code; the second right code creates the account and signs in', responses: { 200: RegistrationVerifiedSchema }, errors: { 400: ['REGISTRATION_EXPIRED', 'CODE_WRONG', 'CODE_EXPIRED', 'CODE_LOCKED'], 422: ['IDENTITY_MISMATCH'], 429: ['RATE_LIMITED'] } }), vValidator('json', VerifyCodeSchema, rejectInvalid), (c) => verifyRegistrationCode(c, deps, c.req.valid('json')))
    .post('/register/resend', describe({ summary: 'Send a registration code again (once a minute per channel)', responses: { 200: CodeResentSchema }, errors: { 400: ['REGISTRATION_EXPIRED'], 429: ['RESEND_TOO_SOON', 'RATE_LIMITED'] } }), vValidator('json', ResendCodeSchema, rejectInvalid), (c) => resendRegistrationCode(c, deps, c.req.valid('json')))
    .post('/password-reset/request', describe({ summary: 'Email a password reset link (same answer whether or not the account exists)', responses: { 202: ResetRequestedSchema }, errors: { 429: ['RATE_LIMITED'] } }), vValidator('json', ResetRequestSchema, rejectInvalid), (c) => requestPasswordReset(c, deps, c.req.valid('json')))
    .post('/password-reset/confirm', describe({ summary: 'Set a new password with the emailed token; signs out every device', responses: { 200: ResetDoneSchema }, errors: { 400: ['RESET_TOKEN_INVALID', 'WEAK_PASSWORD'] } }), vValidator('json', ResetConfirmSchema, rejectInvalid), (c) => confirmPasswordReset(c, deps, c.req.valid('json')));
}
