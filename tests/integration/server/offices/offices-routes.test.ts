import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';
import type { Office } from '../../../../shared/offices/office-search.ts';

describe('GET /api/offices', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('lists branch offices and PLKK with coordinates, phone and hours', async () => {
    const res = await t.app.request('/api/offices');
    expect(res.status).toBe(200);
    const { offices } = (await res.json()) as { offices: Office[] };
    expect(offices.filter((o) => o.type === 'BRANCH').length).toBeGreaterThanOrEqual(30);
    expect(offices.filter((o) => o.type === 'PLKK').length).toBeGreaterThanOrEqual(60);
    expect(new Set(offices.map((o) => o.id)).size).toBe(offices.length);
    for (const office of offices) {
      expect(office.lat).toBeGreaterThan(-11);
      expect(office.lat).toBeLessThan(6);
      expect(office.lon).toBeGreaterThan(95);
      expect(office.lon).toBeLessThan(141);
      expect(office.phone).toMatch(/^\(0\d{2,3}\) [\d ]+$/);
    }
  });

  it('answers 304 with no body when the phone already has this directory', async () => {
    const first = await t.app.request('/api/offices');
    const etag = first.headers.get('ETag');
    expect(etag).toBeTruthy();
    const second = await t.app.request('/api/offices', { headers: { 'If-None-Match': etag! } });
    expect(second.status).toBe(304);
    expect(await second.text()).toBe('');
  });
});
