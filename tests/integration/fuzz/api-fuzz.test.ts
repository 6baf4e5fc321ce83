import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { demoEmails, signInAs } from '../../support/test-session.ts';
import * as schema from '../../../server/db/schema.ts';
import { appMutations } from '../../../server/app.ts';
import type { MutationResult, PushResponse } from '../../../shared/sync/protocol.ts';
import { accidentReport } from '../../support/claim-builders.ts';
import { withDocuments } from '../../support/claim-documents.ts';

import { propertyRuns, sizeFromEnv, timeLimitMs } from '../../support/heavy-mode.ts';

/** Runs per endpoint, per mutation and per path parameter; `FUZZ_RUNS=10000` digs deeper. */
const RUNS = sizeFromEnv('FUZZ_RUNS', 1000);
// Measured: 27 ms a request on the slowest endpoint (sign-in) with the machine busy (load 19).
const FUZZ_MS_PER_RUN = 50;
const ranRuns = new Map<string, number>();
afterAll(() => {
  // Printed, not asserted: the figure says how hard each target was tried.
  console.log(`fuzz runs per target:\n${[...ranRuns].map(([target, n]) => `  ${n}\t${target}`).join('\n')}`);
});
const counted = <T extends unknown[]>(target: string, check: (...args: T) => Promise<void>) => async (...args: T) => {
  ranRuns.set(target, (ranRuns.get(target) ?? 0) + 1);
  await check(...args);
};

// What PostgreSQL, JSON and JavaScript each get wrong in their own way.
const loneSurrogate = fc.constantFrom('\uD800', '\uDBFF', '\uDC00', '\uDFFF');
const control = fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code));
const bidi = fc.constantFrom('\u200E', '\u200F', '\u202A', '\u202B', '\u202E', '\u2066', '\u2069', '\u061C');
const hostileUnit = fc.oneof({ weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }, loneSurrogate, control, bidi, fc.constant('\u0000'));
const hostileNumberText = fc.constantFrom('NaN', 'Infinity', '-Infinity', '-1', '0', '-0', '1e309', '0x10', '1.5', '2147483647', '2147483648', '4294967296', '9007199254740992', '9007199254740993', '999999999999', '-2147483649', ' 1', '١٢٣');
const hostileText = fc.oneof(
  fc.string({ unit: hostileUnit, maxLength: 40 }),
  hostileNumberText,
  fc.tuple(fc.string({ maxLength: 20 }), hostileUnit, fc.string({ maxLength: 20 })).map((parts) => parts.join('')),
  fc.constantFrom('x'.repeat(10_000), '\u0000'.repeat(10_000), 'Jl. Melati\u0000 No. 5, Bandung', 'Gudang \uD800 Cikarang Barat', '\u202Eabc\u202C', ''),
);
const hostileNumber = fc.oneof(fc.constantFrom(2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 32, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), -1, 0, 1.5, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE), fc.integer(), fc.double());
const hostileValue = fc.oneof({ weight: 5, arbitrary: hostileText }, { weight: 3, arbitrary: hostileNumber }, fc.constantFrom(null, true, [], {}), fc.array(hostileText, { maxLength: 3 }));

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
  fc.record({ identifier: fc.oneof(fc.string(), hostileText, fc.emailAddress().map((email) => `${email}\u0000`)), password: fc.oneof(fc.string(), hostileText) }, { requiredKeys: [] }),
  fc.record({ nik: fc.oneof(fc.stringMatching(/^\d{0,17}$/), hostileText), kpj: fc.oneof(fc.stringMatching(/^\d{0,12}$/), hostileText), fullName: hostileText, birthDate: fc.string() }, { requiredKeys: [] }),
  fc.record({ registrationId: fc.uuid(), channel: fc.constantFrom('email', 'sms', 'fax'), code: fc.oneof(fc.stringMatching(/^\d{0,7}$/), hostileText), email: fc.oneof(fc.emailAddress(), hostileText), phone: hostileText, password: fc.string() }, { requiredKeys: [] }),
  fc.record({
    deviceId: fc.oneof(fc.uuid(), fc.string()),
    mutations: fc.array(fc.record({ id: fc.oneof(fc.integer(), fc.double()), name: fc.constantFrom('claim.submit', 'profile.update', 'complaint.file', 'complaint.reply', 'notification.read', 'x'), args: fc.anything(), createdAt: fc.integer() }, { requiredKeys: [] }), { maxLength: 3 }),
  }, { requiredKeys: [] }),
  fc.record({ requestId: fc.uuid(), kpj: fc.oneof(fc.stringMatching(/^\d{0,12}$/), hostileText), months: hostileNumber, withJht: fc.anything() }, { requiredKeys: [] }),
  fc.record({ notificationId: hostileText, virtualAccount: fc.stringMatching(/^\d{0,17}$/), amount: hostileNumber, paidAt: fc.string() }, { requiredKeys: [] }),
);

