import { afterAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalDb } from '../../../client/data/local-db.ts';
import { createSyncEngine } from '../../../client/sync/sync-engine.ts';
import { appMutationOutcomes } from '../../../client/mutation-outcomes.ts';
import { queueMutation } from '../../../client/sync/outbox.ts';
import { freePort } from '../../e2e/support/server-process.ts';
import { accidentReport } from '../../support/claim-builders.ts';
import { uploadPages } from '../../support/claim-documents.ts';
import { requiredClaimDocuments } from '../../../shared/claims/claim-document-check.ts';
import { createMutex } from '../../support/sync-harness.ts';
import { startServer } from '../../support/server-child.ts';
import { createThrowawayPostgres, type ThrowawayPostgres } from '../../support/throwaway-postgres.ts';
import type { PullResponse } from '../../../shared/sync/protocol.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;
const json = { 'Content-Type': 'application/json' };

// Needs a shared PostgreSQL: runs in `npm run test:pg` (and CI), where TEST_DATABASE_URL is set.
describe.runIf(databaseUrl)('two server instances on one PostgreSQL', () => {
  const servers: ChildProcess[] = [];
  let postgres: ThrowawayPostgres | null = null;
  // Both instances keep uploaded pages here (one shared file store, as a shared volume would be).
  const dataDir = mkdtempSync(join(tmpdir(), 'jmo-two-'));
  afterAll(async () => {
    servers.forEach((s) => s.kill('SIGKILL'));
    await postgres?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps exactly-once delivery, sessions and rate limits when requests alternate at random', { timeout: 120_000 }, async () => {
    postgres = await createThrowawayPostgres(databaseUrl!, 'jmo_chaos');
    const env = { DATABASE_URL: postgres.url, DATA_DIR: dataDir };
    const ports = [await freePort(), await freePort()];
    // One after the other: the first migrates and seeds, the second finds it done.
    for (const port of ports) servers.push(await startServer(port, env));
    const bases = ports.map((port) => `http://127.0.0.1:${port}`);
    const pick = () => bases[Math.floor(Math.random() * bases.length)]!;

    const signIn = await fetch(`${bases[0]}/api/auth/sign-in`, { method: 'POST', headers: json, body: JSON.stringify({ identifier: 'siti.rahayu@demo.jmo-lite.test', password: 'Demo-JMO-2026!' }) });
    const cookie = signIn.headers.get('Set-Cookie')!.split(';')[0]!;
    expect((await fetch(`${bases[1]}/api/account`, { headers: { Cookie: cookie } })).status).toBe(200);

    const phone = openLocalDb(`two-${randomUUID()}`);
    // Two engines over one phone database, each with its own lock: what two tabs would do in a
    // browser without Web Locks. Their pushes of the same ids race on the two servers.
    const [engine, otherTab] = [createMutex(), createMutex()].map((withLock) =>
      createSyncEngine({
        db: phone,
        fetch: (input, init) => {
          const url = new URL(String(input));
          const headers = new Headers(init?.headers);
          headers.set('Cookie', cookie);
          return fetch(`${pick()}${url.pathname}${url.search}`, { ...init, headers });
        },
        now: Date.now,
        withLock,
        randomUUID,
        outcomeHooks: appMutationOutcomes,
        baseUrl: bases[0],
      }),
    ) as [ReturnType<typeof createSyncEngine>, ReturnType<typeof createSyncEngine>];
    await engine.sync();
    const kpj = (await phone.memberships.toArray()).find((m) => m.status === 'ACTIVE')!.kpj;
    const drafts: string[] = [];
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < 3; i++) {
        const report = accidentReport(kpj, '2026-11-01');
        drafts.push(report.draftId);
        const documents = await uploadPages((path, init) => fetch(`${pick()}${path}`, init), cookie, report.draftId, requiredClaimDocuments(report).map((d) => d.id));
        await queueMutation(phone, { name: 'claim.submit', args: { ...report, documents }, label: 'Laporan' }, Date.now());
      }
      await Promise.all([engine.sync(), otherTab.sync()]);
    }
    await engine.sync();
    expect(await phone.outbox.count()).toBe(0);
    const pull = (await (await fetch(`${pick()}/api/sync/pull`, { headers: { Cookie: cookie } })).json()) as PullResponse;
    const mine = (pull.changes.claims ?? []).filter((c) => drafts.includes(c.draftId));
    expect(mine).toHaveLength(drafts.length);

    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${bases[i % 2]}/api/auth/sign-in`, { method: 'POST', headers: json, body: JSON.stringify({ identifier: 'agus.wijaya@demo.jmo-lite.test', password: `salah-${i}-sekali` }) });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    phone.close();
  });
});
