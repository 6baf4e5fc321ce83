import 'fake-indexeddb/auto';
import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { claims } from '../../server/db/schema.ts';
import { advanceClaim } from '../../server/features/claims/claim-status.ts';
import { openLocalDb } from '../../client/data/local-db.ts';
import { createSyncEngine } from '../../client/sync/sync-engine.ts';
import { appMutationOutcomes } from '../../client/mutation-outcomes.ts';
import { queueMutation } from '../../client/sync/outbox.ts';
import { accidentReport } from '../support/claim-builders.ts';
import { withDocuments } from '../support/claim-documents.ts';
import type { BenchServer } from './bench-server.ts';

/** A raw GET: fetch() would decompress, and the point is the bytes on the wire. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; bytes: number; etag: string; body: Buffer; encoding: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'Accept-Encoding': 'br, gzip', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks).length, etag: String(res.headers.etag ?? ''), body: Buffer.concat(chunks), encoding: String(res.headers['content-encoding'] ?? 'identity') }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function decodeJson(response: { body: Buffer; encoding: string }): Promise<{ cursor: string }> {
  const zlib = await import('node:zlib');
  const decode = { br: zlib.brotliDecompressSync, gzip: zlib.gunzipSync, deflate: zlib.inflateSync }[response.encoding] ?? ((b: Buffer) => b);
  const text = decode(response.body).toString('utf8');
  return JSON.parse(text) as { cursor: string };
}

/** Siti (3 cards, ~17 years of contributions) with 5 claims: full pull, delta, unchanged, 100 items. */
export async function measureSyncWire(server: BenchServer) {
  const email = 'siti.rahayu@demo.jmo-lite.test';
  const cookie = await server.cookieFor(email);
  const phone = openLocalDb(`bench-${randomUUID()}`);
  let posts = 0;
  const engine = createSyncEngine({
    db: phone,
    fetch: async (input, init) => {
      if (init?.method === 'POST') posts++;
      const headers = new Headers(init?.headers);
      headers.set('Cookie', cookie);
      return fetch(input, { ...init, headers });
    },
    now: Date.now,
    withLock: (job) => job(),
    randomUUID,
    outcomeHooks: appMutationOutcomes,
    baseUrl: server.url,
  });
  await engine.sync();
  const kpj = (await phone.memberships.toArray()).find((m) => m.status === 'ACTIVE')!.kpj;
  for (let i = 0; i < 5; i++) await queueMutation(phone, { name: 'claim.submit', args: await withDocuments(server.database.db, accidentReport(kpj, '2026-11-01')), label: 'bench' }, Date.now());
  await engine.sync();

  const full = await rawGet(`${server.url}/api/sync/pull`, { Cookie: cookie, 'Accept-Encoding': 'br' });
  const fullGzip = await rawGet(`${server.url}/api/sync/pull`, { Cookie: cookie, 'Accept-Encoding': 'gzip' });
  const { cursor } = await decodeJson(full);
  const unchanged = await rawGet(`${server.url}/api/sync/pull?cursor=${cursor}`, { Cookie: cookie, 'If-None-Match': full.etag });
  const [claim] = await server.database.db.select().from(claims).limit(1);
  await server.database.db.transaction((tx) => advanceClaim(tx, { claimId: claim!.id, to: 'VERIFYING', note: 'Dokumen diperiksa.', actor: 'bench', now: new Date() }));
  const delta = await rawGet(`${server.url}/api/sync/pull?cursor=${cursor}`, { Cookie: cookie, 'If-None-Match': full.etag, 'Accept-Encoding': 'br' });

  posts = 0;
  for (let i = 1; i <= 100; i++) await queueMutation(phone, { name: 'profile.update', args: { address: `Jl. Bench No. ${i}, Bandung` }, label: 'bench' }, Date.now());
  await engine.pushPending();
  const deliveredRequests = posts;
  const left = await phone.outbox.count();
  phone.close();
  return {
    fullPullBrotli: full.bytes,
    fullPullEncoding: full.encoding,
    fullPullGzip: fullGzip.bytes,
    unchangedStatus: unchanged.status,
    unchangedBytes: unchanged.bytes,
    deltaStatus: delta.status,
    deltaBrotli: delta.bytes,
    requestsFor100Items: deliveredRequests,
    itemsLeftInOutbox: left,
    cookie,
  };
}