const bodyText = fc.oneof(fc.jsonValue().map((v) => JSON.stringify(v)), nearMiss.map((v) => JSON.stringify(v)), fc.string(), fc.constant(''), fc.constant('{"a":'));
/** Percent-encodes like encodeURIComponent, but a lone surrogate becomes its (invalid) 3-byte form instead of throwing. */
function encodeSegment(raw: string): string {
  return raw.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[^]/g, (unit) => {
    const code = unit.charCodeAt(0);
    if (unit.length === 1 && code >= 0xd800 && code <= 0xdfff) return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    return encodeURIComponent(unit);
  });
}
const segment = fc.oneof(
  fc.uuid(),
  fc.stringMatching(/^[A-Za-z0-9%._~-]{1,20}$/),
  fc.stringMatching(/^\d{1,20}$/),
  hostileText.filter((raw) => raw.length > 0).map(encodeSegment),
  fc.constantFrom('%00', '%01', '%1F', '%7F', '%ED%A0%80', '%FF', '%C0%80', '%E2%80%8F', '%25', '..', '%2E%2E'),
);
const query = fc.oneof(fc.constant(''), fc.constantFrom('?cursor=%00', '?deviceId=%ED%A0%80', '?cursor=1.%FF'), fc.record({ cursor: fc.oneof(fc.string({ maxLength: 80 }), hostileText, fc.stringMatching(/^\d{1,3}\.\d{1,20}$/)), deviceId: fc.oneof(fc.uuid(), fc.string()), lastMutationId: fc.oneof(fc.string(), fc.stringMatching(/^\d{1,20}$/)) }, { requiredKeys: [] }).map((q) => `?${new URLSearchParams(q as Record<string, string>)}`));
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
        fc.asyncProperty(bodyText, segment, query, headerSet, counted(`${endpoint.method} ${endpoint.path}`, async (body, part, search, headers) => {
          const path = endpoint.path.replace('{x}', part) + (endpoint.method === 'GET' ? search : '');
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
        })),
        propertyRuns('FUZZ', RUNS),
      );
    });
  }

  it('left every domain table as it was (sessions and logs aside)', async () => {
    expect(await tableCounts()).toEqual(before);
  });
});

/** A valid `args` per registered mutation; the fuzz swaps some of its leaves for hostile values. */
interface Mine {
  kpj: string;
  complaintKey: string;
  /** A report draft with its pages on the server: the first valid one is applied, later ones answer that claim. */
  report: { draftId: string; documents: string[] };
}
const VALID_ARGS: Record<string, (mine: Mine, variant: boolean) => Record<string, unknown>> = {
  'profile.update': () => ({ address: 'Jl. Melati No. 5, Bandung', npwp: '123456789012345', bankAccount: { bankCode: '002', number: '123456789012', holderName: 'Siti Rahayu' } }),
  // The other variant names those pages from a new draft, so hostile values also reach the document check.
  'claim.submit': ({ kpj, report }, variant) => ({ ...accidentReport(kpj), ...(variant ? { draftId: report.draftId } : {}), documents: [...report.documents] }),
  'claim.cancel': () => ({ claimNo: 'KLM-261125-000001' }),
  'claim.resubmit': () => ({ claimNo: 'KLM-261125-000001', bankAccount: { bankCode: '002', number: '123456789012', holderName: 'Siti Rahayu' }, documentsConfirmed: ['KTP'], documents: [randomUUID()], note: 'Rekening sudah saya ganti ke atas nama saya.' }),
  'complaint.reply': ({ complaintKey }) => ({ complaintKey, replyId: randomUUID(), body: 'Terima kasih, saya tunggu kabarnya.' }),
  'complaint.file': ({ kpj }) => ({ draftId: randomUUID(), category: 'SALDO', description: 'Saldo saya tidak bertambah sejak bulan lalu.', kpj }),
  'notification.read': () => ({ keys: ['1', '2'] }),
};

function leafPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((item, i) => [i, item] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => leafPaths(item, [...prefix, key]))];
}

function withLeaf(args: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  let node = args as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = replacement;
  return args;
}

