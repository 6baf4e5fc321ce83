import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, jsonRequest, type TestApp } from '../../support/test-app.ts';
import { demoEmails, signInAs } from '../../support/test-session.ts';
import { textErrors } from '../../../shared/schema/text.ts';

describe('text and numbers are checked at the edge: a 4xx with a code, never a 5xx', () => {
  let t: TestApp;
  let cookie: string;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    cookie = (await signInAs(t, demoEmails.siti)).cookie;
    admin = `Basic ${Buffer.from(`admin:${t.deps.config.adminPassword}`).toString('base64')}`;
  });
  afterAll(() => t.close());

  it('answers a sign-in whose identifier holds a NUL with 400 and an Indonesian reason', async () => {
    for (const identifier of [`${demoEmails.siti}\u0000`, '3273\u0000012345670001', 'siti\uD800@demo.test']) {
      const res = await t.app.request('/api/auth/sign-in', jsonRequest('POST', { identifier, password: 'apa saja' }));
      expect(res.status, JSON.stringify(identifier)).toBe(400);
      const body = (await res.json()) as { code: string; fields: Record<string, string> };
      expect(body.code).toBe('INVALID_INPUT');
      expect([textErrors.CONTROL_CHARACTER, textErrors.BROKEN_CHARACTER]).toContain(body.fields.identifier);
    }
  });

  it('validates every path parameter of the API: 400 with a code', async () => {
    for (const path of ['/api/account/cards/%00', '/api/account/cards/123', '/api/account/cards/%F0%9F%98%80', '/api/account/sessions/%00', '/api/account/sessions/2147483648']) {
      const res = await t.app.request(path, { method: 'DELETE', headers: { Cookie: cookie } });
      expect(res.status, path).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'INVALID_INPUT' });
    }
  });

  it('refuses out-of-range ids and control characters on the back office and gateway simulator forms', async () => {
    const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields), headers: { Authorization: admin } });
    const cases: [string, Record<string, string>, number][] = [
      ['/admin/claims/2147483648', { to: 'VERIFYING' }, 404],
      ['/admin/claims/%00', { to: 'VERIFYING' }, 404],
      ['/admin/claims/1', { to: 'VERIFYING', note: 'catatan\u0000' }, 400],
      ['/admin/complaints/99999999999', { reply: 'Terima kasih' }, 404],
      ['/admin/complaints/1', { reply: 'Terima kasih\u0000' }, 400],
      ['/gateway/pay/%00', {}, 404],
    ];
    for (const [path, fields, status] of cases) {
      const res = await t.app.request(path, form(fields));
      expect(res.status, path).toBe(status);
    }
  });
});
