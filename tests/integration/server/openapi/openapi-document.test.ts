import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { inspectRoutes } from 'hono/dev';
import { validate, compileErrors } from '@readme/openapi-parser';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { openApiPath } from '../../../../server/http/openapi/openapi-document.ts';
import { appMutations } from '../../../../server/app.ts';

interface Operation {
  summary?: string;
  security: Record<string, string[]>[];
  requestBody?: { content: { 'application/json': { schema: object } } };
  responses: Record<string, { content?: { 'application/json': { schema: object } } }>;
}
type Document = { paths: Record<string, Record<string, Operation>> };

describe('GET /api/openapi.json', () => {
  let t: TestApp;
  let document: Document;
  let cookie: string;
  const ajv = new Ajv2020({ strict: false, validateFormats: false, discriminator: true, allErrors: true });

  beforeAll(async () => {
    t = await createTestApp();
    const res = await t.app.request('/api/openapi.json');
    expect(res.status).toBe(200);
    document = (await res.json()) as Document;
    cookie = (await signInAs(t, demoEmails.siti)).cookie;
  });
  afterAll(() => t.close());

  const operation = (method: string, path: string) => document.paths[path]?.[method];

  /** Checks a request body and the real answer against the document, by schema. */
  async function exchange(method: 'get' | 'post' | 'delete', path: string, init: RequestInit & { json?: unknown; invalid?: boolean; url?: string } = {}) {
    const op = operation(method, path)!;
    if (init.json !== undefined) {
      const check = ajv.compile(op.requestBody!.content['application/json'].schema);
      expect(check(init.json), JSON.stringify(check.errors)).toBe(!init.invalid);
    }
    const headers = { ...(init.json === undefined ? {} : { 'Content-Type': 'application/json' }), ...(init.headers as Record<string, string>) };
    const res = await t.app.request(init.url ?? path, { method: method.toUpperCase(), headers, ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }) });
    const documented = op.responses[String(res.status)];
    expect(documented, `${method} ${path} answered ${res.status}, which the document does not list`).toBeDefined();
    const body = res.status === 304 ? undefined : await res.json();
    if (documented!.content) {
      const check = ajv.compile(documented!.content['application/json'].schema);
      expect(check(body), `${res.status} ${JSON.stringify(body)}: ${JSON.stringify(check.errors)}`).toBe(true);
    }
    return { status: res.status, body };
  }

  it('documents every /api route the app has, with a summary, a success answer and its errors', () => {
    const routes = inspectRoutes(t.app).filter((route) => !route.isMiddleware && route.method !== 'ALL' && route.path.startsWith('/api/'));
    expect(routes.length).toBeGreaterThan(20);
    const missing = routes.filter((route) => !operation(route.method.toLowerCase(), openApiPath(route.path))?.summary).map((route) => `${route.method} ${route.path}`);
    expect(missing).toEqual([]);
    for (const route of routes) {
      const op = operation(route.method.toLowerCase(), openApiPath(route.path))!;
      expect(Object.keys(op.responses).some((status) => status.startsWith('2')), `${route.method} ${route.path} has no success answer`).toBe(true);
      expect(op.responses['500']).toBeDefined();
    }
    const documented = Object.entries(document.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual([...new Set(routes.map((route) => `${route.method} ${openApiPath(route.path)}`))].sort());
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await validate(structuredClone(document) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('states the auth requirement: the session cookie behind requireAuth, nothing for public routes, the signature for the webhook', () => {
    expect(operation('get', '/api/sync/pull')!.security).toEqual([{ sessionCookie: [] }]);
    expect(operation('get', '/api/sync/pull')!.responses['401']).toBeDefined();
    expect(operation('delete', '/api/account/sessions/{id}')!.security).toEqual([{ sessionCookie: [] }]);
    expect(operation('post', '/api/payments')!.security).toEqual([{ sessionCookie: [] }]);
    expect(operation('post', '/api/auth/sign-in')!.security).toEqual([]);
    expect(operation('get', '/api/health')!.responses['401']).toBeUndefined();
    expect(operation('post', '/api/payments/webhook')!.security).toEqual([{ webhookSignature: [] }]);
  });

  it('documents the push body as a union of the registered mutations, discriminated on name', () => {
    const schema = operation('post', '/api/sync/push')!.requestBody!.content['application/json'].schema as { properties: { mutations: { items: { oneOf: { properties: { name: { const: string } } }[]; discriminator: { propertyName: string } } } } };
    const items = schema.properties.mutations.items;
    expect(items.discriminator).toEqual({ propertyName: 'name' });
    expect(items.oneOf.map((option) => option.properties.name.const).sort()).toEqual(appMutations.map((mutation) => mutation.name).sort());
  });

  it('matches real requests and answers: sign-in, account, pull (200 and 304), push, refusals', async () => {
    await exchange('get', '/api/health');
    await exchange('get', '/api/cards/public-key');
    await exchange('post', '/api/auth/sign-in', { json: { identifier: demoEmails.siti, password: 'wrong password' } });
    await exchange('post', '/api/auth/sign-in', { json: { identifier: demoEmails.siti, password: 'Demo-JMO-2026!' } });
    const refused = await exchange('post', '/api/auth/sign-in', { json: { identifier: '' }, invalid: true });
    expect(refused.body).toMatchObject({ code: 'INVALID_INPUT' });
    await exchange('get', '/api/account', { headers: { Cookie: cookie } });
    expect((await exchange('get', '/api/account')).status).toBe(401);
    const pulled = await exchange('get', '/api/sync/pull', { headers: { Cookie: cookie } });
    expect(pulled.status).toBe(200);
    const since = `/api/sync/pull?cursor=${(pulled.body as { cursor: string }).cursor}`;
    const etag = (await t.app.request(since, { headers: { Cookie: cookie } })).headers.get('ETag')!;
    expect((await exchange('get', '/api/sync/pull', { url: since, headers: { Cookie: cookie, 'If-None-Match': etag } })).status).toBe(304);
    const complaint = { draftId: randomUUID(), category: 'SALDO', description: 'Iuran bulan Maret tidak tercatat di saldo saya.' };
    const pushed = await exchange('post', '/api/sync/push', { headers: { Cookie: cookie }, json: { deviceId: randomUUID(), mutations: [{ id: 1, name: 'complaint.file', args: complaint, createdAt: 1 }] } });
    expect(pushed.body).toMatchObject({ results: [{ status: 'applied' }] });
    expect((await exchange('delete', '/api/account/sessions/{id}', { url: `/api/account/sessions/${randomUUID()}`, headers: { Cookie: cookie } })).status).toBe(404);
  });

  it('refuses, by schema, a push whose args do not fit the named mutation', () => {
    const schema = operation('post', '/api/sync/push')!.requestBody!.content['application/json'].schema;
    const check = ajv.compile(schema);
    expect(check({ deviceId: randomUUID(), mutations: [{ id: 1, name: 'complaint.file', args: { keys: ['1'] }, createdAt: 1 }] })).toBe(false);
    expect(check({ deviceId: randomUUID(), mutations: [{ id: 1, name: 'notification.read', args: { keys: ['1'] }, createdAt: 1 }] })).toBe(true);
  });
});
