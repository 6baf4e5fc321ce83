import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { and, eq, inArray } from 'drizzle-orm';
import { serve } from '@hono/node-server';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { demoEmails, signInAs } from '../../support/test-session.ts';
import { propertyRuns, sizeFromEnv, timeLimitMs } from '../../support/heavy-mode.ts';
import { startFaultProxy, type FaultProxy, type ProxyFault } from '../../support/fault-proxy.ts';
import { startPhoneLife, type PhoneLife } from '../../support/killable-phone.ts';
import { createApp } from '../../../server/app.ts';
import { createDocumentStore, type DocumentStore } from '../../../server/features/uploads/document-store.ts';
import { claimEvents, claims, documentUploads, memberships, syncMutations } from '../../../server/db/schema.ts';
import { addPage, pagesOfDraft } from '../../../client/data/document-pages.ts';
import { createUploadQueue } from '../../../client/uploads/upload-queue.ts';
import { fetchHttpStack } from '../../../client/uploads/fetch-http-stack.ts';
import { queueClaimAfterUploads, uploadIdOf } from '../../../client/uploads/claim-uploads.ts';
import { createClaimUploadStage, createSyncWithUploads } from '../../../client/uploads/claim-upload-stage.ts';
import { createSyncEngine } from '../../../client/sync/sync-engine.ts';
import { appMutationOutcomes } from '../../../client/mutation-outcomes.ts';
import { openClaimDraft, saveClaimDraft } from '../../../client/features/claims/claim-drafts.ts';
import { buildClaimArgs, type ClaimDraftData } from '../../../client/features/claims/claim-draft-model.ts';
import { readMeta } from '../../../client/data/meta.ts';
import { createMutex } from '../../support/sync-harness.ts';
import { requiredFor } from '../../support/claim-documents.ts';

const PROPERTY_RUNS = sizeFromEnv('UPLOAD_PROPERTY_RUNS', 15);
const CLAIM_PROPERTY_RUNS = sizeFromEnv('UPLOAD_CLAIM_PROPERTY_RUNS', 6);
// Measured with the machine busy (load 20 on 2 vCPUs): about 2 s a run of pages, 5 s a run of a
// claim (its pulls and pushes too); the margin in timeLimitMs covers worse.
const PROPERTY_MS_PER_RUN = 2_000;
const CLAIM_MS_PER_RUN = 5_000;
/** Upload attempts one run may take before the property calls it stuck. */
const MAX_ATTEMPTS = 80;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const JPEG_HEAD = readFileSync(new URL('../server/uploads/fixtures/page.jpg', import.meta.url));

/** A photo-sized page: a real JPEG's first bytes (the server checks magic bytes), then seeded noise. */
function pageBytes(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  bytes.set(JPEG_HEAD.subarray(0, Math.min(JPEG_HEAD.length, size)));
  let state = seed >>> 0;
  for (let i = JPEG_HEAD.length; i < size; i++) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

type LinkFault = { kind: 'pass' } | { kind: 'refuse' } | { kind: 'cut'; at: number } | { kind: 'server-error'; status: number } | { kind: 'answer-lost' } | { kind: 'stale-offset' };
/** What happens to one request; `kill` kills the app at that moment. */
type RequestStep = { fault: LinkFault; kill: boolean };
/** Faults by the request's number (0-based, over the whole run): spread over a run, not only its first requests. */
type FaultPlan = Map<number, RequestStep>;

const linkFault: fc.Arbitrary<LinkFault> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'pass' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'refuse' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 0.999, noNaN: true }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('server-error' as const), status: fc.constantFrom(500, 502, 503) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'answer-lost' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'stale-offset' as const }) },
);
const requestStep: fc.Arbitrary<RequestStep> = fc.record({ fault: linkFault, kill: fc.integer({ min: 0, max: 4 }).map((n) => n === 0) });
const faultPlan = (requests: number, faults: number): fc.Arbitrary<FaultPlan> =>
  fc.array(fc.tuple(fc.integer({ min: 0, max: requests - 1 }), requestStep), { maxLength: faults }).map((entries) => new Map(entries));

