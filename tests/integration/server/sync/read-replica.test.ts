import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import pg from 'pg';
import { createApp } from '../../../../server/app.ts';
import { participants } from '../../../../server/db/schema.ts';
import { rowsOf, type Database, type DatabaseHandle } from '../../../../server/db/database.ts';
import { readReplica, type ReadReplica } from '../../../../server/sync/replica-routing.ts';
import { queueMutation } from '../../../../client/sync/outbox.ts';
import { readMeta } from '../../../../client/data/meta.ts';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { createPhone, type PhoneHarness } from '../../../support/sync-harness.ts';
import { accidentReport } from '../../../support/claim-builders.ts';
import { withDocuments } from '../../../support/claim-documents.ts';
import { createPgliteDatabase, replicaCaughtUp, testDatabaseKind } from '../../../support/test-database.ts';

const standbyUrl = process.env.TEST_DATABASE_READ_URL;

async function queueClaim(t: TestApp, phone: PhoneHarness): Promise<string> {
  const kpj = (await phone.db.memberships.toArray()).find((m) => m.status === 'ACTIVE')!.kpj;
  const report = await withDocuments(t.database.db, accidentReport(kpj, '2026-11-02'));
  await queueMutation(phone.db, { name: 'claim.submit', args: report, label: 'Laporan kecelakaan kerja' }, 1);
  return report.draftId;
}

/** A pull as an old phone would send it: the cursor and ETag it holds, but not its last mutation id. */
async function pullWithoutMutationId(t: TestApp, cookie: string, phone: PhoneHarness, held: { cursor: string; etag: string }) {
  const deviceId = (await readMeta(phone.db, 'deviceId'))!;
  return t.app.request(`/api/sync/pull?cursor=${held.cursor}&deviceId=${deviceId}`, { headers: { Cookie: cookie, 'If-None-Match': held.etag } });
}

async function heldByPhone(phone: PhoneHarness) {
  return { cursor: (await readMeta(phone.db, 'cursor'))!, etag: (await readMeta(phone.db, 'etag'))! };
}

