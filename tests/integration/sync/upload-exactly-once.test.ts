import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { serve } from '@hono/node-server';
import { createTestApp, type TestApp } from '../../support/test-app.ts';
import { demoEmails, signInAs } from '../../support/test-session.ts';
import { propertyRuns, sizeFromEnv, timeLimitMs } from '../../support/heavy-mode.ts';
import { startFaultProxy, type FaultProxy, type ProxyFault } from '../../support/fault-proxy.ts';
import { startPhoneLife, type PhoneLife } from '../../support/killable-phone.ts';
import { createApp } from '../../../server/app.ts';
import { createDocumentStore, type DocumentStore } from '../../../server/features/uploads/document-store.ts';
import { documentUploads } from '../../../server/db/schema.ts';
import { addPage, pagesOfDraft } from '../../../client/data/document-pages.ts';
import { createUploadQueue } from '../../../client/uploads/upload-queue.ts';
import { fetchHttpStack } from '../../../client/uploads/fetch-http-stack.ts';

const PROPERTY_RUNS = sizeFromEnv('UPLOAD_PROPERTY_RUNS', 20);
// Measured: about 0.4 s a run with the machine quiet; the margin in timeLimitMs covers a busy one.
const PROPERTY_MS_PER_RUN = 1_500;
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
/** What happens to one request, in order of the requests the phone sends; `kill` kills the app at that moment. */
type RequestStep = { fault: LinkFault; kill: boolean };

const linkFault: fc.Arbitrary<LinkFault> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'pass' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'refuse' as const }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 0.999, noNaN: true }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('server-error' as const), status: fc.constantFrom(500, 502, 503) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'answer-lost' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'stale-offset' as const }) },
);
const requestStep: fc.Arbitrary<RequestStep> = fc.record({ fault: linkFault, kill: fc.integer({ min: 0, max: 4 }).map((n) => n === 0) });

const DOCUMENTS = ['KTP', 'KK', 'KPJ', 'BUKU_TABUNGAN', 'SURAT_BERHENTI'] as const;
const pageSpec = fc.record({ documentId: fc.constantFrom(...DOCUMENTS), size: fc.oneof(fc.integer({ min: 600, max: 64 * 1024 }), fc.integer({ min: 64 * 1024, max: 300_000 })), seed: fc.nat() });

const scenario = fc.record({
  pages: fc.array(pageSpec, { minLength: 1, maxLength: 4 }),
  requests: fc.array(requestStep, { maxLength: 14 }),
  /** Kills the app while the transaction of its n-th write is open (counted over the app's lives). */
  killAtWrites: fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 2 }),
  /** tus-js-client's own retries inside one attempt: none, or quick ones. */
  retryDelays: fc.constantFrom<number[]>([], [0], [0, 5, 10]),
});

