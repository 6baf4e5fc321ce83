import { afterAll, afterEach, beforeAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPhonePage, waitForServiceWorkerControl } from './browser.ts';
import { startNetProxy, type NetProxy } from './net-proxy.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { DEMO_PASSWORD } from '../../../server/seed/demo-people.ts';

export { DEMO_PASSWORD } from '../../../server/seed/demo-people.ts';
export { demoEmails } from '../../support/demo-accounts.ts';

export interface E2eSuite {
  /** The address Chromium uses: the proxy's origin, so the network can be cut for real. */
  readonly url: string;
  readonly server: ServerProcess;
  readonly proxy: NetProxy;
  readonly browser: Browser;
  /** A fresh phone-sized profile on the app, controlled by the service worker. */
  openPhone(): Promise<Page>;
  signIn(page: Page, identifier: string, password?: string): Promise<void>;
  /** The proxy refuses every connection (and the page is told it is offline). */
  goOffline(page: Page): Promise<void>;
  goOnline(page: Page): Promise<void>;
  /** Asks the server directly, past the proxy, with the page's session: what the server really holds. */
  serverJson<T>(page: Page, path: string): Promise<T>;
}

/** The real server, a switchable proxy in front of it and Chromium, started once per e2e file. */
export function useE2eSuite(env: Record<string, string> = {}): E2eSuite {
  let server: ServerProcess;
  let proxy: NetProxy;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServerProcess(env);
    proxy = await startNetProxy(server.url);
    browser = await launchBrowser();
  });
  // A test that ends "offline" must not cut the network of the next one.
  afterEach(() => proxy?.setMode('pass'));
  afterAll(async () => {
    await browser?.close();
    await proxy?.close();
    await server?.stop();
  });

  const suite: E2eSuite = {
    get url() {
      return proxy.url;
    },
    get server() {
      return server;
    },
    get proxy() {
      return proxy;
    },
    get browser() {
      return browser;
    },
    async openPhone() {
      const page = await newPhonePage(browser);
      await page.goto(proxy.url, { waitUntil: 'load' });
      await waitForServiceWorkerControl(page);
      return page;
    },
    async signIn(page, identifier, password = DEMO_PASSWORD) {
      await page.goto(`${proxy.url}/masuk`, { waitUntil: 'load' });
      await page.getByLabel('Email atau NIK').fill(identifier);
      await page.getByLabel('Kata sandi').fill(password);
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.getByTestId('merged-balance').waitFor({ timeout: 30_000 });
    },
    async goOffline(page) {
      proxy.setMode('refuse');
      await page.context().setOffline(true);
    },
    async goOnline(page) {
      proxy.setMode('pass');
      await page.context().setOffline(false);
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
    },
    async serverJson(page, path) {
      const cookie = (await page.context().cookies(proxy.url)).map((c) => `${c.name}=${c.value}`).join('; ');
      const response = await fetch(`${server.url}${path}`, { headers: { Cookie: cookie } });
      if (!response.ok) throw new Error(`${path} answered ${response.status}`);
      return (await response.json()) as never;
    },
  };
  return suite;
}

/** Push requests and mutations of one name the server received through the proxy. */
export function forwardedMutations(proxy: NetProxy, name: string): number {
  return proxy.forwarded.flatMap((request) => request.mutations).filter((mutation) => mutation === name).length;
}
