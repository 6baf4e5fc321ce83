import { afterAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalDb } from '../../../client/data/local-db.ts';
import { createSyncEngine, type SyncDeps } from '../../../client/sync/sync-engine.ts';
import { appMutationOutcomes } from '../../../client/mutation-outcomes.ts';
import { queueMutation } from '../../../client/sync/outbox.ts';
import { readMeta } from '../../../client/data/meta.ts';
import { freePort } from '../../e2e/support/server-process.ts';
import { startServer } from '../../support/server-child.ts';
import { createThrowawayPostgres, type ThrowawayPostgres } from '../../support/throwaway-postgres.ts';
import { accidentReport } from '../../support/claim-builders.ts';
import { uploadPages } from '../../support/claim-documents.ts';
import { requiredClaimDocuments } from '../../../shared/claims/claim-document-check.ts';
import { createMutex } from '../../support/sync-harness.ts';
import type { PullResponse } from '../../../shared/sync/protocol.ts';
import { sizeFromEnv, timeLimitMs } from '../../support/heavy-mode.ts';

const KILLS = sizeFromEnv('CHAOS_KILLS', 10);
// Measured: a kill and restart takes 3.7 s with the machine quiet (100 kills in 371 s); a server
// start took over a minute with the machine busy (load 20).
const CHAOS_MS_PER_KILL = 30_000;
const databaseUrl = process.env.TEST_DATABASE_URL;

describe(`SIGKILL of the server while a phone pushes (${KILLS} kills, ${databaseUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'jmo-chaos-'));
  let server: ChildProcess | null = null;
  let postgres: ThrowawayPostgres | null = null;
  afterAll(async () => {
    server?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    await postgres?.drop();
  });

  it('applies every queued item exactly once after any number of crashes', { timeout: timeLimitMs(KILLS, CHAOS_MS_PER_KILL) }, async () => {
    const port = await freePort();
    if (databaseUrl) postgres = await createThrowawayPostgres(databaseUrl, 'jmo_chaos');
    // DATA_DIR also holds the uploaded pages, so it is the throwaway directory on PostgreSQL too.
    const env: Record<string, string> = postgres ? { DATABASE_URL: postgres.url, DATA_DIR: dataDir } : { DATA_DIR: dataDir };
    const base = `http://127.0.0.1:${port}`;
    server = await startServer(port, env);
    const signIn = await fetch(`${base}/api/auth/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ identifier: 'siti.rahayu@demo.jmo-lite.test', password: 'Demo-JMO-2026!' }) });
    const cookie = signIn.headers.get('Set-Cookie')!.split(';')[0]!;
    const phone = openLocalDb(`chaos-${randomUUID()}`);
    let onPushSent = () => {};
    const engineDeps: SyncDeps = {
      db: phone,
      fetch: (input, init) => {
        if (String(input).endsWith('/api/sync/push')) onPushSent();
        const headers = new Headers(init?.headers);
        headers.set('Cookie', cookie);
        return fetch(input, { ...init, headers });
      },
      now: Date.now,
      withLock: createMutex(),
      randomUUID,
      outcomeHooks: appMutationOutcomes,
      baseUrl: base,
      requestTimeoutMs: 5_000,
    };
    const engine = createSyncEngine(engineDeps);
    await engine.sync();
    const kpj = (await phone.memberships.toArray()).find((m) => m.status === 'ACTIVE')!.kpj;
    const reportDrafts: string[] = [];
    let queued = 0;
    const queueSome = async (count: number) => {
      for (let i = 0; i < count; i++) {
        queued++;
        const report = accidentReport(kpj, '2026-11-01');
        reportDrafts.push(report.draftId);
        // The pages go up first, through the real tus endpoint, as the phone's upload stage sends them.
        const documents = await uploadPages((path, init) => fetch(`${base}${path}`, init), cookie, report.draftId, requiredClaimDocuments(report).map((d) => d.id));
        await queueMutation(phone, { name: 'claim.submit', args: { ...report, documents }, label: 'Laporan kecelakaan kerja' }, Date.now());
      }
    };

    for (let kill = 0; kill < KILLS; kill++) {
      await queueSome(3 + (kill % 4));
      // Timed from the push leaving the phone: on a busy machine the phone's own work before it
      // can take longer than the whole window, and the crash would never meet a push.
      const pushSent = new Promise<void>((resolve) => (onPushSent = resolve));
      const syncing = engine.sync();
      await Promise.race([pushSent, syncing]);
      await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 120)));
      server.kill('SIGKILL');
      await syncing;
      server = await startServer(port, env);
    }
    // After the last crash the server stays up. On a busy machine a batch of 100 reports can take
    // longer than 5 s, and a drain that gives up on that would report a slow machine, not a loss.
    console.log(`[chaos] ${queued - (await phone.outbox.count())} of ${queued} items answered between the crashes`);
    const drainEngine = createSyncEngine({ ...engineDeps, requestTimeoutMs: 300_000 });
    for (let attempt = 0; attempt < 5 && (await phone.outbox.count()) > 0; attempt++) await drainEngine.sync();

    expect(await phone.outbox.count(), JSON.stringify(await readMeta(phone, 'status'))).toBe(0);
    expect(await phone.results.count()).toBe(queued);
    expect(await readMeta(phone, 'lastMutationId')).toBe(queued);
    const pull = (await (await fetch(`${base}/api/sync/pull`, { headers: { Cookie: cookie } })).json()) as PullResponse;
    const claimsFromThisPhone = (pull.changes.claims ?? []).filter((c) => reportDrafts.includes(c.draftId));
    expect(claimsFromThisPhone).toHaveLength(reportDrafts.length);
    expect(new Set(claimsFromThisPhone.map((c) => c.draftId)).size).toBe(reportDrafts.length);
    phone.close();
  });
});
