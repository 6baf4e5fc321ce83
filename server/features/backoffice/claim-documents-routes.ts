import { Hono } from 'hono';
import { and, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { claims, documentUploads } from '../../db/schema.ts';
import type { AppDeps } from '../../app-env.ts';
import { apiError } from '../../http/errors.ts';
import { int4IdText } from '../../../shared/schema/numbers.ts';
import { documentLabel } from '../../../shared/rules/claim-documents.ts';
import type { DocumentStore } from '../uploads/document-store.ts';
import { documentsForDraft } from '../uploads/document-uploads.ts';

const ClaimIdParam = int4IdText('Klaim tidak ditemukan.');
const UploadIdParam = v.pipe(v.string(), v.uuid('Halaman tidak ditemukan.'));

const notFound = {
  claim: 'Klaim tidak ditemukan.',
  page: 'Halaman dokumen tidak ditemukan untuk klaim ini.',
};

/**
 * The office's view of a claim's documents: the pages the participant uploaded for the draft the
 * claim came from, and each page's bytes with the type the server detected (never the phone's).
 * Mounted inside the back office, behind its Basic auth.
 */
export function claimDocumentsRoutes(deps: AppDeps, store: DocumentStore) {
  const app = new Hono();

  async function claimOf(idText: string) {
    const id = v.safeParse(ClaimIdParam, idText);
    if (!id.success) return undefined;
    const [claim] = await deps.db
      .select({ id: claims.id, claimNo: claims.claimNo, participantId: claims.participantId, draftId: claims.draftId, type: claims.type, cause: claims.cause })
      .from(claims)
      .where(eq(claims.id, Number(id.output)));
    return claim;
  }

  app.get('/:id/documents', async (c) => {
    const claim = await claimOf(c.req.param('id'));
    if (!claim) return apiError(c, 404, 'CLAIM_NOT_FOUND', notFound.claim);
    const documents = await documentsForDraft(deps.db, { participantId: claim.participantId, draftId: claim.draftId, now: deps.clock.now() });
    c.header('Cache-Control', 'no-store');
    return c.json({
      claimNo: claim.claimNo,
      documents: documents.map((document) => ({
        documentId: document.documentId,
        label: documentLabel(document.documentId)?.id ?? document.documentId,
        complete: document.complete,
        pages: document.pages.map((page) => ({
          page: page.page,
          size: page.size,
          complete: page.complete,
          type: page.detectedType,
          sha256: page.sha256,
          url: page.complete ? `/admin/claims/${claim.id}/documents/${page.uploadId}` : null,
        })),
      })),
    });
  });

  app.get('/:id/documents/:uploadId', async (c) => {
    const claim = await claimOf(c.req.param('id'));
    if (!claim) return apiError(c, 404, 'CLAIM_NOT_FOUND', notFound.claim);
    const uploadId = v.safeParse(UploadIdParam, c.req.param('uploadId'));
    if (!uploadId.success) return apiError(c, 404, 'DOCUMENT_PAGE_NOT_FOUND', notFound.page);
    const [page] = await deps.db
      .select()
      .from(documentUploads)
      .where(
        and(
          eq(documentUploads.id, uploadId.output.toLowerCase()),
          eq(documentUploads.participantId, claim.participantId),
          eq(documentUploads.draftId, claim.draftId),
          eq(documentUploads.status, 'COMPLETE'),
        ),
      );
    if (!page?.detectedType) return apiError(c, 404, 'DOCUMENT_PAGE_NOT_FOUND', notFound.page);
    const bytes = await store.read(page.id);
    return c.body(new Uint8Array(bytes), 200, {
      'Content-Type': page.detectedType,
      'Content-Length': String(bytes.length),
      'Content-Disposition': `inline; filename="${claim.claimNo}-${page.documentId}-${page.page + 1}"`,
      'Cache-Control': 'no-store',
      // The page is the participant's file: even a PDF may not run script in the office's origin.
      'Content-Security-Policy': "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox",
      ETag: `"${page.sha256}"`,
    });
  });

  return app;
}
