import { createHash } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import { documentUploads, participants } from '../../db/schema.ts';
import type { Database, Tx } from '../../db/database.ts';
import type { NamedPage } from '../../../shared/claims/claim-document-check.ts';
import type { Clock } from '../../app-env.ts';
import type { Logger } from '../../logging/logger.ts';
import type { DocumentStore } from './document-store.ts';
import {
  ACCEPTED_DOCUMENT_TYPES,
  MAX_PAGES_PER_DRAFT,
  UPLOAD_EXPIRY_MS,
  type AcceptedDocumentType,
  type DocumentUploadMetadata,
} from '../../../shared/claims/document-upload-schemas.ts';

export type DocumentUpload = typeof documentUploads.$inferSelect;

/** An upload that still counts: not refused, and not past its expiry while unfinished. */
function isLive(now: Date) {
  return and(
    ne(documentUploads.status, 'REFUSED'),
    or(eq(documentUploads.status, 'COMPLETE'), gt(documentUploads.expiresAt, now)),
  )!;
}

export type ReserveResult = { ok: true; upload: DocumentUpload; replacedIds: string[] } | { ok: false; code: 'UPLOAD_TOO_MANY_PAGES' | 'UPLOAD_PAGE_SENT' };

/**
 * Writes the row of a new upload before any byte is stored, so its owner and limits are known
 * from the start. A new upload for a page that already has one replaces it (a retake, or a phone
 * that lost track of its first attempt); the caller removes the replaced bytes. A page a claim
 * names is never replaced: the office relies on it, and a new photo comes under a new draft.
 */
export async function reserveUpload(
  db: Database,
  input: { id: string; participantId: number; metadata: DocumentUploadMetadata; size: number; now: Date },
): Promise<ReserveResult> {
  const { id, participantId, metadata, size, now } = input;
  return db.transaction(async (tx) => {
    // Serialises a participant's creations, so two at once cannot both take the 20th page.
    await tx.select({ id: participants.id }).from(participants).where(eq(participants.id, participantId)).for('update');
    const sameDraft = and(eq(documentUploads.participantId, participantId), eq(documentUploads.draftId, metadata.draftId));
    const sameSlot = and(sameDraft, eq(documentUploads.documentId, metadata.documentId), eq(documentUploads.page, metadata.page));
    const [sent] = await tx.select({ id: documentUploads.id }).from(documentUploads).where(and(sameSlot, isNotNull(documentUploads.claimId)));
    if (sent) return { ok: false, code: 'UPLOAD_PAGE_SENT' } as const;
    const [{ pages }] = (await tx
      .select({ pages: sql<number>`count(*)::int` })
      .from(documentUploads)
      .where(and(sameDraft, isLive(now), sql`not (${sameSlot})`))) as [{ pages: number }];
    if (pages >= MAX_PAGES_PER_DRAFT) return { ok: false, code: 'UPLOAD_TOO_MANY_PAGES' } as const;
    const replaced = await tx
      .delete(documentUploads)
      .where(and(sameSlot, ne(documentUploads.status, 'REFUSED')))
      .returning({ id: documentUploads.id });
    const [upload] = await tx
      .insert(documentUploads)
      .values({
        id,
        participantId,
        draftId: metadata.draftId,
        documentId: metadata.documentId,
        page: metadata.page,
        size,
        status: 'UPLOADING',
        createdAt: now,
        expiresAt: new Date(now.getTime() + UPLOAD_EXPIRY_MS),
      })
      .returning();
    return { ok: true, upload: upload!, replacedIds: replaced.map((row) => row.id) } as const;
  });
}

/** The participant's own upload, or nothing: someone else's id is answered as unknown. */
export async function findOwnUpload(db: Database, participantId: number, id: string): Promise<DocumentUpload | undefined> {
  const [row] = await db
    .select()
    .from(documentUploads)
    .where(and(eq(documentUploads.id, id), eq(documentUploads.participantId, participantId)));
  return row;
}

export async function recordProgress(db: Database, id: string, uploadedBytes: number): Promise<void> {
  await db
    .update(documentUploads)
    .set({ uploadedBytes })
    .where(and(eq(documentUploads.id, id), eq(documentUploads.status, 'UPLOADING')));
}

export async function forgetUpload(db: Database, id: string): Promise<void> {
  await db.delete(documentUploads).where(eq(documentUploads.id, id));
}

