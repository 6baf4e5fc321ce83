import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { DataStore } from '@tus/utils';
import { createApp } from '../../../../server/app.ts';
import { openDatabase, type DatabaseHandle } from '../../../../server/db/database.ts';
import { documentUploads } from '../../../../server/db/schema.ts';
import type { DocumentStorageSettings } from '../../../../server/config.ts';
import { createDocumentStore, type DocumentStore } from '../../../../server/features/uploads/document-store.ts';
import { seedIfEmpty } from '../../../../server/seed/seed-database.ts';
import { createThrowawayPostgres, type ThrowawayPostgres } from '../../../support/throwaway-postgres.ts';
import { startS3StandIn, type S3StandIn } from '../../../support/s3-stand-in.ts';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';
import { TEST_TODAY } from '../../../support/test-database.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { createUpload, headUpload, patchChunk, photoSizedJpeg } from './tus-requests.ts';

const databaseUrl = process.env.TEST_DATABASE_URL;
const KB = 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Writes into the store, counted across every instance of one test: how many ran at once per upload. */
class WriteWatch {
  readonly #active = new Map<string, number>();
  readonly #most = new Map<string, number>();
  watch(store: DocumentStore): DocumentStore {
    const datastore = store.datastore;
    const write = datastore.write.bind(datastore);
    datastore.write = async (...args: Parameters<DataStore['write']>) => {
      const id = args[1];
      const now = (this.#active.get(id) ?? 0) + 1;
      this.#active.set(id, now);
      this.#most.set(id, Math.max(now, this.#most.get(id) ?? 0));
      try {
        return await write(...args);
      } finally {
        this.#active.set(id, this.#active.get(id)! - 1);
      }
    };
    return store;
  }
  active = (id: string) => this.#active.get(id) ?? 0;
  mostAtOnce = (id: string) => this.#most.get(id) ?? 0;
}

/**
 * A PATCH body that sends `first` bytes, then stalls (a phone's link gone half-open) until
 * `resume()`, then sends the rest of the page: as if the stale connection woke up again.
 */
function stallingBody(bytes: Buffer, first: number) {
  let consumed!: () => void;
  let resume!: () => void;
  const firstConsumed = new Promise<void>((resolve) => (consumed = resolve));
  const resumed = new Promise<void>((resolve) => (resume = resolve));
  let step = 0;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (step === 0) {
        step = 1;
        controller.enqueue(new Uint8Array(bytes.subarray(0, first)));
        return;
      }
      if (step === 1) {
        step = 2;
        consumed();
        await resumed;
        controller.enqueue(new Uint8Array(bytes.subarray(first)));
        controller.close();
      }
    },
  });
  return { body, firstConsumed, resume };
}

function stalledPatch(t: TestApp, cookie: string, location: string, bytes: Buffer, first: number) {
  const stalling = stallingBody(bytes, first);
  const response = t.app.request(location, {
    method: 'PATCH',
    headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': '0', 'Content-Type': 'application/offset+octet-stream', 'Content-Length': String(bytes.length), Cookie: cookie },
    body: stalling.body,
    duplex: 'half',
  } as RequestInit);
  return { response: Promise.resolve(response), firstConsumed: stalling.firstConsumed, resume: stalling.resume };
}

/** One app instance on its own pool and its own store object, as a separate process has. */
async function instance(database: DatabaseHandle, store: DocumentStore, options: { perInstanceLocks?: boolean } = {}): Promise<TestApp> {
  const t = await createTestApp({ database });
  // `pglite` makes the routes pick tus's in-memory locker: the setup before the shared locker.
  const deps = { ...t.deps, documentStore: store, ...(options.perInstanceLocks ? { dbKind: 'pglite' as const } : {}) };
  return { ...t, deps, app: createApp(deps), close: async () => undefined };
}

