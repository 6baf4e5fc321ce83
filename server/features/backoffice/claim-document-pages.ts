import { and, eq, isNull, ne, or, gt } from 'drizzle-orm';
import { documentUploads, jhtBalances, type claims } from '../../db/schema.ts';
import type { Database, Tx } from '../../db/database.ts';
import { DOCUMENT_IDS, documentLabel } from '../../../shared/rules/claim-documents.ts';
import { requiredClaimDocuments, type ClaimDocumentAnswers } from '../../../shared/claims/claim-document-check.ts';

type Claim = Pick<typeof claims.$inferSelect, 'id' | 'participantId' | 'draftId'>;
type ClaimForRules = Pick<typeof claims.$inferSelect, 'type' | 'cause' | 'details' | 'membershipId' | 'program'>;
type Upload = typeof documentUploads.$inferSelect;

export interface ClaimDocumentPage {
  uploadId: string;
  page: number;
  size: number;
  uploadedBytes: number;
  complete: boolean;
  detectedType: string | null;
  sha256: string | null;
  completedAt: Date | null;
  /** Set when a page the office asked for again took this one's place; the office still sees it. */
  supersededAt: Date | null;
}

export interface ClaimDocument {
  documentId: string;
  label: string;
  /** Pages that count now, in reading order. */
  pages: ClaimDocumentPage[];
  /** Pages replaced after a return ("diganti"), the most recently replaced first. */
  superseded: ClaimDocumentPage[];
  /** Every current page arrived whole and passed the type check. */
  complete: boolean;
}

/**
 * The pages the office sees for a claim. claim.submit names the claim's pages (`claim_id`); a
 * claim filed before that existed has none named from its own draft, so its draft's live pages
 * stand in, and where a later resubmission sent named pages for a document, those draft pages
 * count as replaced. Someone else's pages never appear: the draft pages must be the claimant's.
 */
export async function claimDocumentPages(db: Database | Tx, claim: Claim, now: Date): Promise<ClaimDocument[]> {
  const rows = await db
    .select()
    .from(documentUploads)
    .where(
      or(
        eq(documentUploads.claimId, claim.id),
        and(
          isNull(documentUploads.claimId),
          eq(documentUploads.participantId, claim.participantId),
          eq(documentUploads.draftId, claim.draftId),
          ne(documentUploads.status, 'REFUSED'),
          or(eq(documentUploads.status, 'COMPLETE'), gt(documentUploads.expiresAt, now)),
        ),
      ),
    );
  return groupClaimPages(claim, rows);
}

/** The grouping of `claimDocumentPages`, apart from the query so its rules read on their own. */
export function groupClaimPages(claim: Claim, rows: readonly Upload[]): ClaimDocument[] {
  const named = rows.filter((row) => row.claimId === claim.id);
  const filedBeforeNaming = !named.some((row) => row.draftId === claim.draftId);
  const namedDocuments = new Set(named.map((row) => row.documentId));
  const byDocument = new Map<string, { pages: ClaimDocumentPage[]; superseded: ClaimDocumentPage[] }>();
  for (const row of rows) {
    const draftStandIn = row.claimId === null;
    if (draftStandIn && !filedBeforeNaming) continue;
    const replaced = row.supersededAt !== null || (draftStandIn && namedDocuments.has(row.documentId));
    const group = byDocument.get(row.documentId) ?? { pages: [], superseded: [] };
    const page: ClaimDocumentPage = {
      uploadId: row.id,
      page: row.page,
      size: row.size,
      uploadedBytes: row.uploadedBytes,
      complete: row.status === 'COMPLETE',
      detectedType: row.detectedType,
      sha256: row.sha256,
      completedAt: row.completedAt,
      // A stand-in page replaced by a named one has no mark of its own; the named page's arrival is when.
      supersededAt: row.supersededAt ?? (replaced ? latestCompletion(named, row.documentId) : null),
    };
    (replaced ? group.superseded : group.pages).push(page);
    byDocument.set(row.documentId, group);
  }
  return [...byDocument]
    .sort(([a], [b]) => checklistOrder(a) - checklistOrder(b))
    .map(([documentId, group]) => ({
      documentId,
      label: documentLabel(documentId)?.id ?? documentId,
      pages: group.pages.sort((a, b) => a.page - b.page),
      superseded: group.superseded.sort((a, b) => (b.supersededAt?.getTime() ?? 0) - (a.supersededAt?.getTime() ?? 0) || a.page - b.page),
      complete: group.pages.length > 0 && group.pages.every((page) => page.complete),
    }));
}

function latestCompletion(named: readonly Upload[], documentId: string): Date | null {
  const times = named.filter((row) => row.documentId === documentId && row.completedAt).map((row) => row.completedAt!.getTime());
  return times.length > 0 ? new Date(Math.max(...times)) : null;
}

/** The checklist's own order (e-KTP, KK, card, savings book, …), which the office knows by heart. */
function checklistOrder(documentId: string): number {
  const index = (DOCUMENT_IDS as readonly string[]).indexOf(documentId);
  return index === -1 ? DOCUMENT_IDS.length : index;
}

/** Finds one page of the claim (current or replaced), or nothing when it is not this claim's. */
export function findClaimPage(documents: readonly ClaimDocument[], uploadId: string): { document: ClaimDocument; page: ClaimDocumentPage } | undefined {
  for (const document of documents) {
    const page = [...document.pages, ...document.superseded].find((candidate) => candidate.uploadId === uploadId);
    if (page) return { document, page };
  }
  return undefined;
}

/**
 * The answers the checklist reads, back from how claim.submit stored the claim: JHT_FULL keeps its
 * cause, JHT_PARTIAL its percent as 'PARTIAL_10' / 'PARTIAL_30', a JKK whether it was on the way to work.
 */
export function checklistAnswersOf(claim: Pick<ClaimForRules, 'type' | 'cause' | 'details'>): ClaimDocumentAnswers | undefined {
  switch (claim.type) {
    case 'JHT_FULL':
      return { type: 'JHT_FULL', cause: claim.cause ?? undefined };
    case 'JHT_PARTIAL':
      return { type: 'JHT_PARTIAL', percent: Number(claim.cause?.replace('PARTIAL_', '')) };
    case 'JKP':
      return { type: 'JKP' };
    case 'JKK':
      return { type: 'JKK', onTheWayToWork: claim.details.onTheWayToWork === true };
    default:
      return undefined;
  }
}

/**
 * The documents the office may ask for again: the claim's checklist as claim.submit reads it (NPWP
 * when the JHT balance is above the tax threshold) plus any document the participant sent pages for.
 */
export async function requestableDocuments(
  db: Database | Tx,
  claim: ClaimForRules,
  documents: readonly ClaimDocument[],
): Promise<{ id: string; label: string }[]> {
  const ids = new Set<string>();
  const answers = checklistAnswersOf(claim);
  if (answers) {
    const [balance] = claim.program === 'JHT' ? await db.select({ total: jhtBalances.total }).from(jhtBalances).where(eq(jhtBalances.membershipId, claim.membershipId)) : [];
    for (const document of requiredClaimDocuments(answers, balance?.total)) ids.add(document.id);
  }
  for (const document of documents) if (documentLabel(document.documentId)) ids.add(document.documentId);
  return [...ids].sort((a, b) => checklistOrder(a) - checklistOrder(b)).map((id) => ({ id, label: documentLabel(id)!.id }));
}
