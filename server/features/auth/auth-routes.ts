import { Hono } from 'hono';
import { vValidator } from '@hono/valibot-validator';
import type { AppDeps, AppEnv } from '../../app-env.ts';
import { rejectInvalid } from '../../http/errors.ts';
import { RegisterContactSchema, RegisterIdentitySchema, ResendCodeSchema, ResetConfirmSchema, ResetRequestSchema, SignInSchema, VerifyCodeSchema } from '../../../shared/auth/auth-schemas.ts';
import { signIn, signOut } from './sign-in.ts';
import { resendRegistrationCode, setRegistrationContact, startRegistration, verifyRegistrationCode } from './registration.ts';
import { confirmPasswordReset, requestPasswordReset } from './password-reset.ts';

/** /api/auth: online-only flows; every answer avoids revealing whether an account exists. */
export function authRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .post('/sign-in', vValidator('json', SignInSchema, rejectInvalid), (c) => signIn(c, deps, c.req.valid('json')))
    .post('/sign-out', (c) => signOut(c, deps))
    .post('/register/identity', vValidator('json', RegisterIdentitySchema, rejectInvalid), (c) => startRegistration(c, deps, c.req.valid('json')))
    .post('/register/contact', vValidator('json', RegisterContactSchema, rejectInvalid), (c) => setRegistrationContact(c, deps, c.req.valid('json')))
    .post('/register/verify', vValidator('json', VerifyCodeSchema, rejectInvalid), (c) => verifyRegistrationCode(c, deps, c.req.valid('json')))
    .post('/register/resend', vValidator('json', ResendCodeSchema, rejectInvalid), (c) => resendRegistrationCode(c, deps, c.req.valid('json')))
    .post('/password-reset/request', vValidator('json', ResetRequestSchema, rejectInvalid), (c) => requestPasswordReset(c, deps, c.req.valid('json')))
    .post('/password-reset/confirm', vValidator('json', ResetConfirmSchema, rejectInvalid), (c) => confirmPasswordReset(c, deps, c.req.valid('json')));
}
