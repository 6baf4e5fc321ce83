import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS, chromiumPath } from './support/browser.ts';
import { startServerProcess, type ServerProcess } from './support/server-process.ts';

interface PageScores {
  page: string;
  finalPath: string;
  performance: number;
  accessibility: number;
  bestPractices: number;
  firstContentfulPaintMs: number;
  largestContentfulPaintMs: number;
  totalBlockingTimeMs: number;
}

const percent = (score: number | null | undefined) => Math.round((score ?? 0) * 100);

/**
 * Lighthouse 12 (the last line that runs on Node 20) with its default mobile settings: a
 * Moto G class screen and simulated slow 4G with 4x CPU slowdown. Lighthouse 12 dropped the
 * PWA category; installability is checked in the shell test through the DevTools protocol.
 */
async function audit(port: number, url: string, page: string, cookie?: string): Promise<PageScores> {
  // Lighthouse reads its timings from a Chromium trace, and on a loaded machine the trace now and
  // then misses the navigation start (NO_NAVSTART and its kin). That is a failure to measure, not a
  // property of the page, so such a run is repeated; any other runtime error fails at once.
  for (let attempt = 1; ; attempt++) {
    const scores = await auditOnce(port, url, page, cookie);
    if (typeof scores !== 'string') return scores;
    if (!TRACE_CAPTURE_ERRORS.has(scores.split(' ')[0]!) || attempt === 3) throw new Error(`Lighthouse: ${scores}`);
    console.warn(`[lighthouse] ${page}: ${scores}; measuring again (attempt ${attempt + 1})`);
  }
}

const TRACE_CAPTURE_ERRORS = new Set(['NO_NAVSTART', 'NO_TRACING_STARTED', 'NO_FCP', 'NO_DCL', 'NO_LCP', 'NO_LCP_ALL_FRAMES', 'NO_SCREENSHOTS', 'NO_SPEEDLINE_FRAMES']);

/** The page's scores, or the runtime error's code and message when Lighthouse could not measure. */
async function auditOnce(port: number, url: string, page: string, cookie?: string): Promise<PageScores | string> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility', 'best-practices'],
    extraHeaders: cookie ? { Cookie: cookie } : undefined,
    locale: 'id',
  });
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  const { categories, audits } = result.lhr;
  if (result.lhr.runtimeError) return `${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`;
  return {
    page,
    finalPath: new URL(result.lhr.finalDisplayedUrl).pathname,
    performance: percent(categories.performance?.score),
    accessibility: percent(categories.accessibility?.score),
    bestPractices: percent(categories['best-practices']?.score),
    firstContentfulPaintMs: Math.round(audits['first-contentful-paint']?.numericValue ?? 0),
    largestContentfulPaintMs: Math.round(audits['largest-contentful-paint']?.numericValue ?? 0),
    totalBlockingTimeMs: Math.round(audits['total-blocking-time']?.numericValue ?? 0),
  };
}

describe('Lighthouse, mobile settings, on the built app', () => {
  let server: ServerProcess;
  let chrome: chromeLauncher.LaunchedChrome;
  beforeAll(async () => {
    server = await startServerProcess();
    chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: CHROMIUM_FLAGS });
  });
  afterAll(async () => {
    chrome?.kill();
    await server?.stop();
  });

  it('scores the sign-in page and the signed-in home screen', async () => {
    const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.url },
      body: JSON.stringify({ identifier: 'siti.rahayu@demo.jmo-lite.test', password: 'Demo-JMO-2026!' }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;

    const scores = [await audit(chrome.port, `${server.url}/masuk`, 'masuk (signed out)'), await audit(chrome.port, `${server.url}/`, 'beranda (signed in)', cookie)];
    console.table(scores);
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/lighthouse.json', JSON.stringify({ date: new Date().toISOString(), scores }, null, 2));

    // Accessibility and best practices are properties of the page, so they are held to the
    // target; the performance score depends on this shared machine's speed and is reported.
    // The signed-in audit must really be of the home screen, not of a redirect to sign-in.
    expect(scores.map((score) => score.finalPath)).toEqual(['/masuk', '/']);
    for (const score of scores) {
      expect(score.accessibility, `${score.page} accessibility`).toBeGreaterThanOrEqual(95);
      expect(score.bestPractices, `${score.page} best practices`).toBeGreaterThanOrEqual(95);
    }
  });
});
