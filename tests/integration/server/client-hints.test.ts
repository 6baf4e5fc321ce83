import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

describe('GET /api/client-hints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('echoes Save-Data: on, and nothing else, uncached', async () => {
    const on = await t.app.request('/api/client-hints', { headers: { 'Save-Data': 'on' } });
    expect(await on.json()).toEqual({ saveData: true });
    expect(on.headers.get('Cache-Control')).toBe('no-store');
    expect(await (await t.app.request('/api/client-hints')).json()).toEqual({ saveData: false });
    expect(await (await t.app.request('/api/client-hints', { headers: { 'Save-Data': 'off' } })).json()).toEqual({ saveData: false });
  });
});
