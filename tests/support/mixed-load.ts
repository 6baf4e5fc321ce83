import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PullResponse, PushResponse } from '../../shared/sync/protocol.ts';

export interface LatencySummary {
  count: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface SimulatedPhone {
  cookie: string;
  deviceId: string;
  /** Complaints the server acknowledged as applied, by mutation id. */
  acknowledged: number;
}

export interface MixedLoadReport {
  participants: number;
  /** The first sync of every phone (a full snapshot), done before the measured window. */
  firstSync: LatencySummary & { seconds: number };
  seconds: number;
  requests: number;
  requestsPerSec: number;
  pulls: LatencySummary;
  pushes: LatencySummary;
  errors: number;
  errorSamples: string[];
  phones: SimulatedPhone[];
}

function summarize(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0);
  return { count: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: Math.round(sorted.at(-1) ?? 0) };
}

/**
 * Many participants, each its own phone with its own session, device and cursor, doing what
 * the app does. First every phone makes its first full sync (a snapshot), a few at a time as
 * phones come online over a day, not all in one second. Then, in the measured window, each
 * pulls (a delta, or 304 with its ETag) and now and then pushes a complaint, pausing between
 * steps. Any network error or status the protocol does not promise counts as an error.
 */
export async function runMixedLoad(options: {
  baseUrl: string;
  cookies: string[];
  seconds: number;
  pushShare?: number;
  pauseMs?: [number, number];
  firstSyncConcurrency?: number;
}): Promise<MixedLoadReport> {
  const { baseUrl, cookies, seconds, pushShare = 0.2, pauseMs = [1000, 4000], firstSyncConcurrency = 20 } = options;
  const pullTimes: number[] = [];
  const pushTimes: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const fail = (what: string) => {
    errors++;
    if (errorSamples.length < 10) errorSamples.push(what);
  };
  const pause = () => sleep(pauseMs[0] + Math.random() * (pauseMs[1] - pauseMs[0]));

  interface PhoneState extends SimulatedPhone {
    cursor?: string;
    etag?: string;
  }

  async function pull(phone: PhoneState, times: number[]): Promise<void> {
    const started = performance.now();
    // As the app does: the last acknowledged mutation id (ids start at 1, one per applied push).
    const query = new URLSearchParams({ deviceId: phone.deviceId, ...(phone.cursor ? { cursor: phone.cursor } : {}), ...(phone.acknowledged ? { lastMutationId: String(phone.acknowledged) } : {}) });
    const response = await fetch(`${baseUrl}/api/sync/pull?${query}`, { headers: { Cookie: phone.cookie, ...(phone.etag && phone.cursor ? { 'If-None-Match': phone.etag } : {}) } });
    if (response.status === 200) {
      const body = (await response.json()) as PullResponse;
      phone.cursor = body.cursor;
      phone.etag = response.headers.get('ETag') ?? undefined;
    } else if (response.status === 304) await response.arrayBuffer();
    else fail(`pull HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
    times.push(performance.now() - started);
  }

  const phones: PhoneState[] = cookies.map((cookie) => ({ cookie, deviceId: randomUUID(), acknowledged: 0 }));
  const firstSyncTimes: number[] = [];
  const firstSyncStarted = performance.now();
  const waiting = [...phones];
  await Promise.all(
    Array.from({ length: firstSyncConcurrency }, async () => {
      for (let phone = waiting.shift(); phone; phone = waiting.shift()) {
        await pull(phone, firstSyncTimes).catch((error: Error) => fail(`network: ${error.message}`));
      }
    }),
  );
  const firstSyncSeconds = (performance.now() - firstSyncStarted) / 1000;

  const deadline = Date.now() + seconds * 1000;
  async function phoneLife(phone: PhoneState): Promise<void> {
    let nextMutationId = 1;
    await sleep(Math.random() * pauseMs[1]);
    while (Date.now() < deadline) {
      const started = performance.now();
      try {
        if (Math.random() < pushShare) {
          const id = nextMutationId;
          const response = await fetch(`${baseUrl}/api/sync/push`, {
            method: 'POST',
            headers: { Cookie: phone.cookie, 'Content-Type': 'application/json' },
            body: JSON.stringify({
              deviceId: phone.deviceId,
              mutations: [{ id, name: 'complaint.file', args: { draftId: randomUUID(), category: 'SALDO', description: `Saldo belum diperbarui, pengaduan uji beban nomor ${id}.` }, createdAt: Date.now() }],
            }),
          });
          pushTimes.push(performance.now() - started);
          if (response.status !== 200) fail(`push HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
          else {
            const body = (await response.json()) as PushResponse;
            const result = body.results.find((r) => r.id === id);
            if (result?.status === 'applied') {
              phone.acknowledged++;
              nextMutationId++;
            } else fail(`push answered ${JSON.stringify(body).slice(0, 200)}`);
          }
        } else {
          await pull(phone, pullTimes);
        }
      } catch (error) {
        fail(`network: ${(error as Error).message}`);
      }
      await pause();
    }
  }

  const startedAt = performance.now();
  await Promise.all(phones.map(phoneLife));
  const elapsed = (performance.now() - startedAt) / 1000;
  const requests = pullTimes.length + pushTimes.length;
  return {
    participants: cookies.length,
    firstSync: { ...summarize(firstSyncTimes), seconds: Math.round(firstSyncSeconds) },
    seconds: Math.round(elapsed),
    requests,
    requestsPerSec: Math.round(requests / elapsed),
    pulls: summarize(pullTimes),
    pushes: summarize(pushTimes),
    errors,
    errorSamples,
    phones: phones.map(({ cookie, deviceId, acknowledged }) => ({ cookie, deviceId, acknowledged })),
  };
}