describe('document pages over a bad link, with the app killed at any step (property)', () => {
  let t: TestApp;
  let siti: Awaited<ReturnType<typeof signInAs>>;
  let server: ReturnType<typeof serve>;
  let handler: (request: Request, env: unknown) => Response | Promise<Response> = () => new Response(null, { status: 503 });
  const directories: string[] = [];
  const counts = { runs: 0, attempts: 0, lives: 0, pages: 0, bytes: 0, faults: {} as Record<string, number>, killsAtRequest: 0, killsAtWrite: 0, answers: {} as Record<string, number> };

  beforeAll(async () => {
    t = await createTestApp();
    siti = await signInAs(t, demoEmails.siti);
    server = serve({ fetch: (request, env) => handler(request, env), port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await t.close();
    for (const directory of directories) rmSync(directory, { recursive: true, force: true });
    console.info('upload property:', JSON.stringify(counts));
  });

  it('every page ends on the server exactly once, byte-identical, whatever the link and the app do', { timeout: timeLimitMs(PROPERTY_RUNS, PROPERTY_MS_PER_RUN) }, async () => {
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await fc.assert(
      fc.asyncProperty(scenario, async ({ pages, requests, killAtWrites, retryDelays }) => {
        // A store of its own per run: any bytes left behind that no row names are seen.
        const directory = mkdtempSync(join(tmpdir(), 'jmo-upload-property-'));
        directories.push(directory);
        const store: DocumentStore = createDocumentStore({ kind: 'file', directory });
        const app = createApp({ ...t.deps, documentStore: store });
        handler = (request, env) => app.fetch(request, env as never);

        let life: PhoneLife | undefined;
        let requestIndex = 0;
        const proxy: FaultProxy = await startFaultProxy(origin, (request) => {
          const step = requests[requestIndex++];
          if (!step) return { kind: 'pass' };
          counts.faults[step.fault.kind] = (counts.faults[step.fault.kind] ?? 0) + 1;
          const killNow = step.kill ? { then: () => (counts.killsAtRequest++, life?.kill()) } : {};
          const fault: ProxyFault = step.fault.kind === 'cut' ? { kind: 'cut', afterBytes: Math.floor(step.fault.at * request.contentLength) } : step.fault;
          return { ...fault, ...killNow };
        });

        const dbName = `upload-property-${randomUUID()}`;
        const draftId = randomUUID();
        const sent = new Map<string, Uint8Array<ArrayBuffer>>(); // page id → the bytes the phone holds
        try {
          let writesBefore = 0;
          let killAt: number | undefined;
          const newLife = () => {
            const later = killAtWrites.map((n) => n - writesBefore).filter((n) => n > 0);
            killAt = later.length ? Math.min(...later) : undefined;
            life = startPhoneLife(dbName, { cookie: siti.cookie, ...(killAt ? { killAtWrite: killAt } : {}) });
            counts.lives++;
            return life;
          };
          // The participant photographed the pages offline, before any upload began.
          const first = startPhoneLife(dbName, { cookie: siti.cookie });
          for (const spec of pages) {
            const bytes = pageBytes(spec.size, spec.seed);
            const id = await addPage(first.db, { draftId, documentId: spec.documentId, blob: new Blob([bytes], { type: 'image/jpeg' }) }, Date.now(), randomUUID);
            sent.set(id, bytes);
          }
          first.db.close();

          let attempts = 0;
          let current = newLife();
          let queue = createUploadQueue({ db: current.db, endpoint: `${proxy.url}/api/uploads`, httpStack: fetchHttpStack(current.fetch), retryDelays });
          for (;;) {
            if (++attempts > MAX_ATTEMPTS) throw new Error(`not uploaded after ${MAX_ATTEMPTS} attempts`);
            const outcome = await Promise.race([queue.uploadDraft(draftId), current.killed]);
            if (outcome !== 'killed' && outcome.complete) break;
            if (outcome === 'killed' || current.dead) {
              if (current.writes === killAt) counts.killsAtWrite++;
              // The app starts again on the same database, with no memory but what IndexedDB kept.
              writesBefore += current.writes;
              current.db.close();
              current = newLife();
              queue = createUploadQueue({ db: current.db, endpoint: `${proxy.url}/api/uploads`, httpStack: fetchHttpStack(current.fetch), retryDelays });
            }
            // Otherwise the same app tries again at its next trigger (online event, Background Sync).
          }
          counts.attempts += attempts;
          counts.runs++;
          current.db.close();

          // What the phone believes, from a fresh start.
          const check = startPhoneLife(dbName, { cookie: siti.cookie });
          const phonePages = await pagesOfDraft(check.db, draftId);
          expect(phonePages).toHaveLength(pages.length);
          const rows = await t.database.db
            .select()
            .from(documentUploads)
            .where(and(eq(documentUploads.participantId, siti.participantId), eq(documentUploads.draftId, draftId)));
          // Exactly one upload per page on the server: no duplicate, no leftover attempt.
          expect(rows).toHaveLength(pages.length);
          for (const page of phonePages) {
            expect(page.uploadState).toBe('done');
            expect(page.uploadedBytes).toBe(page.size);
            const id = new URL(page.uploadUrl!).pathname.split('/').pop()!;
            const row = rows.find((candidate) => candidate.id === id);
            const bytes = sent.get(page.id)!;
            expect(row, `the server has no row for page ${page.documentId}/${page.index}`).toBeDefined();
            expect(row).toMatchObject({ status: 'COMPLETE', documentId: page.documentId, page: page.index, size: bytes.length, uploadedBytes: bytes.length, sha256: sha256(bytes) });
            // Byte-identical: the store's bytes, not only the hash the server wrote down.
            expect(sha256(await store.read(id))).toBe(sha256(bytes));
            counts.pages++;
            counts.bytes += bytes.length;
          }
          // Nothing else in the store: every attempt the server let go of took its bytes with it.
          const stored = new Set(readdirSync(directory).map((name) => name.replace(/\.json$/, '')));
          expect([...stored].sort()).toEqual(rows.map((row) => row.id).sort());
          // A finished page leaves no resume record behind.
          const records = await check.db.uploadUrls.toArray();
          expect(records.map((record) => record.fingerprint)).toEqual([]);
          check.db.close();
        } finally {
          for (const exchange of proxy.exchanges) {
            const key = `${exchange.method} ${exchange.status ?? '-'}`;
            counts.answers[key] = (counts.answers[key] ?? 0) + 1;
          }
          life?.db.close();
          await proxy.close();
        }
      }),
      propertyRuns('UPLOAD_PROPERTY', PROPERTY_RUNS),
    );
  });
});
