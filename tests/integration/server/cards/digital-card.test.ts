import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { decodeBase64Url, encodeBase64Url, splitCardToken, verifyCardToken } from '../../../../shared/cards/card-token.ts';
import type { PullResponse } from '../../../../shared/sync/protocol.ts';

describe('the digital card', () => {
  let t: TestApp;
  let token: string;
  let publicKey: Uint8Array;
  beforeAll(async () => {
    t = await createTestApp();
    const { cookie } = await signInAs(t, demoEmails.dewi);
    const pull = (await (await t.app.request('/api/sync/pull', { headers: { Cookie: cookie } })).json()) as PullResponse;
    token = pull.changes.memberships![0]!.cardToken;
    const key = (await (await t.app.request('/api/cards/public-key')).json()) as { publicKey: string };
    publicKey = decodeBase64Url(key.publicKey);
  });
  afterAll(() => t.close());

  it('carries a payload an office can verify offline with the public key', async () => {
    const claims = await verifyCardToken(token, publicKey);
    expect(claims).toMatchObject({ v: 1, name: 'Dewi Lestari', status: 'NONACTIVE', issued: '2026-11-25' });
    expect(claims?.kpj).toMatch(/^99\d{9}$/);
  });

  it('fails verification when anything in the payload is changed', async () => {
    const parts = splitCardToken(token)!;
    const forged = `${encodeBase64Url(new TextEncoder().encode(JSON.stringify({ ...parts.claims, status: 'ACTIVE' })))}.${token.split('.')[1]}`;
    expect(await verifyCardToken(forged, publicKey)).toBeNull();
    expect(await verifyCardToken('not-a-token', publicKey)).toBeNull();
  });
});