const DOCUMENTS = ['KTP', 'KK', 'KPJ', 'BUKU_TABUNGAN', 'SURAT_BERHENTI'] as const;
const pageSpec = fc.record({ documentId: fc.constantFrom(...DOCUMENTS), size: fc.oneof(fc.integer({ min: 600, max: 64 * 1024 }), fc.integer({ min: 64 * 1024, max: 300_000 })), seed: fc.nat() });

const scenario = fc.record({
  pages: fc.array(pageSpec, { minLength: 1, maxLength: 4 }),
  requests: faultPlan(12, 10),
  /** Kills the app while the transaction of its n-th write is open (counted over the app's lives). */
  killAtWrites: fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 2 }),
  /** tus-js-client's own retries inside one attempt: none, or quick ones. */
  retryDelays: fc.constantFrom<number[]>([], [0], [0, 5, 10]),
});

const claimScenario = fc.record({
  /** Pages beyond one per required document (a second page of some). */
  extraPages: fc.array(fc.constantFrom('KTP', 'KK', 'BUKU_TABUNGAN'), { maxLength: 2 }),
  size: fc.integer({ min: 600, max: 200_000 }),
  seed: fc.nat(),
  requests: faultPlan(30, 16),
  killAtWrites: fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 2 }),
  retryDelays: fc.constantFrom<number[]>([], [0], [0, 5, 10]),
});

type Counts = { runs: number; attempts: number; lives: number; pages: number; bytes: number; faults: Record<string, number>; killsAtRequest: number; killsAtWrite: number; answers: Record<string, number> };
const newCounts = (): Counts => ({ runs: 0, attempts: 0, lives: 0, pages: 0, bytes: 0, faults: {}, killsAtRequest: 0, killsAtWrite: 0, answers: {} });

