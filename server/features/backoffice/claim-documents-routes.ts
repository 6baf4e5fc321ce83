import { Hono, type Context } from 'hono';
import { asc, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { claimEvents, claims, memberships, participants } from '../../db/schema.ts';
import type { AppDeps } from '../../app-env.ts';
import { apiError } from '../../http/errors.ts';
import { int4IdText } from '../../../shared/schema/numbers.ts';
import { text } from '../../../shared/schema/text.ts';
import type { DocumentStore } from '../uploads/document-store.ts';
import { advanceClaim } from '../claims/claim-status.ts';
import { claimDocumentPages, findClaimPage, requestableDocuments } from './claim-document-pages.ts';
import { pageUrl, renderClaimPage, renderFormRefusal } from './claim-documents-responses.ts';

const ClaimIdParam = int4IdText('Klaim tidak ditemukan.');
const UploadIdParam = v.pipe(v.string(), v.uuid('Halaman tidak ditemukan.'));
const ReturnNoteField = text({ min: 1, max: 300, required: 'Catatan untuk peserta wajib diisi.', tooShort: 'Catatan untuk peserta wajib diisi.', tooLong: 'Catatan paling panjang 300 huruf.' });
const DocumentIdField = text({ min: 1, max: 64, required: 'Pilih dokumen yang harus difoto ulang.', tooShort: 'Pilih dokumen yang harus difoto ulang.' });

const notFound = {
  claim: 'Klaim tidak ditemukan.',
  page: 'Halaman dokumen tidak ditemukan untuk klaim ini.',
};

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/png': 'png', 'application/pdf': 'pdf' };

/** Only letters, digits and dashes reach the header: no quote, semicolon or line break can break out of it. */
function safeFileName(parts: readonly (string | number)[], type: string): string {
  const stem = parts.map((part) => String(part).replace(/[^A-Za-z0-9_-]/g, '')).join('-');
  return `${stem}.${EXTENSIONS[type] ?? 'bin'}`;
}

// An image opened on its own is drawn by the browser's image viewer (its inline styles need
// 'unsafe-inline'); the sandbox keeps anything in a participant's file out of the office's origin.
// A PDF too: Chromium's PDF viewer loads the same with or without the sandbox (checked by hand).
const PAGE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

/**
 * The office's view of a claim's documents: the pages the claim names (or, for a claim filed
 * before pages were named, its draft's pages), the page bytes with the type the server detected
 * (never the phone's), one HTML page per claim, and the return asking for one document again.
 * Mounted inside the back office, behind its Basic auth.
 */
export function claimDocumentsRoutes(deps: AppDeps, store: DocumentStore) {
  const app = new Hono();

  async function claimOf(idText: string) {
    const id = v.safeParse(ClaimIdParam, idText);
    if (!id.success) return undefined;
    const [row] = await deps.db
      .select({ claim: claims, kpj: memberships.kpj, name: participants.fullName, nik: participants.nik })
      .from(claims)
      .innerJoin(memberships, eq(memberships.id, claims.membershipId))
      .innerJoin(participants, eq(participants.id, claims.participantId))
      .where(eq(claims.id, Number(id.output)));
    return row;
  }

  app.get('/:id', async (c) => {
    const row = await claimOf(c.req.param('id'));
    if (!row) return c.html(renderFormRefusal({ code: 'CLAIM_NOT_FOUND', message: notFound.claim, back: '/admin' }), 404);
    const documents = await claimDocumentPages(deps.db, row.claim, deps.clock.now());
    const requestable = await requestableDocuments(deps.db, row.claim, documents);
    const events = await deps.db.select().from(claimEvents).where(eq(claimEvents.claimId, row.claim.id)).orderBy(asc(claimEvents.id));
    c.header('Cache-Control', 'no-store');
    return c.html(renderClaimPage({ ...row, documents, requestable, events }));
  });

  app.get('/:id/documents', async (c) => {
    const row = await claimOf(c.req.param('id'));
    if (!row) return apiError(c, 404, 'CLAIM_NOT_FOUND', notFound.claim);
    const { claim } = row;
    const documents = await claimDocumentPages(deps.db, claim, deps.clock.now());
    const describe = (page: (typeof documents)[number]['pages'][number]) => ({
      page: page.page,
      size: page.size,
      complete: page.complete,
      type: page.detectedType,
      sha256: page.sha256,
      url: page.complete ? pageUrl(claim.id, page.uploadId) : null,
    });
    c.header('Cache-Control', 'no-store');
    return c.json({
      claimNo: claim.claimNo,
      status: claim.status,
      requestedDocumentId: claim.requestedDocumentId,
      documents: documents.map((document) => ({
        documentId: document.documentId,
        label: document.label,
        complete: document.complete,
        pages: document.pages.map(describe),
        superseded: document.superseded.map((page) => ({ ...describe(page), supersededAt: page.supersededAt?.toISOString() ?? null })),
      })),
    });
  });

  app.get('/:id/documents/:uploadId', async (c) => {
    const row = await claimOf(c.req.param('id'));
    if (!row) return apiError(c, 404, 'CLAIM_NOT_FOUND', notFound.claim);
    const uploadId = v.safeParse(UploadIdParam, c.req.param('uploadId'));
    if (!uploadId.success) return apiError(c, 404, 'DOCUMENT_PAGE_NOT_FOUND', notFound.page);
    const documents = await claimDocumentPages(deps.db, row.claim, deps.clock.now());
    const found = findClaimPage(documents, uploadId.output.toLowerCase());
    const type = found?.page.complete ? found.page.detectedType : null;
    if (!found || !type) return apiError(c, 404, 'DOCUMENT_PAGE_NOT_FOUND', notFound.page);
    const bytes = await store.read(found.page.uploadId);
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': type,
      'Content-Length': String(bytes.length),
      'Content-Disposition': `inline; filename="${safeFileName([row.claim.claimNo, found.document.documentId, found.page.page + 1], type)}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': PAGE_CSP,
      ETag: `"${found.page.sha256}"`,
    });
  });

  app.post('/:id/return-document', async (c) => {
    const origin = c.req.header('Origin');
    if (origin && origin !== new URL(c.req.url).origin) return c.text('Ditolak: asal permintaan tidak dikenal.', 403);
    const row = await claimOf(c.req.param('id'));
    if (!row) return refuse(c, 404, 'CLAIM_NOT_FOUND', notFound.claim, '/admin');
    const back = `/admin/claims/${row.claim.id}`;
    const form = await c.req.parseBody();
    const documentId = v.safeParse(DocumentIdField, typeof form.documentId === 'string' ? form.documentId : undefined);
    const note = v.safeParse(ReturnNoteField, typeof form.note === 'string' ? form.note : undefined);
    if (!documentId.success) return refuse(c, 400, 'DOCUMENT_REQUIRED', documentId.issues[0].message, back);
    if (!note.success) return refuse(c, 400, 'NOTE_REQUIRED', note.issues[0].message, back);
    const outcome = await deps.db.transaction(async (tx) => {
      const documents = await claimDocumentPages(tx, row.claim, deps.clock.now());
      const requestable = await requestableDocuments(tx, row.claim, documents);
      if (!requestable.some((document) => document.id === documentId.output)) return { ok: false, code: 'DOCUMENT_NOT_REQUESTABLE' } as const;
      return advanceClaim(tx, { claimId: row.claim.id, to: 'RETURNED', note: note.output, requestedDocumentId: documentId.output, actor: 'officer', now: deps.clock.now() });
    });
    if (!outcome.ok) {
      if (outcome.code === 'DOCUMENT_NOT_REQUESTABLE') {
        return refuse(c, 400, outcome.code, 'Dokumen itu bukan salah satu dokumen klaim ini. Pilih dari daftar dokumen klaim.', back);
      }
      if (outcome.code === 'TRANSITION_NOT_ALLOWED') {
        return refuse(c, 422, outcome.code, `Klaim berstatus ${row.claim.status} tidak bisa dikembalikan ke peserta sekarang.`, back);
      }
      if (outcome.code === 'NOTE_REQUIRED') return refuse(c, 400, outcome.code, 'Catatan untuk peserta wajib diisi.', back);
      return refuse(c, 404, 'CLAIM_NOT_FOUND', notFound.claim, '/admin');
    }
    return c.redirect(back, 303);
  });

  return app;
}

function refuse(c: Context, status: 400 | 404 | 422, code: string, message: string, back: string) {
  c.header('Cache-Control', 'no-store');
  return c.html(renderFormRefusal({ code, message, back }), status);
}