export type InspectResult =
  | { ok: true; detectedType: AcceptedDocumentType; sha256: string }
  | { ok: false; code: 'UPLOAD_TYPE_REFUSED' };

/**
 * Runs once the last byte arrived: the type comes from the magic bytes (a renamed .exe or a text
 * file with a .jpg name is refused and its bytes deleted), and the hash lets later checks prove
 * the office holds exactly what the phone sent.
 */
export async function inspectCompletedUpload(db: Database, store: DocumentStore, input: { id: string; now: Date }): Promise<InspectResult> {
  const bytes = await store.read(input.id);
  const detected = await fileTypeFromBuffer(bytes);
  const detectedType = ACCEPTED_DOCUMENT_TYPES.find((type) => type === detected?.mime);
  if (!detectedType) {
    await store.remove(input.id);
    await db
      .update(documentUploads)
      .set({ status: 'REFUSED', refusalCode: 'UPLOAD_TYPE_REFUSED', uploadedBytes: bytes.length })
      .where(eq(documentUploads.id, input.id));
    return { ok: false, code: 'UPLOAD_TYPE_REFUSED' };
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await db
    .update(documentUploads)
    .set({ status: 'COMPLETE', uploadedBytes: bytes.length, detectedType, sha256, completedAt: input.now })
    .where(eq(documentUploads.id, input.id));
  return { ok: true, detectedType, sha256 };
}

/**
 * The participant's uploads among `ids`, locked until the push transaction ends: a second push
 * naming the same page waits, then sees it linked, so a page never belongs to two claims.
 * Someone else's ids are simply not found.
 */
export async function lockNamedPages(tx: Tx, participantId: number, ids: readonly string[], now: Date): Promise<Map<string, NamedPage>> {
  if (ids.length === 0) return new Map();
  const rows = await tx
    .select()
    .from(documentUploads)
    .where(and(eq(documentUploads.participantId, participantId), inArray(documentUploads.id, [...new Set(ids)])))
    .orderBy(asc(documentUploads.id))
    .for('update');
  return new Map(
    rows.map((row) => [
      row.id,
      { uploadId: row.id, documentId: row.documentId, draftId: row.draftId, status: row.status, expired: row.expiresAt.getTime() <= now.getTime(), claimId: row.claimId },
    ]),
  );
}

/** Names the claim on its pages (checked and locked by lockNamedPages in the same transaction). */
export async function linkPages(tx: Tx, participantId: number, ids: readonly string[], claimId: number): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .update(documentUploads)
    .set({ claimId })
    .where(and(eq(documentUploads.participantId, participantId), inArray(documentUploads.id, [...new Set(ids)]), eq(documentUploads.status, 'COMPLETE'), or(isNull(documentUploads.claimId), eq(documentUploads.claimId, claimId))));
}

/**
 * Removes unfinished uploads past their expiry (bytes first, then the row, so a failure leaves
 * the row for the next round) and forgets refused ones after the same time.
 */
export async function removeExpiredUploads(deps: { db: Database; store: DocumentStore; clock: Clock }): Promise<number> {
  const now = deps.clock.now();
  const expired = await deps.db
    .select({ id: documentUploads.id, status: documentUploads.status })
    .from(documentUploads)
    .where(and(ne(documentUploads.status, 'COMPLETE'), lte(documentUploads.expiresAt, now)))
    .limit(500);
  for (const upload of expired) {
    if (upload.status === 'UPLOADING') await deps.store.remove(upload.id);
    await deps.db
      .delete(documentUploads)
      .where(and(eq(documentUploads.id, upload.id), ne(documentUploads.status, 'COMPLETE')));
  }
  return expired.length;
}

const CLEANUP_EVERY_MS = 60 * 60 * 1000;

/** Runs the expiry cleanup now and every hour until stopped; a failed round is logged and retried. */
export function startUploadCleanup(deps: { db: Database; store: DocumentStore; clock: Clock; log: Logger }, everyMs = CLEANUP_EVERY_MS): () => void {
  let running = false;
  const round = async () => {
    if (running) return;
    running = true;
    try {
      const removed = await removeExpiredUploads(deps);
      if (removed > 0) deps.log.info({ removed }, 'expired document uploads removed');
    } catch (error) {
      deps.log.warn({ err: error }, 'document upload cleanup failed; retrying next round');
    } finally {
      running = false;
    }
  };
  void round();
  const timer = setInterval(() => void round(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
