import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../../../support/test-app.ts';
import { demoEmails, signInAs } from '../../../support/test-session.ts';
import { createUpload, encodeMetadata, fixture } from './tus-requests.ts';

// Bad tus input of every kind gets a 4xx with a code, never a 5xx.
const RUNS = Number(process.env.UPLOAD_FUZZ_RUNS ?? 150);
const headerText = fc.stringMatching(/^[\x20-\x7e]{0,40}$/);
const lengthText = fc.oneof(headerText, fc.integer({ min: -5, max: 3 * 1024 * 1024 }).map(String), fc.constantFrom('', '1e3', '0x10', '99999999999999999999', '-0', ' 12', '12 '));
const metadataText = fc.oneof(
  headerText,
  fc.record({
    draftId: fc.oneof(fc.uuid(), headerText),
    documentId: fc.oneof(fc.constantFrom('KTP', 'KK', 'NPWP', '__proto__', 'constructor', ''), headerText),
    page: fc.oneof(fc.integer({ min: -2, max: 30 }).map(String), headerText),
    filetype: fc.oneof(fc.constantFrom('image/jpeg', 'application/pdf', 'text/html'), headerText),
  }, { requiredKeys: [] }).map((fields) => encodeMetadata(fields)),
);
const optionalHeaders = fc.record(
  {
    'Upload-Defer-Length': fc.constantFrom('1', 'x'),
    'Upload-Concat': fc.constantFrom('partial', 'final;/api/uploads/x'),
    'Content-Type': fc.constantFrom('application/offset+octet-stream', 'application/json', 'text/plain'),
    'Tus-Resumable': fc.constantFrom('1.0.0', '0.2.2', ''),
    'Upload-Checksum': headerText,
  },
  { requiredKeys: [] },
);

describe(`tus endpoints under generated input (${RUNS} runs each)`, () => {
  let t: TestApp;
  let directory: string;
  let cookie: string;

  beforeAll(async () => {
    directory = mkdtempSync(join(tmpdir(), 'jmo-uploads-fuzz-'));
    t = await createTestApp({ config: { documentStorage: { kind: 'file', directory } } });
    cookie = (await signInAs(t, demoEmails.siti)).cookie;
  });
  afterAll(async () => {
    await t.close();
    rmSync(directory, { recursive: true, force: true });
  });

  const expectRefusalShape = async (res: Response, label: string) => {
    expect(res.status, label).toBeLessThan(500);
    if (res.status >= 400 && res.body) {
      const body = (await res.json()) as { code: string; message: string };
      expect(typeof body.code, label).toBe('string');
      expect(body.message.length, label).toBeGreaterThan(0);
    }
  };

  it('creation: never 5xx, every refusal {code, message}', async () => {
    await fc.assert(
      fc.asyncProperty(lengthText, metadataText, optionalHeaders, fc.uint8Array({ maxLength: 64 }), async (length, metadata, headers, body) => {
        const res = await t.app.request('/api/uploads', {
          method: 'POST',
          headers: { 'Tus-Resumable': '1.0.0', 'Upload-Length': length, 'Upload-Metadata': metadata, Cookie: cookie, ...headers },
          ...(body.length > 0 ? { body } : {}),
        });
        await expectRefusalShape(res, `${length} ${metadata} ${JSON.stringify(headers)}`);
      }),
      { numRuns: RUNS },
    );
  });

  it('PATCH, HEAD and DELETE on real and made-up uploads: never 5xx', async () => {
    const real = await createUpload(t, cookie, 4096, { draftId: randomUUID(), documentId: 'KTP', page: '0', filetype: 'image/jpeg' });
    const location = real.headers.get('Location')!;
    const jpeg = fixture('page.jpg');
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(location), fc.uuid().map((id) => `/api/uploads/${id}`), headerText.map((x) => `/api/uploads/${encodeURIComponent(x)}`), fc.constantFrom('/api/uploads/%00', '/api/uploads/..%2F..%2Fetc', `${location}/x`)),
        fc.constantFrom('PATCH', 'HEAD', 'DELETE', 'PUT', 'OPTIONS'),
        fc.oneof(fc.integer({ min: -1, max: 5000 }).map(String), headerText),
        optionalHeaders,
        fc.boolean(),
        async (path, method, offset, headers, withBody) => {
          const res = await t.app.request(path, {
            method,
            headers: { 'Tus-Resumable': '1.0.0', 'Upload-Offset': offset, 'Content-Type': 'application/offset+octet-stream', Cookie: cookie, ...headers },
            ...(withBody && method !== 'HEAD' ? { body: new Uint8Array(jpeg) } : {}),
          });
          await expectRefusalShape(res, `${method} ${path} ${offset} ${JSON.stringify(headers)}`);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
