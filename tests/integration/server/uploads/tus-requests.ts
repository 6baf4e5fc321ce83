// tus 1.0 requests written by hand, as tus-js-client sends them, against `app.request`.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { TestApp } from '../../../support/test-app.ts';

export const fixture = (name: string): Buffer => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** A real JPEG followed by noise: a photo-sized page whose magic bytes are JPEG's. */
export function photoSizedJpeg(bytes: number): Buffer {
  const head = fixture('page.jpg');
  return Buffer.concat([head, randomBytes(bytes - head.length)]);
}

/** The start of a Windows program ("MZ" DOS header pointing at a "PE" header), named like a photo. */
export function disguisedExe(): Buffer {
  const bytes = Buffer.alloc(512);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  bytes.writeUInt16LE(0x14c, 0x84);
  return bytes;
}

export type PageMetadata = Record<'draftId' | 'documentId' | 'page' | 'filetype', string>;

export function encodeMetadata(metadata: Partial<Record<string, string>>): string {
  return Object.entries(metadata)
    .map(([key, value]) => `${key} ${Buffer.from(value ?? '').toString('base64')}`)
    .join(',');
}

export function createUpload(t: TestApp, cookie: string | undefined, length: number | string, metadata: Partial<Record<string, string>>, extraHeaders: Record<string, string> = {}) {
  return t.app.request('/api/uploads', {
    method: 'POST',
    headers: {
      'Tus-Resumable': '1.0.0',
      'Upload-Length': String(length),
      'Upload-Metadata': encodeMetadata(metadata),
      ...(cookie ? { Cookie: cookie } : {}),
      ...extraHeaders,
    },
  });
}

export function patchChunk(t: TestApp, cookie: string, location: string, offset: number, chunk: Buffer) {
  return t.app.request(location, {
    method: 'PATCH',
    headers: {
      'Tus-Resumable': '1.0.0',
      'Upload-Offset': String(offset),
      'Content-Type': 'application/offset+octet-stream',
      'Content-Length': String(chunk.length),
      Cookie: cookie,
    },
    body: new Uint8Array(chunk),
  });
}

export function headUpload(t: TestApp, cookie: string, location: string) {
  return t.app.request(location, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', Cookie: cookie } });
}

export function deleteUpload(t: TestApp, cookie: string, location: string) {
  return t.app.request(location, { method: 'DELETE', headers: { 'Tus-Resumable': '1.0.0', Cookie: cookie } });
}

/** Creates an upload and sends `bytes` in chunks; returns the upload URL and the last answer. */
export async function uploadInChunks(t: TestApp, cookie: string, metadata: PageMetadata, bytes: Buffer, chunkSize: number) {
  const created = await createUpload(t, cookie, bytes.length, metadata);
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${await created.text()}`);
  const location = created.headers.get('Location')!;
  let offset = 0;
  let last: Response = created;
  while (offset < bytes.length) {
    const chunk = bytes.subarray(offset, offset + chunkSize);
    last = await patchChunk(t, cookie, location, offset, chunk);
    if (last.status !== 204) break;
    offset = Number(last.headers.get('Upload-Offset'));
  }
  return { location, id: location.split('/').pop()!, last };
}
