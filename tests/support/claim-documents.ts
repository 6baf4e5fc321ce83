// Document pages for claims in tests (issue 15): claim.submit refuses a claim whose required
// documents have no complete page of the participant's draft, so every test that files a claim
// puts its pages on the server first, the way the phone's upload stage does before it queues.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import { documentUploads, jhtBalances, memberships } from '../../server/db/schema.ts';
import type { Database } from '../../server/db/database.ts';
import { requiredClaimDocuments, type ClaimDocumentAnswers } from '../../shared/claims/claim-document-check.ts';
import { UPLOAD_EXPIRY_MS } from '../../shared/claims/document-upload-schemas.ts';

/** A real, tiny JPEG (428 bytes): what the server's magic-byte check accepts as a page. */
export const pageJpeg = (): Buffer => readFileSync(new URL('../integration/server/uploads/fixtures/page.jpg', import.meta.url));

export interface PageRow {
  documentId: string;
  status?: 'UPLOADING' | 'COMPLETE' | 'REFUSED';
  page?: number;
  /** Default: now plus the 7-day upload expiry. */
  expiresAt?: Date;
}

/**
 * Writes upload rows as the tus route leaves them (COMPLETE with a JPEG's type and hash unless
 * told otherwise) and returns their ids. Rows only: no bytes go to the document store, so use
 * a real tus upload in tests that read a page back.
 */
export async function putPages(db: Database, input: { participantId: number; draftId: string; pages: readonly PageRow[]; now?: Date }): Promise<string[]> {
  if (input.pages.length === 0) return [];
  const now = input.now ?? new Date();
  const bytes = pageJpeg();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const nextPage = new Map<string, number>();
  const rows = input.pages.map((page) => {
    const number = page.page ?? nextPage.get(page.documentId) ?? 0;
    nextPage.set(page.documentId, number + 1);
    const status = page.status ?? 'COMPLETE';
    const complete = status === 'COMPLETE';
    return {
      id: randomUUID(),
      participantId: input.participantId,
      draftId: input.draftId,
      documentId: page.documentId,
      page: number,
      size: bytes.length,
      uploadedBytes: complete ? bytes.length : 0,
      status,
      refusalCode: status === 'REFUSED' ? 'UPLOAD_TYPE_REFUSED' : null,
      detectedType: complete ? 'image/jpeg' : null,
      sha256: complete ? sha256 : null,
      createdAt: now,
      completedAt: complete ? now : null,
      expiresAt: page.expiresAt ?? new Date(now.getTime() + UPLOAD_EXPIRY_MS),
    };
  });
  await db.insert(documentUploads).values(rows);
  return rows.map((row) => row.id);
}

/** One complete page of each document, for the participant's draft. */
export function putCompletePages(db: Database, input: { participantId: number; draftId: string; documentIds: readonly string[]; now?: Date }): Promise<string[]> {
  return putPages(db, { ...input, pages: input.documentIds.map((documentId) => ({ documentId })) });
}

/** What the server's checklist asks of this claim: its answers and the card's JHT balance (NPWP rule). */
export async function requiredFor(db: Database, args: ClaimDocumentAnswers & { kpj: string }): Promise<{ participantId: number; documentIds: string[] }> {
  const [card] = await db
    .select({ participantId: memberships.participantId, balance: jhtBalances.total })
    .from(memberships)
    .leftJoin(jhtBalances, eq(jhtBalances.membershipId, memberships.id))
    .where(eq(memberships.kpj, args.kpj));
  if (!card) throw new Error(`no card ${args.kpj}`);
  return { participantId: card.participantId, documentIds: requiredClaimDocuments(args, card.balance ?? 0).map((document) => document.id) };
}

/**
 * The claim with `documents` naming one complete page of every required document, put on the
 * server for its card's participant and draft, as the phone's upload stage would.
 */
export async function withDocuments<T extends ClaimDocumentAnswers & { kpj: string; draftId: string }>(db: Database, args: T): Promise<T & { documents: string[] }> {
  const { participantId, documentIds } = await requiredFor(db, args);
  const documents = await putCompletePages(db, { participantId, draftId: args.draftId, documentIds });
  return { ...args, documents };
}

/** A request to the app, in-process (`t.app.request`) or over the network (`fetch`). */
export type Requester = (path: string, init: RequestInit) => Response | Promise<Response>;

/**
 * Uploads one tiny JPEG page per document through the real tus endpoint (creation with upload:
 * one request a page) and returns the upload ids. For servers a test cannot reach the database
 * of, such as a child process on PGlite.
 */
export async function uploadPages(request: Requester, cookie: string, draftId: string, documentIds: readonly string[]): Promise<string[]> {
  const bytes = pageJpeg();
  const ids: string[] = [];
  for (const documentId of documentIds) {
    const metadata = { draftId, documentId, page: '0', filetype: 'image/jpeg' };
    const res = await request('/api/uploads', {
      method: 'POST',
      headers: {
        'Tus-Resumable': '1.0.0',
        'Upload-Length': String(bytes.length),
        'Upload-Metadata': Object.entries(metadata)
          .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
          .join(','),
        'Content-Type': 'application/offset+octet-stream',
        Cookie: cookie,
      },
      body: new Uint8Array(bytes),
    });
    if (res.status !== 201 || Number(res.headers.get('Upload-Offset')) !== bytes.length) throw new Error(`page upload answered ${res.status}: ${await res.text()}`);
    ids.push(res.headers.get('Location')!.split('/').pop()!);
  }
  return ids;
}
