import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { and, eq, inArray } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { demoEmails, signInAs } from '../../support/test-session.ts';
import { createMutex, createPhone, poisonMutation, type Fault } from '../../support/sync-harness.ts';
import { openLocalDb } from '../../../client/data/local-db.ts';
import { createSyncEngine } from '../../../client/sync/sync-engine.ts';
import { appMutationOutcomes } from '../../../client/mutation-outcomes.ts';
import { claimEvents, claims, documentUploads, memberships, participants, syncDevices, syncMutations } from '../../../server/db/schema.ts';
import { freshnessOf } from '../../../shared/rules/freshness.ts';
import { accidentReport } from '../../support/claim-builders.ts';
import { withDocuments } from '../../support/claim-documents.ts';
import { queueMutation } from '../../../client/sync/outbox.ts';
import { readMeta } from '../../../client/data/meta.ts';
import { randomUUID } from 'node:crypto';
import { propertyRuns, sizeFromEnv, timeLimitMs } from '../../support/heavy-mode.ts';
import { replicaCaughtUp } from '../../support/test-database.ts';

const PROPERTY_RUNS = sizeFromEnv('SYNC_PROPERTY_RUNS', 1000);
// Measured: 100 ms a run on PGlite with the machine quiet (10,000 runs in 16 min), 550 ms on
// PGlite and 1.3 s on PostgreSQL with the machine busy (load 20 to 25 on 2 vCPUs).
const PROPERTY_MS_PER_RUN = 1_500;

const addressUpdate = (address: string) => ({ name: 'profile.update', args: { address }, label: 'Perubahan alamat' });