describe('document pages over a bad link, with the app killed at any step (property)', () => {
  let t: TestApp;
  let siti: Awaited<ReturnType<typeof signInAs>>;
  let dewi: Awaited<ReturnType<typeof signInAs>>;
  let server: ReturnType<typeof serve>;
  let handler: (request: Request, env: unknown) => Response | Promise<Response> = () => new Response(null, { status: 503 });
  const directories: string[] = [];
  const pageCounts = newCounts();
  const claimCounts = { ...newCounts(), claims: 0 };

  beforeAll(async () => {
    t = await createTestApp();
    siti = await signInAs(t, demoEmails.siti);
    dewi = await signInAs(t, demoEmails.dewi);
    server = serve({ fetch: (request, env) => handler(request, env), port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await t.close();
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
    console.info('upload property (pages):', JSON.stringify(pageCounts));
    console.info('upload property (claim after its pages):', JSON.stringify(claimCounts));
  });

  /**
   * One run's server side: the real app over a socket with a document store of its own (so
   * bytes left behind that no row names are seen), behind a link that does to the n-th
   * request what `requests.get(n)` says, killing the app's current life there when told.
   */
  async function startRun(requests: FaultPlan, counts: Counts, currentLife: () => PhoneLife | undefined, beforeApp?: (request: Request) => Promise<void>) {
    const directory = mkdtempSync(join(tmpdir(), 'jmo-upload-property-'));
    directories.push(directory);
    const store: DocumentStore = createDocumentStore({ kind: 'file', directory });
    const app = createApp({ ...t.deps, documentStore: store });
    handler = async (request, env) => {
      await beforeApp?.(request);
      return app.fetch(request, env as never);
    };
    let requestIndex = 0;
    const proxy: FaultProxy = await startFaultProxy(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, (request) => {
      const step = requests.get(requestIndex++);
      if (!step) return { kind: 'pass' };
      counts.faults[step.fault.kind] = (counts.faults[step.fault.kind] ?? 0) + 1;
      const killNow = step.kill ? { then: () => (counts.killsAtRequest++, currentLife()?.kill()) } : {};
      const fault: ProxyFault = step.fault.kind === 'cut' ? { kind: 'cut', afterBytes: Math.floor(step.fault.at * request.contentLength) } : step.fault;
      return { ...fault, ...killNow };
    });
    return {
      directory,
      store,
      proxy,
      async close() {
        for (const exchange of proxy.exchanges) {
          const key = `${exchange.method} ${exchange.path.replace(/\?.*/, '').replace(/\/api\/uploads\/.+/, '/api/uploads/:id')} ${exchange.status ?? '-'}`;
          counts.answers[key] = (counts.answers[key] ?? 0) + 1;
        }
        await proxy.close();
      },
    };
  }

  /** The app's lives on one phone database: each killed at the first of `killAtWrites` (counted over all lives) it reaches. */
  function phoneLives(dbName: string, cookie: string, killAtWrites: number[], counts: Counts) {
    let writesBefore = 0;
    let killAt: number | undefined;
    let life: PhoneLife | undefined;
    return {
      current: () => life,
      next(): PhoneLife {
        if (life) {
          if (life.dead && life.writes === killAt) counts.killsAtWrite++;
          writesBefore += life.writes;
          life.db.close();
        }
        const later = killAtWrites.map((n) => n - writesBefore).filter((n) => n > 0);
        killAt = later.length ? Math.min(...later) : undefined;
        life = startPhoneLife(dbName, { cookie, ...(killAt ? { killAtWrite: killAt } : {}) });
        counts.lives++;
        return life;
      },
      close: () => life?.db.close(),
    };
  }

  /** Exactly one row per page, COMPLETE, byte-identical in the store, and nothing else in the store. */
  async function expectPagesOnServerOnce(run: { directory: string; store: DocumentStore }, participantId: number, draftId: string, pages: { documentId: string; index: number; uploadUrl?: string; bytes: Uint8Array }[]) {
    const rows = await t.database.db
      .select()
      .from(documentUploads)
      .where(and(eq(documentUploads.participantId, participantId), eq(documentUploads.draftId, draftId)));
    expect(rows).toHaveLength(pages.length);
    for (const page of pages) {
      const row = rows.find((candidate) => candidate.documentId === page.documentId && candidate.page === page.index);
      expect(row, `the server has no row for page ${page.documentId}/${page.index}`).toBeDefined();
      if (page.uploadUrl) expect(row!.id).toBe(uploadIdOf(page.uploadUrl));
      expect(row).toMatchObject({ status: 'COMPLETE', size: page.bytes.length, uploadedBytes: page.bytes.length, sha256: sha256(page.bytes) });
      // Byte-identical: the store's bytes, not only the hash the server wrote down.
      expect(sha256(await run.store.read(row!.id))).toBe(sha256(page.bytes));
    }
    const stored = new Set(readdirSync(run.directory).map((name) => name.replace(/\.json$/, '')));
    expect([...stored].sort()).toEqual(rows.map((row) => row.id).sort());
    return rows;
  }

  it('every page ends on the server exactly once, byte-identical, whatever the link and the app do', { timeout: timeLimitMs(PROPERTY_RUNS, PROPERTY_MS_PER_RUN) }, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ pages, requests, killAtWrites, retryDelays }) => {
        const dbName = `upload-property-${randomUUID()}`;
        const lives = phoneLives(dbName, siti.cookie, killAtWrites, pageCounts);
        const run = await startRun(requests, pageCounts, lives.current);
        const draftId = randomUUID();
        const sent = new Map<string, Uint8Array<ArrayBuffer>>(); // page id → the bytes the phone holds
        try {
          // The participant photographed the pages offline, before any upload began.
          const first = startPhoneLife(dbName, { cookie: siti.cookie });
          for (const spec of pages) {
            const bytes = pageBytes(spec.size, spec.seed);
            const id = await addPage(first.db, { draftId, documentId: spec.documentId, blob: new Blob([bytes], { type: 'image/jpeg' }) }, Date.now(), randomUUID);
            sent.set(id, bytes);
          }
          first.db.close();

          let attempts = 0;
          let life = lives.next();
          const queueOf = (of: PhoneLife) => createUploadQueue({ db: of.db, endpoint: `${run.proxy.url}/api/uploads`, httpStack: fetchHttpStack(of.fetch), retryDelays });
          let queue = queueOf(life);
          for (;;) {
            if (++attempts > MAX_ATTEMPTS) throw new Error(`not uploaded after ${MAX_ATTEMPTS} attempts`);
            const outcome = await Promise.race([queue.uploadDraft(draftId), life.killed]);
            if (outcome !== 'killed' && outcome.complete) break;
            if (outcome === 'killed' || life.dead) {
              // The app starts again on the same database, with no memory but what IndexedDB kept.
              life = lives.next();
              queue = queueOf(life);
            }
            // Otherwise the same app tries again at its next trigger (online event, Background Sync).
          }
          pageCounts.attempts += attempts;
          pageCounts.runs++;
          lives.close();

          // What the phone believes, from a fresh start.
          const check = startPhoneLife(dbName, { cookie: siti.cookie });
          const phonePages = await pagesOfDraft(check.db, draftId);
          expect(phonePages).toHaveLength(pages.length);
          for (const page of phonePages) {
            expect(page.uploadState).toBe('done');
            expect(page.uploadedBytes).toBe(page.size);
          }
          await expectPagesOnServerOnce(run, siti.participantId, draftId, phonePages.map((page) => ({ ...page, bytes: sent.get(page.id)! })));
          pageCounts.pages += pages.length;
          pageCounts.bytes += pages.reduce((sum, spec) => sum + spec.size, 0);
          // A finished page leaves no resume record behind.
          expect((await check.db.uploadUrls.toArray()).map((record) => record.fingerprint)).toEqual([]);
          check.db.close();
        } finally {
          lives.close();
          await run.close();
        }
      }),
      propertyRuns('UPLOAD_PROPERTY', PROPERTY_RUNS),
    );
  });

  it('a page the server already holds is not sent again when the HEAD that would say so fails (5xx)', async () => {
    const dbName = `upload-head-5xx-${randomUUID()}`;
    const lives = phoneLives(dbName, siti.cookie, [], newCounts());
    // POST, then the one PATCH reaches the server and completes the page, but its answer is
    // lost and the app dies; the next life's HEAD is answered 503 by a gateway.
    const plan: FaultPlan = new Map([
      [1, { fault: { kind: 'answer-lost' }, kill: true }],
      [2, { fault: { kind: 'server-error', status: 503 }, kill: false }],
    ]);
    const run = await startRun(plan, newCounts(), lives.current);
    const draftId = randomUUID();
    try {
      const first = startPhoneLife(dbName, { cookie: siti.cookie });
      const bytes = pageBytes(50_000, 7);
      await addPage(first.db, { draftId, documentId: 'KTP', blob: new Blob([bytes], { type: 'image/jpeg' }) }, Date.now(), randomUUID);
      first.db.close();
      let life = lives.next();
      const queueOf = (of: PhoneLife) => createUploadQueue({ db: of.db, endpoint: `${run.proxy.url}/api/uploads`, httpStack: fetchHttpStack(of.fetch), retryDelays: [] });
      expect(await Promise.race([queueOf(life).uploadDraft(draftId), life.killed])).toBe('killed');
      life = lives.next();
      const queue = queueOf(life);
      expect((await queue.uploadDraft(draftId)).complete).toBe(false); // the 503
      expect(await queue.uploadDraft(draftId)).toEqual({ complete: true });
      const sentAgain = run.proxy.exchanges.filter((exchange) => exchange.method !== 'HEAD').map((exchange) => `${exchange.method} ${exchange.bodyBytesForwarded}`);
      expect(sentAgain).toEqual(['POST 0', 'PATCH 50000']);
      const [page] = await pagesOfDraft(life.db, draftId);
      await expectPagesOnServerOnce(run, siti.participantId, draftId, [{ ...page!, bytes }]);
      expect(await life.db.uploadUrls.count()).toBe(0);
    } finally {
      lives.close();
      await run.close();
    }
  });

  it('a claim with photos is applied exactly once, after all its pages are on the server, whatever the link and the app do', { timeout: timeLimitMs(CLAIM_PROPERTY_RUNS, CLAIM_MS_PER_RUN) }, async () => {
    const [card] = await t.database.db.select({ kpj: memberships.kpj }).from(memberships).where(eq(memberships.participantId, dewi.participantId));
    const kpj = card!.kpj;
    const { documentIds } = await requiredFor(t.database.db, { type: 'JHT_FULL', cause: 'PHK', kpj });
    await fc.assert(
      fc.asyncProperty(claimScenario, async ({ extraPages, size, seed, requests, killAtWrites, retryDelays }) => {
        const dbName = `claim-upload-property-${randomUUID()}`;
        const lives = phoneLives(dbName, dewi.cookie, killAtWrites, claimCounts);
        let draftId = '';
        // Every push that reaches the server carrying the claim: were all its pages complete then?
        const claimPushes: { pagesComplete: number; pagesTotal: number }[] = [];
        const pagesTotal = documentIds.length + extraPages.length;
        const run = await startRun(requests, claimCounts, lives.current, async (request) => {
          if (new URL(request.url).pathname !== '/api/sync/push') return;
          const batch = (await request.clone().json().catch(() => ({}))) as { mutations?: { name: string }[] };
          if (!batch.mutations?.some((mutation) => mutation.name === 'claim.submit')) return;
          const complete = await t.database.db
            .select({ id: documentUploads.id })
            .from(documentUploads)
            .where(and(eq(documentUploads.participantId, dewi.participantId), eq(documentUploads.draftId, draftId), eq(documentUploads.status, 'COMPLETE')));
          claimPushes.push({ pagesComplete: complete.length, pagesTotal });
        });
        const sent: { documentId: string; index: number; bytes: Uint8Array<ArrayBuffer> }[] = [];
        try {
          // Offline: the participant fills the claim, photographs its documents and presses "Kirim".
          const first = startPhoneLife(dbName, { cookie: dewi.cookie });
          draftId = await openClaimDraft(first.db, 'JHT_FULL', [kpj], 1, randomUUID);
          const data: ClaimDraftData = { type: 'JHT_FULL', kpj, cause: 'PHK', bankAccount: { bankCode: '009', number: '0123456789', holderName: 'DEWI LESTARI' }, documentsConfirmed: documentIds };
          await saveClaimDraft(first.db, draftId, { data, step: 5 }, 2);
          for (const [i, documentId] of [...documentIds, ...extraPages].entries()) {
            const bytes = pageBytes(size + i * 997, seed + i);
            await addPage(first.db, { draftId, documentId, blob: new Blob([bytes], { type: 'image/jpeg' }) }, 3, randomUUID);
            sent.push({ documentId, index: sent.filter((page) => page.documentId === documentId).length, bytes });
          }
          const built = buildClaimArgs(draftId, data);
          if (!built.ok) throw new Error(`the draft should be complete: ${JSON.stringify(built.errors)}`);
          expect(await queueClaimAfterUploads(first.db, { draftId, args: built.args, label: 'JHT penuh' }, 4)).toBe('uploading');
          first.db.close();

          // Lives of the app: each runs the sync worker's loop (push and pull, then the upload
          // stage, which queues the claim once its pages are up and pushes it) until it is killed.
          let attempts = 0;
          const workerOf = (life: PhoneLife) => {
            const engine = createSyncEngine({ db: life.db, fetch: life.fetch, now: () => t.clock.now().getTime(), withLock: createMutex(), randomUUID, outcomeHooks: appMutationOutcomes, baseUrl: run.proxy.url });
            const stage = createClaimUploadStage({
              db: life.db,
              conditions: async () => ({ online: true, dataSaver: false, wifiOnly: false, connectionType: 'wifi' }),
              now: () => t.clock.now().getTime(),
              endpoint: `${run.proxy.url}/api/uploads`,
              httpStack: fetchHttpStack(life.fetch),
              retryDelays,
            });
            return createSyncWithUploads({ sync: () => engine.sync(), stage, random: () => 0.5 });
          };
          let life = lives.next();
          let worker = workerOf(life);
          for (;;) {
            if (++attempts > MAX_ATTEMPTS) throw new Error(`the claim was not delivered after ${MAX_ATTEMPTS} attempts`);
            const outcome = await Promise.race([worker.sync().then(() => worker.uploadsSettled()), life.killed]);
            if (outcome === 'killed' || life.dead) {
              life = lives.next();
              worker = workerOf(life);
              continue;
            }
            const draft = await life.db.drafts.get(draftId);
            if (draft?.state === 'sent' && (await life.db.outbox.count()) === 0) break;
          }
          claimCounts.attempts += attempts;
          claimCounts.runs++;
          const deviceId = (await readMeta(life.db, 'deviceId'))!;
          lives.close();

          // The server: one claim, applied once, naming exactly the phone's pages.
          const filed = await t.database.db.select().from(claims).where(eq(claims.draftId, draftId));
          expect(filed).toHaveLength(1);
          const applied = await t.database.db.select().from(syncMutations).where(and(eq(syncMutations.accountId, dewi.accountId), eq(syncMutations.deviceId, deviceId)));
          expect(applied.map((row) => [row.mutationId, row.name, (row.result as { status: string }).status])).toEqual([[1, 'claim.submit', 'applied']]);
          const rows = await expectPagesOnServerOnce(run, dewi.participantId, draftId, sent);
          for (const row of rows) expect(row.claimId).toBe(filed[0]!.id);
          // Never pushed before its pages were complete (the server would refuse it; the phone must not even try).
          expect(claimPushes.length).toBeGreaterThan(0);
          for (const push of claimPushes) expect(push).toEqual({ pagesComplete: pagesTotal, pagesTotal });
          claimCounts.pages += pagesTotal;
          claimCounts.bytes += sent.reduce((sum, page) => sum + page.bytes.length, 0);
          claimCounts.claims++;

          // The phone, from a fresh start: the claim delivered once, its photos freed.
          const check = startPhoneLife(dbName, { cookie: dewi.cookie });
          expect(await check.db.outbox.count()).toBe(0);
          expect((await check.db.results.toArray()).map((result) => [result.name, result.status])).toEqual([['claim.submit', 'applied']]);
          expect(await check.db.documentPages.where('draftId').equals(draftId).count()).toBe(0);
          expect(await check.db.uploadUrls.count()).toBe(0);
          check.db.close();
        } finally {
          lives.close();
          await run.close();
          // A claim in process refuses the next one: each run starts without the last one's.
          const filed = (await t.database.db.select({ id: claims.id }).from(claims).where(eq(claims.draftId, draftId || randomUUID()))).map((row) => row.id);
          await t.database.db.delete(documentUploads).where(eq(documentUploads.participantId, dewi.participantId));
          if (filed.length) {
            await t.database.db.delete(claimEvents).where(inArray(claimEvents.claimId, filed));
            await t.database.db.delete(claims).where(inArray(claims.id, filed));
          }
        }
      }),
      propertyRuns('UPLOAD_CLAIM_PROPERTY', CLAIM_PROPERTY_RUNS),
    );
  });
});
