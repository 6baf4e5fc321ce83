// A phone's upload side for the claim-upload flow tests: the stage the workers run, pointed at
// the real app in-process, with a network the test can cut, stall or break per request.
import { randomBytes } from 'node:crypto';
import type { TestApp } from '../../support/test-app.ts';
import type { PhoneHarness } from '../../support/sync-harness.ts';
import { pageJpeg } from '../../support/claim-documents.ts';
import { fetchHttpStack } from '../../../client/uploads/fetch-http-stack.ts';
import { createClaimUploadStage, createSyncWithUploads } from '../../../client/uploads/claim-upload-stage.ts';
import type { UploadConditions } from '../../../client/uploads/upload-policy.ts';

/** 'duplicate-send': the request reaches the server twice (a proxy's retry) and the phone gets the second answer. */
export type UploadFault = 'none' | 'network-down' | 'answer-lost' | 'server-error' | 'duplicate-send';

export interface UploadNetwork {
  fault: UploadFault;
  /** While set, every upload request waits for it before reaching the server (a stalled link). */
  gate: Promise<void> | null;
  /** Runs just before a request reaches the server (e.g. to expire the upload under the phone). */
  beforeRequest: ((method: string, path: string) => Promise<void>) | null;
  requests: { method: string; path: string; status: number }[];
  /** Bytes of PATCH bodies the server accepted (answered 204). */
  patchedBytes: number;
}

export function uploadNetwork(t: TestApp, cookie: string) {
  const net: UploadNetwork = { fault: 'none', gate: null, beforeRequest: null, requests: [], patchedBytes: 0 };
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    if (net.gate) await net.gate;
    await net.beforeRequest?.(method, url.pathname);
    if (net.fault === 'network-down') throw new TypeError('Failed to fetch');
    if (net.fault === 'server-error') return new Response('{"code":"INTERNAL_ERROR","message":"Terjadi kesalahan."}', { status: 503 });
    const headers = new Headers(init?.headers);
    headers.set('Cookie', cookie);
    const send = async () => {
      const response = await t.app.request(url.pathname + url.search, { ...init, headers });
      net.requests.push({ method, path: url.pathname, status: response.status });
      if (method === 'PATCH' && response.status === 204 && init?.body instanceof Blob) net.patchedBytes += init.body.size;
      return response;
    };
    if (net.fault === 'duplicate-send') await send();
    const response = await send();
    if (net.fault === 'answer-lost') throw new TypeError('Failed to fetch');
    return response;
  };
  return { net, httpStack: fetchHttpStack(fetchImpl) };
}

/** Conditions a test sets by hand (the browser reads them from navigator and the settings). */
export const goodConditions = (): Omit<UploadConditions, 'userAsked'> => ({ online: true, dataSaver: false, wifiOnly: false, connectionType: 'wifi' });

/** The stage and the worker's sync composition on the phone's database, as the sync worker builds them. */
export function uploadSide(t: TestApp, phone: PhoneHarness, httpStack: ReturnType<typeof fetchHttpStack>, conditions: Omit<UploadConditions, 'userAsked'>, options: { retryDelays?: number[] } = {}) {
  const stage = createClaimUploadStage({
    db: phone.db,
    conditions: async () => ({ ...conditions }),
    now: () => t.clock.now().getTime(),
    endpoint: 'http://localhost/api/uploads',
    httpStack,
    retryDelays: options.retryDelays ?? [],
  });
  // No retry timer: a test triggers the next run itself, so nothing runs behind its back.
  const worker = createSyncWithUploads({ sync: () => phone.engine.sync(), stage, random: () => 0.5 });
  return { stage, worker };
}

/** A photo-sized page the server's magic-byte check takes for a JPEG: a real JPEG's head, then noise. */
export function photoPage(bytes: number): Blob {
  const head = pageJpeg();
  return new Blob([new Uint8Array(Buffer.concat([head, randomBytes(Math.max(0, bytes - head.length))]))], { type: 'image/jpeg' });
}