describe(`every registered mutation under generated arguments (${RUNS} runs each)`, () => {
  let t: TestApp;
  let cookie: string;
  const mine: Mine = { kpj: '', complaintKey: '', report: { draftId: '', documents: [] } };
  beforeAll(async () => {
    t = await createTestApp();
    const siti = await signInAs(t, demoEmails.siti);
    cookie = siti.cookie;
    // Siti's own active card: valid arguments get past the ownership check into the handlers.
    const [card] = await t.database.db.select({ kpj: schema.memberships.kpj }).from(schema.memberships).where(and(eq(schema.memberships.participantId, siti.participantId), eq(schema.memberships.status, 'ACTIVE')));
    mine.kpj = card!.kpj;
    const { draftId, documents } = await withDocuments(t.database.db, accidentReport(mine.kpj));
    mine.report = { draftId, documents };
    // One open complaint of hers, so a valid reply gets past the ownership check too.
    const filed = await t.app.request('/api/sync/push', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify({ deviceId: randomUUID(), mutations: [{ id: 1, name: 'complaint.file', args: VALID_ARGS['complaint.file']!(mine, true), createdAt: 1 }] }),
    });
    const [complaint] = await t.database.db.select({ id: schema.complaints.id }).from(schema.complaints).where(eq(schema.complaints.participantId, siti.participantId));
    expect(filed.status).toBe(200);
    mine.complaintKey = String(complaint!.id);
  });
  afterAll(() => t.close());

  it('has a valid argument shape for every mutation the app registers', () => {
    expect(appMutations.map((m) => m.name).sort()).toEqual(Object.keys(VALID_ARGS).sort());
  });

  for (const { name } of appMutations) {
    it(`${name}: every push answers 200, each mutation applied or refused with a reason, the id always consumed`, { timeout: timeLimitMs(RUNS, FUZZ_MS_PER_RUN) }, async () => {
      const deviceId = randomUUID();
      let nextId = 1;
      const changes = fc.array(fc.tuple(fc.nat(), hostileValue), { minLength: 1, maxLength: 3 });
      await fc.assert(
        fc.asyncProperty(changes, fc.boolean(), counted(`mutation ${name}`, async (swaps, variant) => {
          let sent: unknown = VALID_ARGS[name]!(mine, variant);
          for (const [pick, value] of swaps) {
            const paths = leafPaths(sent);
            sent = withLeaf(sent, paths[pick % paths.length]!, value);
          }
          const id = nextId++;
          const res = await t.app.request('/api/sync/push', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', Cookie: cookie },
            body: JSON.stringify({ deviceId, mutations: [{ id, name, args: sent, createdAt: 1 }] }),
          });
          expect(res.status, JSON.stringify(sent).slice(0, 300)).toBe(200);
          const body = (await res.json()) as PushResponse;
          expect(body.gap).toBeUndefined();
          expect(body.lastMutationId).toBe(id);
          const [result] = body.results as [MutationResult];
          expect(['applied', 'rejected']).toContain(result.status);
          // The edge catches hostile input: a handler never gets to throw on it.
          if (result.status === 'rejected') expect(result.code, JSON.stringify(sent).slice(0, 300)).not.toBe('SERVER_REFUSED');
        })),
        propertyRuns('FUZZ', RUNS),
      );
    });
  }
});

describe(`back-office and gateway path parameters under generated input (${RUNS} runs each)`, () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = `Basic ${Buffer.from(`admin:${t.deps.config.adminPassword}`).toString('base64')}`;
  });
  afterAll(() => t.close());

  for (const path of ['/admin/claims/{x}', '/admin/complaints/{x}', '/gateway/pay/{x}']) {
    it(`POST ${path}: never 5xx`, { timeout: timeLimitMs(RUNS, FUZZ_MS_PER_RUN) }, async () => {
      const form = fc.record({ to: fc.constantFrom('VERIFYING', 'PAID', 'X'), note: hostileText, reply: hostileText });
      await fc.assert(
        fc.asyncProperty(segment, form, counted(`POST ${path}`, async (part, fields) => {
          const res = await t.app.request(path.replace('{x}', part), { method: 'POST', body: new URLSearchParams(fields), headers: { Authorization: admin } });
          expect(res.status, `${path} ${part.slice(0, 100)}`).toBeLessThan(500);
        })),
        propertyRuns('FUZZ', RUNS),
      );
    });
  }

  for (const path of ['/admin/claims/{x}/documents', '/admin/claims/1/documents/{x}']) {
    it(`GET ${path}: never 5xx`, { timeout: timeLimitMs(RUNS, FUZZ_MS_PER_RUN) }, async () => {
      await fc.assert(
        fc.asyncProperty(segment, counted(`GET ${path}`, async (part) => {
          const res = await t.app.request(path.replace('{x}', part), { headers: { Authorization: admin } });
          expect(res.status, `${path} ${part.slice(0, 100)}`).toBeLessThan(500);
        })),
        propertyRuns('FUZZ', RUNS),
      );
    });
  }
});
