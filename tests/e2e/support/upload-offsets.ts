import type { Page } from 'playwright-core';
import type { E2eSuite } from './suite.ts';

export interface ServerUploadState {
  /** Bytes the server holds (tus Upload-Offset). */
  offset: number;
  /** The page's full size (tus Upload-Length). */
  length: number;
}

/** The session cookie of a page on the proxy's origin, to ask the server past the proxy as that participant. */
export async function sessionCookie(suite: E2eSuite, page: Page): Promise<string> {
  return (await page.context().cookies(suite.proxy.url)).map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

/**
 * What the server really holds of an upload: a tus HEAD sent straight to the server (not through
 * the proxy, so it works while the phone's network is cut), with the participant's session.
 * Null when the server does not know the upload (never created, or not theirs).
 */
export async function serverUploadState(serverUrl: string, cookie: string, uploadId: string): Promise<ServerUploadState | null> {
  const answer = await fetch(`${serverUrl}/api/uploads/${uploadId}`, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', Cookie: cookie } });
  if (answer.status === 404) return null;
  if (!answer.ok) throw new Error(`HEAD /api/uploads/${uploadId} answered ${answer.status}`);
  return { offset: Number(answer.headers.get('upload-offset')), length: Number(answer.headers.get('upload-length')) };
}

/**
 * The server's offsets of several uploads, asked until two rounds agree: right after a cut the
 * server may still be writing the last bytes that got through.
 */
export async function settledServerOffsets(serverUrl: string, cookie: string, uploadIds: readonly string[], { rounds = 20, pauseMs = 150 } = {}): Promise<Map<string, number>> {
  const read = async () => new Map(await Promise.all(uploadIds.map(async (id) => [id, (await serverUploadState(serverUrl, cookie, id))?.offset ?? 0] as const)));
  let previous = await read();
  for (let round = 0; round < rounds; round++) {
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const next = await read();
    if ([...next].every(([id, offset]) => previous.get(id) === offset)) return next;
    previous = next;
  }
  return previous;
}
