import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { count } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { demoEmails, signInAs } from '../../support/test-session.ts';
import * as schema from '../../../server/db/schema.ts';
import { propertyRuns, sizeFromEnv, timeLimitMs } from '../../support/heavy-mode.ts';

const RUNS = sizeFromEnv('FUZZ_RUNS', process.env.CI ? 1000 : 150);
// Measured: 27 ms a request on the slowest endpoint (sign-in) with the machine busy (load 19).
const FUZZ_MS_PER_RUN = 50;

interface Endpoint {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
}

const ENDPOINTS: Endpoint[] = [
  { method: 'POST', path: '/api/auth/sign-in' },
  { method: 'POST', path: '/api/auth/sign-out' },
  { method: 'POST', path: '/api/auth/register/identity' },
  { method: 'POST', path: '/api/auth/register/contact' },
  { method: 'POST', path: '/api/auth/register/verify' },
  { method: 'POST', path: '/api/auth/register/resend' },
  { method: 'POST', path: '/api/auth/password-reset/request' },
  { method: 'POST', path: '/api/auth/password-reset/confirm' },
  { method: 'GET', path: '/api/account' },
  { method: 'POST', path: '/api/account/password' },
  { method: 'POST', path: '/api/account/contact' },
  { method: 'POST', path: '/api/account/contact/verify' },
  { method: 'DELETE', path: '/api/account/sessions/{x}' },
  { method: 'POST', path: '/api/account/sessions/revoke-all' },
  { method: 'POST', path: '/api/account/cards' },
  { method: 'DELETE', path: '/api/account/cards/{x}' },
  { method: 'GET', path: '/api/sync/pull' },
  { method: 'POST', path: '/api/sync/push' },
  { method: 'POST', path: '/api/payments' },
  { method: 'POST', path: '/api/payments/webhook' },
  { method: 'GET', path: '/api/offices' },
  { method: 'GET', path: '/api/health' },
  { method: 'GET', path: '/api/cards/public-key' },
];

// Shapes close to the real ones get past the first checks and exercise deeper code.
const nearMiss = fc.oneof(
  fc.record({ identifier: fc.string(), password: fc.string() }, { requiredKeys: [] }),
  fc.record({ nik: fc.stringMatching(/^\d{0,17}$/), kpj: fc.stringMatching(/^\d{0,12}$/), fullName: fc.string(), birthDate: fc.string() }, { requiredKeys: [] }),
  fc.record({ registrationId: fc.uuid(), channel: fc.constantFrom('email', 'sms', 'fax'), code: fc.stringMatching(/^\d{0,7}$/), email: fc.emailAddress(), phone: fc.string(), password: fc.string() }, { requiredKeys: [] }),
  fc.record({
    deviceId: fc.oneof(fc.uuid(), fc.string()),
    mutations: fc.array(fc.record({ id: fc.oneof(fc.integer(), fc.double()), name: fc.constantFrom('claim.submit', 'profile.update', 'complaint.file', 'notification.read', 'x'), args: fc.anything(), createdAt: fc.integer() }, { requiredKeys: [] }), { maxLength: 3 }),
  }, { requiredKeys: [] }),
  fc.record({ requestId: fc.uuid(), kpj: fc.stringMatching(/^\d{0,12}$/), months: fc.oneof(fc.integer(), fc.double()), withJht: fc.anything() }, { requiredKeys: [] }),
  fc.record({ notificationId: fc.string(), virtualAccount: fc.stringMatching(/^\d{0,17}$/), amount: fc.integer(), paidAt: fc.string() }, { requiredKeys: [] }),
);

const bodyText = fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), nearMiss.map((v) => JSON.stringify(v)), fc.string(), fc.constant(''), fc.constant('{"a":'));
const segment = fc.oneof(fc.uuid(), fc.stringMatching(/^[A-Za-z0-9%._~-]{1,20}$/));
const query = fc.oneof(fc.constant(''), fc.record({ cursor: fc.oneof(fc.string({ maxLength: 80 }), fc.stringMatching(/^\d{1,3}\.\d{1,20}$/)), deviceId: fc.oneof(fc.uuid(), fc.string()) }, { requiredKeys: [] }).map((q) => `?${new URLSearchParams(q as Record<string, string>)}`));
const headerSet = fc.record(
  {
    contentType: fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8', ''),
    ifNoneMatch: fc.string({ maxLength: 40 }),
    timestamp: fc.oneof(fc.integer().map(String), fc.string({ maxLength: 14 })),
    signature: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.string({ maxLength: 70 })),
    authenticated: fc.boolean(),
  },
  { requiredKeys: ['contentType', 'authenticated'] },
);

const DOMAIN_TABLES = ['participants', 'memberships', 'contributions', 'jhtBalances', 'accounts', 'accountCards', 'claims', 'claimEvents', 'payments', 'complaints', 'registrations', 'passwordResets'] as const;

describe(`every API endpoint under generated input (${RUNS} runs each)`, () => {
  let t: TestApp;
  let cookie: string;
  let before: Record<string, number>;
  const tableCounts = async () =>
    Object.fromEntries(await Promise.all(DOMAIN_TABLES.map(async (name) => [name, (await t.database.db.select({ n: count() }).from(schema[name]))[0]!.n] as const)));

  beforeAll(async () => {
    t = await createTestApp();
    cookie = (await signInAs(t, demoEmails.siti)).cookie;
    before = await tableCounts();
  });
  afterAll(() => t.close());

  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.method} ${endpoint.path}: never 5xx, every refusal a 4xx with a machine code`, { timeout: timeLimitMs(RUNS, FUZZ_MS_PER_RUN) }, async () => {
      await fc.assert(
        fc.asyncProperty(bodyText, segment, query, headerSet, async (body, part, search, headers) => {
          const path = endpoint.path.replace('{x}', encodeURIComponent(part)) + (endpoint.method === 'GET' ? search : '');
          const init: RequestInit = { method: endpoint.method, headers: {} };
          const h = init.headers as Record<string, string>;
          if (headers.contentType) h['Content-Type'] = headers.contentType;
          if (headers.ifNoneMatch) h['If-None-Match'] = headers.ifNoneMatch;
          if (headers.timestamp) h['X-Timestamp'] = headers.timestamp;
          if (headers.signature) h['X-Signature'] = headers.signature;
          if (headers.authenticated) h.Cookie = cookie;
          if (endpoint.method !== 'GET') init.body = body;
          const res = await t.app.request(path, init);
          expect(res.status, `${endpoint.method} ${path} ${body.slice(0, 200)}`).toBeLessThan(500);
          if (res.status >= 400) {
            const answer = (await res.json()) as { code?: unknown; message?: unknown };
            expect(typeof answer.code).toBe('string');
            expect(answer.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
            expect(typeof answer.message).toBe('string');
          }
        }),
        propertyRuns('FUZZ', RUNS),
      );
    });
  }

  it('left every domain table as it was (sessions and logs aside)', async () => {
    expect(await tableCounts()).toEqual(before);
  });
});