describe.skipIf(!standbyUrl)('pulls from a PostgreSQL hot standby (TEST_DATABASE_READ_URL)', () => {
  let t: TestApp;
  let siti: Awaited<ReturnType<typeof signInAs>>;
  let replica: ReadReplica;
  let standby: pg.Client;
  beforeAll(async () => {
    t = await createTestApp();
    siti = await signInAs(t, demoEmails.siti);
    replica = t.deps.readReplica!;
    const url = new URL(standbyUrl!);
    url.pathname = '/postgres';
    standby = new pg.Client({ connectionString: url.toString() });
    await standby.connect();
  });
  afterEach(() => resumeReplay());
  afterAll(async () => {
    await resumeReplay();
    await standby.end();
    await t.close();
  });

  /** Holds the standby where it is: what the primary commits next stays unreplayed. */
  async function pauseReplay() {
    await standby.query('select pg_wal_replay_pause()');
    for (;;) {
      const { rows } = await standby.query<{ state: string }>('select pg_get_wal_replay_pause_state() as state');
      if (rows[0]?.state === 'paused') return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
  async function resumeReplay() {
    await standby.query('select pg_wal_replay_resume()');
  }

  it('is wired to a real standby', async () => {
    const [row] = rowsOf<{ standby: boolean }>(await replica.db.execute(sql`select pg_is_in_recovery() as standby`));
    expect(row?.standby).toBe(true);
  });

  it('answers a caught-up pull from the standby, and only from there', async () => {
    const phone = createPhone(t, siti.cookie);
    await phone.engine.sync();
    await replicaCaughtUp();
    const before = { ...replica.counts };
    expect(await phone.engine.pullChanges()).toMatchObject({ pulled: 'unchanged' });
    expect(replica.counts).toEqual({ ...before, replica: before.replica + 1 });

    // A change made by the office while the standby is held: the primary would answer with
    // it, so the 304 proves the standby answered. It arrives once the standby has replayed it.
    await pauseReplay();
    await t.database.db.update(participants).set({ address: 'Jl. Dari Kantor No. 1, Bandung' }).where(eq(participants.id, siti.participantId));
    expect(await phone.engine.pullChanges()).toMatchObject({ pulled: 'unchanged' });
    await resumeReplay();
    await replicaCaughtUp();
    expect(await phone.engine.pullChanges()).toMatchObject({ pulled: 'changes' });
    expect((await phone.db.profile.get('me'))?.address).toBe('Jl. Dari Kantor No. 1, Bandung');
    expect(replica.counts).toEqual({ ...before, replica: before.replica + 3 });
    phone.db.close();
  });

  it('never lets a participant’s own claim disappear while the standby lags', async () => {
    const phone = createPhone(t, siti.cookie);
    await phone.engine.sync();
    await replicaCaughtUp();
    const draftId = await queueClaim(t, phone);
    const held = await heldByPhone(phone);
    await pauseReplay();
    expect(await phone.engine.pushPending()).toEqual({ pushed: 1, rejected: 0 });
    const before = { ...replica.counts };

    // Control: asked without the mutation id, the standby answers "nothing changed" — it
    // really does not have the claim yet.
    expect((await pullWithoutMutationId(t, siti.cookie, phone, held)).status).toBe(304);
    expect(replica.counts).toEqual({ ...before, replica: before.replica + 1 });

    // The phone's pull carries its last mutation id, so the primary answers, with the claim.
    expect(await phone.engine.pullChanges()).toMatchObject({ pulled: 'changes' });
    expect(await phone.db.claims.where('draftId').equals(draftId).count()).toBe(1);
    expect(replica.counts).toEqual({ ...before, replica: before.replica + 1, primaryBehind: before.primaryBehind + 1 });

    // The primary's answer is now the device's ETag in memory (server/sync/pull.ts): the next
    // unchanged pull reads neither database, and the claim stays.
    expect(await phone.engine.pullChanges()).toMatchObject({ pulled: 'unchanged' });
    expect(replica.counts).toEqual({ ...before, replica: before.replica + 1, primaryBehind: before.primaryBehind + 1 });
    expect(await phone.db.claims.where('draftId').equals(draftId).count()).toBe(1);

    await resumeReplay();
    await replicaCaughtUp();
    expect(await phone.engine.pullChanges()).toMatchObject({ pulled: 'unchanged' });
    expect(replica.counts).toEqual({ ...before, replica: before.replica + 1, primaryBehind: before.primaryBehind + 1 });
    expect(await phone.db.claims.where('draftId').equals(draftId).count()).toBe(1);
    phone.db.close();
  });
});

// The same rule on any database: a copy of the primary frozen at one moment is exactly what a
// standby that has stopped replaying looks like. Every PGlite test database starts from one
// seeded dump, so a second one from that dump is the primary as it was when the test began.
describe.skipIf(testDatabaseKind !== 'pglite')('read-your-writes against a frozen copy of the primary', () => {
  let t: TestApp;
  let siti: Awaited<ReturnType<typeof signInAs>>;
  let frozen: DatabaseHandle;
  let replica: ReadReplica;
  let viaReplica: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    siti = await signInAs(t, demoEmails.siti);
    frozen = await createPgliteDatabase();
    replica = readReplica(frozen.db);
    viaReplica = { ...t, app: createApp({ ...t.deps, readReplica: replica }) };
  });
  afterAll(async () => {
    await frozen.close();
    await t.close();
  });

  it('serves from the copy what it has, and from the primary what the phone has seen beyond it', async () => {
    const phone = createPhone(viaReplica, siti.cookie);
    expect(await phone.engine.sync()).toMatchObject({ kind: 'ok', pulled: 'changes' });
    expect(replica.counts).toEqual({ replica: 1, primaryBehind: 0, primaryAfterError: 0, primaryWhileFailing: 0 });
    expect(await phone.db.memberships.count()).toBe(3);

    const draftId = await queueClaim(t, phone);
    const held = await heldByPhone(phone);
    expect(await phone.engine.pushPending()).toEqual({ pushed: 1, rejected: 0 });
    expect((await pullWithoutMutationId(viaReplica, siti.cookie, phone, held)).status).toBe(304);
    expect(replica.counts).toEqual({ replica: 2, primaryBehind: 0, primaryAfterError: 0, primaryWhileFailing: 0 });

    expect(await phone.engine.pullChanges()).toMatchObject({ pulled: 'changes' });
    expect(await phone.db.claims.where('draftId').equals(draftId).count()).toBe(1);
    // Answered from the primary's ETag in memory: neither database is read.
    expect(await phone.engine.pullChanges()).toMatchObject({ pulled: 'unchanged' });
    expect(await phone.db.claims.where('draftId').equals(draftId).count()).toBe(1);
    expect(replica.counts).toEqual({ replica: 2, primaryBehind: 1, primaryAfterError: 0, primaryWhileFailing: 0 });
    phone.db.close();
  });
});

describe('pulls when the read replica fails', () => {
  let t: TestApp;
  let siti: Awaited<ReturnType<typeof signInAs>>;
  let unreachable: pg.Pool;
  let failing: ReadReplica;
  beforeAll(async () => {
    t = await createTestApp();
    siti = await signInAs(t, demoEmails.siti);
    const { drizzle } = await import('drizzle-orm/node-postgres');
    // Port 1 on loopback: nothing listens, the connection is refused at once.
    unreachable = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:1/none', connectionTimeoutMillis: 2000 });
    unreachable.on('error', () => {});
    failing = readReplica(drizzle(unreachable) as unknown as Database);
    t = { ...t, app: createApp({ ...t.deps, readReplica: failing }) };
  });
  afterAll(async () => {
    await unreachable.end();
    await t.close();
  });

  it('are served by the primary; the replica is asked again only after a pause, and the log warns once', async () => {
    const pullOk = async () => {
      const res = await t.app.request('/api/sync/pull', { headers: { Cookie: siti.cookie } });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { changes: { memberships: unknown[] } }).changes.memberships).toHaveLength(3);
    };
    await pullOk();
    await pullOk();
    expect(failing.counts).toEqual({ replica: 0, primaryBehind: 0, primaryAfterError: 1, primaryWhileFailing: 1 });
    t.clock.advance(5_000);
    await pullOk();
    expect(failing.counts).toEqual({ replica: 0, primaryBehind: 0, primaryAfterError: 2, primaryWhileFailing: 1 });
    const warnings = t.logLines.filter((line) => line.includes('read replica failed'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({ kind: 'ECONNREFUSED', failures: 1 });
  });

  it('refuses a last mutation id that is not a number with 400', async () => {
    const res = await t.app.request('/api/sync/pull?lastMutationId=1e9', { headers: { Cookie: siti.cookie } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'INVALID_INPUT' });
  });
});
