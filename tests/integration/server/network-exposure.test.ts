import { request } from 'node:http';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { loadConfig, testConfig } from '../../../server/config.ts';
import { createTestApp, fromLoopback, type TestApp } from '../../support/test-app.ts';

const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

/** A raw request over a real socket: fetch() would not send a Host header of our choosing. */
function rawGet(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { Host: host } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('development conveniences stay on this machine', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('listens on loopback by default outside production, and on every interface only when asked', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ NODE_ENV: 'production', PUBLIC_URL: 'https://jmo.example.id', ADMIN_PASSWORD: 'x', PAYMENT_WEBHOOK_SECRET: 'y' }).host).toBe('0.0.0.0');
    expect(() => loadConfig({ NODE_ENV: 'production', ADMIN_PASSWORD: 'x', PAYMENT_WEBHOOK_SECRET: 'y' })).toThrow(/PUBLIC_URL/);
  });

  it('shows the dev mailbox only to loopback addresses', async () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      expect((await t.app.request('/dev/mailbox.json', {}, from(address))).status).toBe(200);
    }
    for (const address of ['192.168.1.23', '::ffff:10.0.0.7', 'fe80::1']) {
      const res = await t.app.request('/dev/mailbox', {}, from(address));
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect((await t.app.request('/dev/mailbox.json')).status).toBe(404); // no socket at all
  });

  it('behind a trusted proxy, judges the address the proxy saw, not the proxy or what the caller wrote', async () => {
    const behindProxy = createApp({ ...t.deps, config: { ...t.deps.config, trustProxy: true } });
    const viaProxy = (forwardedFor: string) => behindProxy.request('/dev/mailbox.json', { headers: { 'X-Forwarded-For': forwardedFor } }, fromLoopback);
    expect((await viaProxy('203.0.113.9')).status).toBe(404);
    expect((await viaProxy('127.0.0.1, 203.0.113.9')).status).toBe(404);
    expect((await viaProxy('127.0.0.1')).status).toBe(200);
  });
});

describe('DNS-rebinding defence: only known host names are answered', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { publicUrl: 'http://jmo.example.id:8080' } });
  });
  afterAll(() => t.close());

  it('refuses a foreign Host with 421 and a code, on the API, the mailbox and the app', async () => {
    for (const path of ['/api/account', '/dev/mailbox.json', '/']) {
      const res = await t.app.request(`http://attacker.example${path}`, {}, fromLoopback);
      expect(res.status).toBe(421);
      expect(await res.json()).toMatchObject({ code: 'HOST_NOT_ALLOWED', message: expect.stringContaining('Alamat') });
    }
  });

  it('answers the public host and, outside production, loopback names on any port', async () => {
    for (const origin of ['http://jmo.example.id', 'http://localhost:5173', 'http://127.0.0.1:41234', 'http://[::1]:8080']) {
      expect((await t.app.request(`${origin}/dev/mailbox.json`, {}, fromLoopback)).status).toBe(200);
    }
  });

  it('in production answers the public host only (and the health check, for probes by IP)', async () => {
    const production = createApp({ ...t.deps, config: testConfig({ isProduction: true, publicUrl: 'https://jmo.example.id' }) });
    expect((await production.request('https://jmo.example.id/api/nothing')).status).toBe(404);
    expect((await production.request('http://localhost/api/nothing')).status).toBe(421);
    expect((await production.request('http://10.0.0.5:8080/api/health')).status).toBe(200);
  });

  it('reads the Host header of a real connection', async () => {
    const app = createApp(t.deps);
    const server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    try {
      const { port } = server.address() as { port: number };
      expect((await rawGet(port, '/dev/mailbox.json', `127.0.0.1:${port}`)).status).toBe(200);
      expect((await rawGet(port, '/dev/mailbox.json', 'jmo.example.id:8080')).status).toBe(200);
      const rebound = await rawGet(port, '/dev/mailbox.json', `attacker.example:${port}`);
      expect(rebound.status).toBe(421);
      expect(rebound.body).toContain('HOST_NOT_ALLOWED');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
