import { launchBrowser, newPhonePage, waitForServiceWorkerControl } from '../e2e/support/browser.ts';
import { startServerProcess } from '../e2e/support/server-process.ts';

/**
 * From navigation to the cached JHT balance on screen, with the network off and the CPU
 * slowed 4x (a cheap phone), after one online visit installed the service worker.
 */
export async function measureColdOfflineStart(runs: number): Promise<{ medianMs: number; minMs: number; maxMs: number; runs: number[] }> {
  const server = await startServerProcess({ SEED_PARTICIPANTS: '0' });
  const browser = await launchBrowser();
  try {
    const page = await newPhonePage(browser);
    await page.goto(server.url, { waitUntil: 'load' });
    await waitForServiceWorkerControl(page);
    await page.goto(`${server.url}/masuk`);
    await page.getByLabel('Email atau NIK').fill('siti.rahayu@demo.jmo-lite.test');
    await page.getByLabel('Kata sandi').fill('Demo-JMO-2026!');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByTestId('merged-balance').waitFor({ timeout: 60_000 });
    await page.context().setOffline(true);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const timings: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = Date.now();
      await page.goto(server.url, { waitUntil: 'commit' });
      await page.getByTestId('merged-balance').waitFor({ timeout: 30_000 });
      timings.push(Date.now() - started);
    }
    const sorted = [...timings].sort((a, b) => a - b);
    return { medianMs: sorted[Math.floor(sorted.length / 2)]!, minMs: sorted[0]!, maxMs: sorted.at(-1)!, runs: timings };
  } finally {
    await browser.close();
    await server.stop();
  }
}
