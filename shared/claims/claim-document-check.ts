// Which pages a claim must name, and the refusals when they fall short (issue 15). Shared so the
// phone's checklist and the server's check read a claim the same way and cannot drift apart.
import { documentLabel, requiredDocuments, type RequiredDocument } from '../rules/claim-documents.ts';

/** The answers of a claim that decide its checklist. */
export interface ClaimDocumentAnswers {
  type: 'JHT_FULL' | 'JHT_PARTIAL' | 'JKP' | 'JKK';
  cause?: string;
  percent?: number;
  onTheWayToWork?: boolean;
}

/** The cause as shared/rules/claim-documents.ts reads it: the 30 % JHT is for housing, a JKK on the way to work a road accident. */
export function documentCauseOf(answers: ClaimDocumentAnswers): string | undefined {
  if (answers.type === 'JHT_PARTIAL') return answers.percent === 30 ? 'HOUSING' : undefined;
  if (answers.type === 'JKK') return answers.onTheWayToWork ? 'ROAD_ACCIDENT' : undefined;
  return answers.type === 'JHT_FULL' ? answers.cause : undefined;
}

/**
 * The claim's checklist. The NPWP rule reads the JHT balance, so it applies to JHT claims only;
 * JKP and JKK benefits are not paid from that balance.
 */
export function requiredClaimDocuments(answers: ClaimDocumentAnswers, jhtBalance?: number): RequiredDocument[] {
  const isJht = answers.type === 'JHT_FULL' || answers.type === 'JHT_PARTIAL';
  return requiredDocuments(answers.type, documentCauseOf(answers), isJht && jhtBalance !== undefined ? { balance: jhtBalance } : {});
}

/** One named page as the server holds it (null when no upload of this participant has that id). */
export interface NamedPage {
  uploadId: string;
  documentId: string;
  draftId: string;
  status: 'UPLOADING' | 'COMPLETE' | 'REFUSED';
  /** An unfinished upload past its deadline is gone, whatever the row still says. */
  expired: boolean;
  /** The claim that already names this page, if any. */
  claimId: number | null;
}

export type DocumentRefusalCode = 'DOCUMENTS_MISSING' | 'DOCUMENT_UNFINISHED' | 'DOCUMENT_NOT_FOUND';
export type DocumentCheck = { ok: true } | { ok: false; code: DocumentRefusalCode; message: string; documentIds: string[] };

const nameOf = (documentId: string) => documentLabel(documentId)?.id ?? documentId;
const names = (documentIds: readonly string[]) => documentIds.map(nameOf).join(', ');

/** The Indonesian refusals; each names the document the participant has to photograph or wait for. */
export const documentRefusals = {
  DOCUMENTS_MISSING: (documentIds: readonly string[]) => `Dokumen belum lengkap: ${names(documentIds)}. Foto dokumennya lalu kirim lagi.`,
  DOCUMENT_UNFINISHED: (documentIds: readonly string[]) =>
    `Halaman dokumen ${names(documentIds)} belum selesai terunggah. Tunggu sampai unggahan selesai, lalu kirim lagi.`,
  DOCUMENT_NOT_FOUND: (documentIds: readonly string[]) =>
    documentIds.length > 0
      ? `Halaman dokumen ${names(documentIds)} tidak ada lagi di server (kedaluwarsa, ditolak, atau sudah dipakai klaim lain). Foto ulang dokumennya lalu kirim lagi.`
      : 'Ada halaman dokumen yang tidak dikenali server. Foto ulang dokumennya lalu kirim lagi.',
} as const;

function refuse(code: DocumentRefusalCode, documentIds: string[]): DocumentCheck {
  const unique = [...new Set(documentIds)];
  return { ok: false, code, message: documentRefusals[code](unique), documentIds: unique };
}

/**
 * Decides whether the pages a claim names can be its documents. `pages` holds what the server
 * found for each id of `named` (undefined: no upload of this participant has that id, answered
 * like any unknown id so nothing about another participant's pages leaks). A page is usable when
 * it is complete, of this draft (when `draftId` is given: a correction's pages live under their
 * own draft) and not named by another claim (`ownClaimId` lets a claim name its own pages again).
 * Then every id of `required` needs at least one usable page.
 */
export function checkClaimDocuments(input: {
  named: readonly string[];
  pages: ReadonlyMap<string, NamedPage>;
  draftId?: string;
  required: readonly string[];
  ownClaimId?: number;
}): DocumentCheck {
  const notFound: string[] = [];
  let unknown = false;
  const unfinished: string[] = [];
  const usable = new Set<string>();
  for (const id of input.named) {
    const page = input.pages.get(id);
    if (!page) {
      unknown = true;
      continue;
    }
    const takenByAnother = page.claimId !== null && page.claimId !== input.ownClaimId;
    if (page.status === 'REFUSED' || (input.draftId !== undefined && page.draftId !== input.draftId) || takenByAnother || (page.status === 'UPLOADING' && page.expired)) notFound.push(page.documentId);
    else if (page.status === 'UPLOADING') unfinished.push(page.documentId);
    else usable.add(page.documentId);
  }
  if (unknown || notFound.length > 0) return refuse('DOCUMENT_NOT_FOUND', notFound);
  if (unfinished.length > 0) return refuse('DOCUMENT_UNFINISHED', unfinished);
  const missing = input.required.filter((id) => !usable.has(id));
  if (missing.length > 0) return refuse('DOCUMENTS_MISSING', missing);
  return { ok: true };
}
