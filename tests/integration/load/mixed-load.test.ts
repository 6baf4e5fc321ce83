import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type ServerType } from '@hono/node-server';
import { count, eq } from 'drizzle-orm';
import { complaints, syncMutations } from '../../../server/db/schema.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { TEST_TODAY, testDatabaseKind } from '../../support/test-database.ts';
import { addLoadParticipants } from '../../support/load-population.ts';
import { runMixedLoad } from '../../support/mixed-load.ts';
import { sizeFromEnv, timeLimitMs } from '../../support/heavy-mode.ts';

// Seconds here; `npm run bench` runs the same load for a minute.
const PARTICIPANTS = sizeFromEnv('LOAD_PARTICIPANTS', 500);
const SECONDS = sizeFromEnv('LOAD_SECONDS', 5);
// Measured with the machine busy (load 20): 100 s to add 500 participants with 12 months of
// history, 130 s for their 500 first syncs; the measured window itself lasts SECONDS.
const SETUP_MS_PER_PARTICIPANT = 200;
const FIRST_SYNC_MS_PER_PARTICIPANT = 260;

describe(`${PARTICIPANTS} participants pulling and pushing at once over loopback (${testDatabaseKind})`, () => {
  let testApp: TestApp;
  let server: ServerType;
  let baseUrl: string;
  let cookies: string[];
  beforeAll(async () => {
    testApp = await createTestApp();
    ({ cookies } = await addLoadParticipants(testApp.database.db, { count: PARTICIPANTS, today: TEST_TODAY, historyMonths: 12, now: testApp.clock.now() }));
    server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: testApp.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    const address = server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }, timeLimitMs(PARTICIPANTS, SETUP_MS_PER_PARTICIPANT));
  afterAll(async () => {
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    await testApp?.close();
  });

  it('answers every request as the protocol promises and applies each acknowledged complaint once', { timeout: timeLimitMs(SECONDS, 1000) + timeLimitMs(PARTICIPANTS, FIRST_SYNC_MS_PER_PARTICIPANT, 0) }, async () => {
    const [before] = await testApp.database.db.select({ n: count() }).from(complaints);
    const report = await runMixedLoad({ baseUrl, cookies, seconds: SECONDS });
    const { phones, ...figures } = report;
    console.log(`[load] ${JSON.stringify(figures)}`);

    expect(report.errorSamples).toEqual([]);
    expect(report.errors).toBe(0);
    expect(report.firstSync.count).toBe(PARTICIPANTS);
    expect(report.pulls.count).toBeGreaterThan(0);
    expect(report.pushes.count).toBeGreaterThan(0);

    const acknowledged = phones.reduce((sum, phone) => sum + phone.acknowledged, 0);
    const [after] = await testApp.database.db.select({ n: count() }).from(complaints);
    expect(after!.n - before!.n).toBe(acknowledged);
    for (const phone of phones.filter((p) => p.acknowledged > 0).slice(0, 50)) {
      const [stored] = await testApp.database.db.select({ n: count() }).from(syncMutations).where(eq(syncMutations.deviceId, phone.deviceId));
      expect(stored!.n).toBe(phone.acknowledged);
    }
  });
});
