import * as v from 'valibot';
import { BankAccountSchema } from '../../../shared/ids/bank.ts';
import type { JHT_FULL_CAUSES} from '../../../shared/claims/claim-schemas.ts';
import { ClaimSubmitArgsSchema, JkkArgsSchema, type ClaimSubmitArgs, type ClaimType } from '../../../shared/claims/claim-schemas.ts';
import { requiredDocuments } from '../../../shared/rules/jht-claims.ts';

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
  /** Photos of documents (a later release) will be listed here; the server already accepts refs. */
  attachments?: { documentId: string; blobKey: string }[];
}

export type StepId = 'card' | 'cause' | 'percent' | 'commitment' | 'bank' | 'accident' | 'facility' | 'documents' | 'review';

export const CLAIM_STEPS: Record<ClaimType, StepId[]> = {
  JHT_FULL: ['card', 'cause', 'bank', 'documents', 'review'],
  JHT_PARTIAL: ['card', 'percent', 'bank', 'documents', 'review'],
  JKP: ['card', 'commitment', 'bank', 'documents', 'review'],
  JKK: ['card', 'accident', 'facility', 'documents', 'review'],
};

export type FieldErrors = Record<string, string>;

const accidentFields = v.pick(JkkArgsSchema, ['accidentDate', 'accidentTime', 'place', 'description', 'onTheWayToWork']);

/** The documents the chosen claim needs, for the checklist and for the step check. */
export function documentsFor(data: ClaimDraftData) {
  const cause = data.type === 'JHT_PARTIAL' && data.percent === 30 ? 'HOUSING' : data.type === 'JKK' && data.onTheWayToWork ? 'ROAD_ACCIDENT' : data.cause;
  return requiredDocuments(data.type, cause);
}

/** Checks one step with the same shared schemas the server uses; empty means the step is complete. */
export function validateStep(step: StepId, data: ClaimDraftData): FieldErrors {
  switch (step) {
    case 'card':
      return data.kpj ? {} : { kpj: 'Pilih kartu peserta.' };
    case 'cause':
      return data.cause ? {} : { cause: 'Pilih sebab klaim.' };
    case 'percent':
      return data.percent ? {} : { percent: 'Pilih 10% atau 30%.' };
    case 'commitment':
      return data.willingToWork ? {} : { willingToWork: 'JKP mensyaratkan kesediaan untuk bekerja kembali.' };
    case 'bank':
      return issues(v.safeParse(BankAccountSchema, data.bankAccount ?? {}), 'bankAccount');
    case 'accident':
      return issues(v.safeParse(accidentFields, { onTheWayToWork: false, ...data }));
    case 'facility':
      return (data.facilityId?.trim().length ?? 0) >= 3 ? {} : { facilityId: 'Tulis nama klinik atau rumah sakit PLKK.' };
    case 'documents': {
      const confirmed = new Set(data.documentsConfirmed ?? []);
      const missing = documentsFor(data).filter((doc) => !confirmed.has(doc.id));
      return missing.length === 0 ? {} : { documentsConfirmed: `Centang semua dokumen yang sudah Anda siapkan (${missing.length} belum).` };
    }
    case 'review':
      return {};
  }
}

/** The `claim.submit` arguments, or the field problems that keep the draft from being sent. */
export function buildClaimArgs(draftId: string, data: ClaimDraftData): { ok: true; args: ClaimSubmitArgs } | { ok: false; errors: FieldErrors } {
  const parsed = v.safeParse(ClaimSubmitArgsSchema, { onTheWayToWork: data.type === 'JKK' ? false : undefined, ...data, draftId, attachments: data.attachments ?? [], documentsConfirmed: data.documentsConfirmed ?? [] });
  return parsed.success ? { ok: true, args: parsed.output } : { ok: false, errors: issues(parsed) };
}

function issues(result: { success: boolean; issues?: readonly v.BaseIssue<unknown>[] }, prefix?: string): FieldErrors {
  if (result.success) return {};
  const errors: FieldErrors = {};
  for (const issue of result.issues ?? []) {
    const path = issue.path?.map((item) => String(item.key)).join('.');
    const key = [prefix, path].filter(Boolean).join('.') || prefix || '_';
    errors[key] ??= issue.message;
  }
  return errors;
}