describe('the sync engine against the real server', () => {
  let t: TestApp;
  let siti: Awaited<ReturnType<typeof signInAs>>;
  beforeAll(async () => {
    t = await createTestApp({ testMutations: [poisonMutation] });
    siti = await signInAs(t, demoEmails.siti);
  });
  afterAll(() => t.close());

  const serverAddress = async () => (await t.database.db.select().from(participants).where(eq(participants.id, siti.participantId)))[0]?.address;

  it('stores the first snapshot with the server’s confirmation time', async () => {
    const phone = createPhone(t, siti.cookie);
    const outcome = await phone.engine.sync();
    expect(outcome).toMatchObject({ kind: 'ok', pushed: 0, rejected: 0, pulled: 'changes' });
    expect(await phone.db.memberships.count()).toBe(3);
    expect(await phone.db.balances.count()).toBe(3);
    expect(await readMeta(phone.db, 'lastConfirmedAt')).toBe(t.clock.now().getTime());
    expect(await phone.engine.sync()).toMatchObject({ pulled: 'unchanged' });
    expect(phone.requests.at(-1)).toMatchObject({ path: '/api/sync/pull', status: 304 });
  });

  it('keeps what was queued offline and delivers it once the network is back', async () => {
    const phone = createPhone(t, siti.cookie);
    phone.setFault('network-down');
    for (const n of [1, 2, 3]) await queueMutation(phone.db, addressUpdate(`Jl. Offline No. ${n}, Bandung`), 1);
    expect(await phone.engine.sync()).toEqual({ kind: 'offline' });
    expect(await phone.db.outbox.count()).toBe(3);
    expect(await readMeta(phone.db, 'status')).toMatchObject({ state: 'offline' });

    phone.setFault('none');
    expect(await phone.engine.sync()).toMatchObject({ kind: 'ok', pushed: 3 });
    expect(await phone.db.outbox.count()).toBe(0);
    expect(await phone.db.results.count()).toBe(3);
    expect(await serverAddress()).toBe('Jl. Offline No. 3, Bandung');
    expect((await phone.db.profile.get('me'))?.address).toBe('Jl. Offline No. 3, Bandung');
  });

  it('keeps the outbox and reports signed-out when the session has ended', async () => {
    const phone = createPhone(t, null);
    await queueMutation(phone.db, addressUpdate('Jl. Tanpa Sesi No. 1, Bandung'), 1);
    expect(await phone.engine.sync()).toEqual({ kind: 'signed-out' });
    expect(await phone.db.outbox.count()).toBe(1);
    phone.setCookie(siti.cookie);
    expect(await phone.engine.sync()).toMatchObject({ kind: 'ok', pushed: 1 });
  });

  it('labels freshness by the server’s clock, whatever the phone’s clock says (±1 day)', async () => {
    for (const skewMs of [24 * 3_600_000, -24 * 3_600_000]) {
      const phone = createPhone(t, siti.cookie, { clockSkewMs: skewMs });
      await phone.engine.sync();
      const phoneNow = () => t.clock.now().getTime() + skewMs;
      const label = async (isOnline: boolean) => {
        const confirmedAt = (await readMeta(phone.db, 'lastConfirmedAt'))!;
        const offset = (await readMeta(phone.db, 'serverOffsetMs'))!;
        return freshnessOf({ confirmedAt, now: phoneNow() + offset, isOnline, lastAttempt: (await readMeta(phone.db, 'lastAttempt'))?.outcome ?? null });
      };
      expect(await label(true)).toMatchObject({ state: 'FRESH', ageMs: 0 });
      t.clock.advance(60 * 60_000);
      expect(await label(true)).toMatchObject({ state: 'STALE', ageMs: 60 * 60_000 });
      expect(await label(false)).toMatchObject({ state: 'OFFLINE' });
      phone.db.close();
    }
  });

  it('removes rows the server deleted (tombstones) without touching the outbox', async () => {
    const phone = createPhone(t, siti.cookie);
    await phone.engine.sync();
    const kpj = (await phone.db.memberships.toArray()).find((m) => m.status === 'ACTIVE')!.kpj;
    // Its pages are on the server already, as the upload stage leaves them before it queues a claim.
    await queueMutation(phone.db, { name: 'claim.submit', args: await withDocuments(t.database.db, accidentReport(kpj, '2026-11-01')), label: 'Laporan' }, 1);
    await phone.engine.sync();
    const events = await phone.db.claimEvents.toArray();
    expect(events.length).toBeGreaterThan(0);
    const gone = events.at(-1)!;
    await t.database.db.delete(claimEvents).where(eq(claimEvents.id, Number(gone.key)));
    await replicaCaughtUp();
    phone.setFault('network-down');
    await queueMutation(phone.db, addressUpdate('Jl. Tetap Antre No. 1, Bandung'), 1);
    phone.setFault('none');
    await phone.engine.pullChanges();
    expect(await phone.db.claimEvents.get(gone.key)).toBeUndefined();
    expect(await phone.db.outbox.count()).toBe(1);
    phone.db.close();
  });

  it('lets only one of two tabs push at a time when they share the lock (Web Locks)', async () => {
    const db = openLocalDb(`tabs-${randomUUID()}`);
    const lock = createMutex();
    let inFlight = 0;
    let maxInFlight = 0;
    const fetchCounting: typeof fetch = async (input, init) => {
      const url = new URL(String(input));
      const headers = new Headers(init?.headers);
      headers.set('Cookie', siti.cookie);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      try {
        return await t.app.request(url.pathname + url.search, { ...init, headers });
      } finally {
        inFlight--;
      }
    };
    const tabs = [0, 1].map(() => createSyncEngine({ db, fetch: fetchCounting, now: () => t.clock.now().getTime(), withLock: lock, randomUUID, outcomeHooks: appMutationOutcomes, baseUrl: 'http://localhost' }));
    for (let i = 0; i < 6; i++) await queueMutation(db, addressUpdate(`Jl. Tab No. ${i}, Bandung`), 1);
    await Promise.all([tabs[0]!.sync(), tabs[1]!.sync(), tabs[0]!.sync(), tabs[1]!.sync()]);
    expect(maxInFlight).toBe(1);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.results.count()).toBe(6);
    db.close();
  });

  it('delivers every item exactly once or refuses it, whatever the network and the app do (property)', { timeout: timeLimitMs(PROPERTY_RUNS, PROPERTY_MS_PER_RUN) }, async () => {
    // Dewi: a small history keeps each of the many runs cheap.
    const dewi = await signInAs(t, demoEmails.dewi);
    const step = fc.oneof(
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('queue' as const), count: fc.integer({ min: 1, max: 3 }) }) },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('sync' as const), fault: fc.constantFrom<Fault>('none', 'network-down', 'answer-lost', 'timeout-after-commit', 'server-error', 'duplicate-send', 'reorder') }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const) }) },
      // A mutation whose handler throws: refused once, and never in the way of the others.
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('poison' as const) }) },
    );
    const [dewiCard] = await t.database.db.select({ kpj: memberships.kpj }).from(memberships).where(eq(memberships.participantId, dewi.participantId));
    const dewiKpj = dewiCard!.kpj;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), async (steps) => {
        const phone = createPhone(t, dewi.cookie);
        let queued = 0;
        const reportDrafts: string[] = [];
        const reportPages: string[] = [];
        const addresses: string[] = [];
        const poisonAddresses: string[] = [];
        for (const s of steps) {
          if (s.kind === 'poison') {
            queued++;
            poisonAddresses.push(`Jl. Racun ${randomUUID().slice(0, 8)}, Semarang`);
            await queueMutation(phone.db, { name: poisonMutation.name, args: { address: poisonAddresses.at(-1)! }, label: 'Racun' }, 1);
          } else if (s.kind === 'queue') {
            for (let i = 0; i < s.count; i++) {
              queued++;
              // Every other item creates a new claim row: a duplicate would be visible as an extra row.
              if (queued % 2 === 0) {
                const report = await withDocuments(t.database.db, accidentReport(dewiKpj, '2026-08-01'));
                reportDrafts.push(report.draftId);
                reportPages.push(...report.documents);
                await queueMutation(phone.db, { name: 'claim.submit', args: report, label: 'Laporan kecelakaan kerja' }, 1);
              } else {
                addresses.push(`Jl. Uji ${randomUUID().slice(0, 8)}, Semarang`);
                await queueMutation(phone.db, addressUpdate(addresses.at(-1)!), 1);
              }
            }
          } else if (s.kind === 'restart') {
            phone.restartEngine();
          } else {
            phone.setFault(s.fault);
            await phone.engine.sync();
          }
        }
        phone.setFault('none');
        phone.restartEngine();
        await phone.engine.sync();

        const deviceId = (await readMeta(phone.db, 'deviceId'))!;
        const applied = await t.database.db.select({ id: syncMutations.mutationId, result: syncMutations.result }).from(syncMutations).where(and(eq(syncMutations.accountId, dewi.accountId), eq(syncMutations.deviceId, deviceId)));
        expect(applied.map((row) => row.id).sort((a, b) => a - b)).toEqual(Array.from({ length: queued }, (_, i) => i + 1));
        expect(await phone.db.outbox.count()).toBe(0);
        const results = await phone.db.results.toArray();
        expect(results).toHaveLength(queued);
        // What the phone shows as the outcome is what the server recorded.
        for (const row of applied) expect(results.find((r) => r.id === row.id)?.status).toBe((row.result as { status: string }).status);
        // Every poisoned item is refused exactly once (one row per id); everything else is applied.
        const poisoned = results.filter((r) => r.name === poisonMutation.name);
        expect(poisoned).toHaveLength(poisonAddresses.length);
        for (const r of poisoned) expect(r).toMatchObject({ status: 'rejected', code: 'SERVER_REFUSED' });
        for (const r of results.filter((r) => r.name !== poisonMutation.name)) expect(r.status).toBe('applied');
        const serverRefused = applied.filter((row) => (row.result as { code?: string }).code === 'SERVER_REFUSED');
        expect(serverRefused).toHaveLength(poisonAddresses.length);
        if (queued > 0) {
          const [device] = await t.database.db.select().from(syncDevices).where(and(eq(syncDevices.accountId, dewi.accountId), eq(syncDevices.deviceId, deviceId)));
          expect(device?.lastMutationId).toBe(queued);
        }
        const reports = reportDrafts.length ? await t.database.db.select({ id: claims.id, draftId: claims.draftId }).from(claims).where(inArray(claims.draftId, reportDrafts)) : [];
        expect(reports).toHaveLength(reportDrafts.length);
        // Every page is named by exactly its own draft's claim, once.
        const pages = reportPages.length ? await t.database.db.select({ draftId: documentUploads.draftId, claimId: documentUploads.claimId }).from(documentUploads).where(inArray(documentUploads.id, reportPages)) : [];
        expect(pages).toHaveLength(reportPages.length);
        const claimOfDraft = new Map(reports.map((report) => [report.draftId, report.id]));
        for (const page of pages) expect(page.claimId).toBe(claimOfDraft.get(page.draftId));
        // The local view converges to the server's.
        const [person] = await t.database.db.select().from(participants).where(eq(participants.id, dewi.participantId));
        expect((await phone.db.profile.get('me'))?.address).toBe(person?.address);
        expect(poisonAddresses).not.toContain(person?.address);
        expect(await phone.db.claims.where('draftId').anyOf(reportDrafts).count()).toBe(reportDrafts.length);
        phone.db.close();
        // Without this every run's first snapshot would carry all earlier runs' claims, and
        // the property's cost would grow with the square of the number of runs.
        if (reports.length > 0) {
          const claimIds = reports.map((report) => report.id);
          await t.database.db.delete(claimEvents).where(inArray(claimEvents.claimId, claimIds));
          await t.database.db.delete(documentUploads).where(inArray(documentUploads.claimId, claimIds));
          await t.database.db.delete(claims).where(inArray(claims.id, claimIds));
        }
      }),
      propertyRuns('SYNC_PROPERTY', PROPERTY_RUNS),
    );
    // With a standby (TEST_DATABASE_READ_URL) the property held while it really answered pulls.
    const replica = t.deps.readReplica;
    if (replica) {
      console.info('pulls answered by the standby / by the primary because it lagged / after a standby error:', replica.counts);
      expect(replica.counts.replica).toBeGreaterThan(0);
    }
  });
});
