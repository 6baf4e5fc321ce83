import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { refusalResponse } from '../../../../server/features/auth/auth-responses.ts';
import type { AuthRefusal } from '../../../../server/features/auth/auth-results.ts';
import { authErrors } from '../../../../shared/auth/auth-schemas.ts';
import { commonErrors } from '../../../../shared/api/errors.ts';

const answer = async (refusal: AuthRefusal) => {
  const res = await new Hono().get('/', (c) => refusalResponse(c, refusal)).request('/');
  return { status: res.status, retryAfter: res.headers.get('Retry-After'), body: await res.json() };
};

// The services answer codes; this is the HTTP contract the screens and the OpenAPI document rely on.
describe('refusalResponse: every auth and account refusal as the API has always answered it', () => {
  it.each([
    ['SIGN_IN_FAILED', 401],
    ['IDENTITY_MISMATCH', 422],
    ['REGISTRATION_EXPIRED', 400],
    ['RESET_TOKEN_INVALID', 400],
    ['SAME_CONTACT', 400],
    ['CONTACT_UNAVAILABLE', 409],
    ['CARD_NOT_YOURS', 404],
    ['LAST_CARD', 422],
  ] as const)('%s answers %i with its Indonesian message and no fields', async (code, status) => {
    expect(await answer({ ok: false, code })).toEqual({ status, retryAfter: null, body: { code, message: authErrors[code] } });
  });

  it('NOT_FOUND answers 404 with the common message', async () => {
    expect(await answer({ ok: false, code: 'NOT_FOUND' })).toEqual({ status: 404, retryAfter: null, body: { code: 'NOT_FOUND', message: commonErrors.NOT_FOUND } });
  });

  it('WRONG_PASSWORD marks the current-password field', async () => {
    expect((await answer({ ok: false, code: 'WRONG_PASSWORD' })).body).toEqual({ code: 'WRONG_PASSWORD', message: authErrors.WRONG_PASSWORD, fields: { currentPassword: authErrors.WRONG_PASSWORD } });
  });

  it('WEAK_PASSWORD says why and marks the field the password came in', async () => {
    const problem = 'Kata sandi minimal 8 huruf atau angka.';
    expect(await answer({ ok: false, code: 'WEAK_PASSWORD', field: 'newPassword', problem })).toEqual({ status: 400, retryAfter: null, body: { code: 'WEAK_PASSWORD', message: problem, fields: { newPassword: problem } } });
  });

  it('RATE_LIMITED answers 429 with Retry-After and the minutes to wait, rounded up', async () => {
    expect(await answer({ ok: false, code: 'RATE_LIMITED', retryAfterSec: 61 })).toEqual({ status: 429, retryAfter: '61', body: { code: 'RATE_LIMITED', message: 'Terlalu banyak percobaan. Coba lagi dalam 2 menit.' } });
  });

  it('RESEND_TOO_SOON answers 429 with Retry-After and the seconds in the body for the countdown', async () => {
    expect(await answer({ ok: false, code: 'RESEND_TOO_SOON', retryAfterSec: 42 })).toEqual({ status: 429, retryAfter: '42', body: { code: 'RESEND_TOO_SOON', message: authErrors.RESEND_TOO_SOON, retryAfterSec: 42 } });
  });

  it('a refused code names its channel, and the tries left only when it was wrong', async () => {
    expect(await answer({ ok: false, code: 'CODE_WRONG', remainingAttempts: 3, channel: 'sms' })).toEqual({ status: 400, retryAfter: null, body: { code: 'CODE_WRONG', message: 'Kode dari SMS salah. Sisa 3 kali percobaan.', fields: { code: 'Kode dari SMS salah. Sisa 3 kali percobaan.' } } });
    expect((await answer({ ok: false, code: 'CODE_EXPIRED', channel: 'email' })).body).toMatchObject({ code: 'CODE_EXPIRED', message: 'Kode dari email sudah kedaluwarsa. Minta kode baru.' });
    expect((await answer({ ok: false, code: 'CODE_LOCKED', channel: 'email' })).status).toBe(400);
  });
});
