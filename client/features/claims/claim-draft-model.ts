import * as v from 'valibot';
import { BankAccountSchema } from '../../../shared/ids/bank.ts';
import type { JHT_FULL_CAUSES} from '../../../shared/claims/claim-schemas.ts';
import { ClaimSubmitArgsSchema, JkkArgsSchema, type ClaimSubmitArgs, type ClaimType } from '../../../shared/claims/claim-schemas.ts';
import { documentCauseOf, requiredClaimDocuments } from '../../../shared/claims/claim-document-check.ts';
import type { Language } from '../../i18n/language.ts';
import { fieldErrorsFrom, type FieldErrors } from '../../ui/field-errors.ts';
import { claimFieldHelp } from './claim-field-help.ts';

/** What the wizard stores in the draft row, field by field as the user types. */
export interface ClaimDraftData {
  type: ClaimType;
  kpj?: string;
  cause?: (typeof JHT_FULL_CAUSES)[number];
  percent?: 10 | 30;
  bankAccount?: { bankCode: string; number: string; holderName: string };
  documentsConfirmed?: string[];
  willingToWork?: boolean;
  accidentDate?: string;
  accidentTime?: string;
  place?: string;
  description?: string;
  onTheWayToWork?: boolean;
  facilityId?: string;
  /** A page the server refused while sending; the documents step marks it until it is retaken. */
  refusedPage?: { pageId: string; message: string };
}

/**
 * What a step check reads besides the answers: the pages photographed for the draft (they live
 * in their own table, client/data/document-pages.ts) and the chosen card's balance, which
 * decides whether NPWP is asked for.
 */
export interface StepContext {
  pages?: readonly { id: string; documentId: string }[];
  balance?: number;
}

export { CLAIM_STEPS, type StepId } from './claim-steps.ts';
import type { StepId } from './claim-steps.ts';


const accidentFields = v.pick(JkkArgsSchema, ['accidentDate', 'accidentTime', 'place', 'description', 'onTheWayToWork']);

/** The cause as shared/rules/claim-documents.ts reads it, read the same way the server reads it. */
export { documentCauseOf };

/** The documents the chosen claim needs, for the documents step, its check and the review: the server's own checklist. */
export function documentsFor(data: ClaimDraftData, balance?: number) {
  return requiredClaimDocuments(data, balance);
}

/** The balance the checklist reads: the JHT balance, for JHT claims only (JKP and JKK are not paid from it). */
export const balanceForChecklist = (type: ClaimDraftData['type'], balance: number | undefined) => (type === 'JHT_FULL' || type === 'JHT_PARTIAL' ? balance : undefined);

/** The required documents that have at least one page: what `documentsConfirmed` records. */
export function documentsWithPages(data: ClaimDraftData, context: StepContext): string[] {
  const photographed = new Set((context.pages ?? []).map((page) => page.documentId));
  return documentsFor(data, context.balance)
    .map((doc) => doc.id)
    .filter((id) => photographed.has(id));
}

/** Checks one step with the same shared schemas the server uses; empty means the step is complete. */
export function validateStep(step: StepId, data: ClaimDraftData, language: Language = 'id', context: StepContext = {}): FieldErrors {
  const help = claimFieldHelp[language];
  const need = (field: keyof typeof help.fields): FieldErrors => ({ [field]: help.fields[field] });
  switch (step) {
    case 'card':
      return data.kpj ? {} : need('kpj');
    case 'cause':
      return data.cause ? {} : need('cause');
    case 'percent':
      return data.percent ? {} : need('percent');
    case 'commitment':
      return data.willingToWork ? {} : need('willingToWork');
    case 'bank':
      return fieldErrorsFrom(v.safeParse(BankAccountSchema, data.bankAccount ?? {}).issues, help.fields, language, 'bankAccount');
    case 'accident':
      return fieldErrorsFrom(v.safeParse(accidentFields, { onTheWayToWork: false, ...data }).issues, help.fields, language);
    case 'facility':
      return (data.facilityId?.trim().length ?? 0) >= 3 ? {} : need('facilityId');
    case 'documents': {
      const photographed = new Set(documentsWithPages(data, context));
      const missing = documentsFor(data, context.balance).filter((doc) => !photographed.has(doc.id));
      if (missing.length > 0) return { documents: help.documentsMissing(missing.map((doc) => doc.label[language])) };
      const refusedStill = data.refusedPage && (context.pages ?? []).some((page) => page.id === data.refusedPage!.pageId);
      return refusedStill ? { documents: help.retakeRefused } : {};
    }
    case 'review':
      return {};
  }
}

/** The `claim.submit` arguments, or the field problems that keep the draft from being sent. */
export function buildClaimArgs(draftId: string, data: ClaimDraftData, language: Language = 'id'): { ok: true; args: ClaimSubmitArgs } | { ok: false; errors: FieldErrors } {
  const parsed = v.safeParse(ClaimSubmitArgsSchema, { onTheWayToWork: data.type === 'JKK' ? false : undefined, ...data, draftId, documents: [], documentsConfirmed: data.documentsConfirmed ?? [] });
  return parsed.success ? { ok: true, args: parsed.output } : { ok: false, errors: fieldErrorsFrom(parsed.issues, claimFieldHelp[language].fields, language) };
}
