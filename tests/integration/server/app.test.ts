import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, jsonRequest, type TestApp } from '../../support/test-app.ts';
import { testDatabaseKind } from '../../support/test-database.ts';

describe(`the HTTP app on ${testDatabaseKind}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    console.log(`[integration] app tests running on ${t.database.kind}`);
  });
  afterAll(() => t.close());

  it('reports health with the database kind and the schema version', async () => {
    const res = await t.app.request('/api/health');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; database: string; schemaVersion: number };
    expect(body).toMatchObject({ status: 'ok', database: testDatabaseKind });
    expect(body.schemaVersion).toBeGreaterThanOrEqual(2);
  });

  it('answers an unknown API route with JSON 404 and a machine code', async () => {
    const res = await t.app.request('/api/nothing/here');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a state-changing request from another origin', async () => {
    const res = await t.app.request('http://localhost/api/health', jsonRequest('POST', {}, { Origin: 'https://evil.example' }));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'CSRF_REJECTED' });
  });

  it('refuses a state-changing request that is not JSON', async () => {
    const res = await t.app.request('/api/health', { method: 'POST', body: 'a=1', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('sends a strict Content-Security-Policy without inline script', async () => {
    const res = await t.app.request('/api/health');
    const csp = res.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });
});
