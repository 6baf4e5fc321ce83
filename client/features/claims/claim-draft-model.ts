import * as v from 'valibot';
import { BankAccountSchema } from '../../../shared/ids/bank.ts';
import type { JHT_FULL_CAUSES} from '../../../shared/claims/claim-schemas.ts';
import { ClaimSubmitArgsSchema, JkkArgsSchema, type ClaimSubmitArgs, type ClaimType } from '../../../shared/claims/claim-schemas.ts';
import { requiredDocuments } from '../../../shared/rules/claim-documents.ts';
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
}

export type StepId = 'card' | 'cause' | 'percent' | 'commitment' | 'bank' | 'accident' | 'facility' | 'documents' | 'review';

export const CLAIM_STEPS: Record<ClaimType, StepId[]> = {
  JHT_FULL: ['card', 'cause', 'bank', 'documents', 'review'],
  JHT_PARTIAL: ['card', 'percent', 'bank', 'documents', 'review'],
  JKP: ['card', 'commitment', 'bank', 'documents', 'review'],
  JKK: ['card', 'accident', 'facility', 'documents', 'review'],
};


const accidentFields = v.pick(JkkArgsSchema, ['accidentDate', 'accidentTime', 'place', 'description', 'onTheWayToWork']);

/** The documents the chosen claim needs, for the checklist and for the step check. */
export function documentsFor(data: ClaimDraftData) {
  const cause = data.type === 'JHT_PARTIAL' && data.percent === 30 ? 'HOUSING' : data.type === 'JKK' && data.onTheWayToWork ? 'ROAD_ACCIDENT' : data.cause;
  return requiredDocuments(data.type, cause);
}

/** Checks one step with the same shared schemas the server uses; empty means the step is complete. */
export function validateStep(step: StepId, data: ClaimDraftData, language: Language = 'id'): FieldErrors {
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
      const confirmed = new Set(data.documentsConfirmed ?? []);
      const missing = documentsFor(data).filter((doc) => !confirmed.has(doc.id));
      return missing.length === 0 ? {} : { documentsConfirmed: help.documentsMissing(missing.length) };
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