// Two app instances on one PostgreSQL and one document store (a shared directory, or the S3
// stand-in): a page written through both at once must still come out byte for byte.
describe.runIf(databaseUrl)('uploads through two instances on one PostgreSQL', () => {
  let throwaway: ThrowawayPostgres;
  let s3: S3StandIn;
  let directory: string;
  const handles: DatabaseHandle[] = [];

  beforeAll(async () => {
    throwaway = await createThrowawayPostgres(databaseUrl!, 'jmo_two_uploads');
    const first = await openDatabase({ kind: 'postgres', url: throwaway.url });
    handles.push(first);
    await seedIfEmpty(first.db, { today: TEST_TODAY, extraParticipants: 2 });
    handles.push(await openDatabase({ kind: 'postgres', url: throwaway.url }));
    s3 = await startS3StandIn();
    directory = mkdtempSync(join(tmpdir(), 'jmo-two-uploads-'));
  }, 120_000);
  afterAll(async () => {
    await Promise.allSettled(handles.map((handle) => handle.close()));
    await throwaway?.drop();
    await s3?.close();
    if (directory) rmSync(directory, { recursive: true, force: true });
  });

  const storage = (kind: 'file' | 's3'): DocumentStorageSettings => (kind === 'file' ? { kind: 'file', directory } : s3.settings);

  async function pair(settings: DocumentStorageSettings, options: { perInstanceLocks?: boolean } = {}) {
    const watch = new WriteWatch();
    const a = await instance(handles[0]!, watch.watch(createDocumentStore(settings)), options);
    const b = await instance(handles[1]!, watch.watch(createDocumentStore(settings)), options);
    const { cookie } = await signInAs(a, demoEmails.siti);
    const bytes = photoSizedJpeg(300 * KB);
    const created = await createUpload(a, cookie, bytes.length, { draftId: randomUUID(), documentId: 'KTP', page: '0', filetype: 'image/jpeg' });
    expect(created.status).toBe(201);
    const location = created.headers.get('Location')!;
    return { a, b, watch, cookie, bytes, location, id: location.split('/').pop()! };
  }

  for (const [kind, name] of [
    ['file', 'a shared directory, @tus/file-store'],
    ['s3', 'S3, the s3rver stand-in'],
  ] as const) {
    it(`a PATCH on B waits for the stalled PATCH on A, never writes beside it, and the page ends byte-identical (${name})`, async () => {
      const { a, b, watch, cookie, bytes, location, id } = await pair(storage(kind));
      const stalled = stalledPatch(a, cookie, location, bytes, 100 * KB);
      await stalled.firstConsumed;
      await expect.poll(() => watch.active(id)).toBe(1);

      // The phone gave up on A's connection and sends the whole page again through B: B asks A
      // to let go, A stops after tus's drain time with what it had, and B finds the offset moved.
      const retried = await patchChunk(b, cookie, location, 0, bytes);
      expect(retried.status).toBe(409);
      expect(await retried.json()).toMatchObject({ code: 'UPLOAD_OFFSET_MISMATCH' });
      const answerOnA = await stalled.response;
      expect(answerOnA.status).toBeLessThan(500);

      const head = await headUpload(b, cookie, location);
      expect(head.status).toBe(200);
      const offset = Number(head.headers.get('Upload-Offset'));
      expect(offset).toBeGreaterThan(0);
      expect(offset).toBeLessThanOrEqual(100 * KB);
      // The half-open connection wakes up: whatever it still carries must not reach the store.
      stalled.resume();
      const rest = await patchChunk(b, cookie, location, offset, bytes.subarray(offset));
      expect(rest.status).toBe(204);

      expect(watch.mostAtOnce(id)).toBe(1);
      const stored = await createDocumentStore(storage(kind)).read(id);
      expect(sha256(stored)).toBe(sha256(bytes));
      const [row] = await handles[0]!.db.select().from(documentUploads).where(eq(documentUploads.id, id));
      expect(row).toMatchObject({ status: 'COMPLETE', sha256: sha256(bytes) });
    });
  }

  it('without the shared locker (tus’s in-memory one on each instance) the same requests write at once: what the test above rules out', async () => {
    const { a, b, watch, cookie, bytes, location, id } = await pair({ kind: 'file', directory }, { perInstanceLocks: true });
    const stalled = stalledPatch(a, cookie, location, bytes, 100 * KB);
    await stalled.firstConsumed;
    await expect.poll(() => watch.active(id)).toBe(1);
    const offset = Number((await headUpload(b, cookie, location)).headers.get('Upload-Offset'));
    const rest = patchChunk(b, cookie, location, offset, bytes.subarray(offset));
    await expect.poll(() => watch.mostAtOnce(id)).toBe(2);
    stalled.resume();
    await Promise.allSettled([rest, stalled.response]);
  });

  it('answers 423 UPLOAD_LOCKED when the holder on the other instance is stuck past the acquire timeout', async () => {
    const { a, b, cookie, bytes, location } = await pair({ kind: 'file', directory });
    // A store write that hangs (a storage outage): tus's release request cannot end it.
    const datastore = a.deps.documentStore!.datastore;
    const write = datastore.write.bind(datastore);
    let unstick!: () => void;
    const stuck = new Promise<void>((resolve) => (unstick = resolve));
    let writing = false;
    datastore.write = async (...args: Parameters<DataStore['write']>) => {
      writing = true;
      await stuck;
      return write(...args);
    };
    const onA = patchChunk(a, cookie, location, 0, bytes.subarray(0, 64 * KB));
    await expect.poll(() => writing).toBe(true);
    const onB = await patchChunk(b, cookie, location, 0, bytes.subarray(0, 64 * KB));
    expect(onB.status).toBe(423);
    expect(await onB.json()).toMatchObject({ code: 'UPLOAD_LOCKED', message: expect.stringContaining('Coba lagi') });
    expect(onB.headers.get('Tus-Resumable')).toBe('1.0.0');
    unstick();
    await onA;
  });
});
