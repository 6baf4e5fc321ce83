import * as v from 'valibot';
import type { DraftRow, JmoDb } from '../../data/local-db.ts';
import { draftsOfKind, queueNewDraft } from '../../data/drafts.ts';
import { ClaimResubmitArgsSchema, type ClaimResubmitArgs } from '../../../shared/claims/claim-schemas.ts';
import type { Language } from '../../i18n/language.ts';
import { fieldErrorsFrom, type FieldErrors, type FieldHelp } from '../../ui/field-errors.ts';

/** Corrections to a returned claim are kept as a draft of this kind, so the tracker can show their delivery. */
const CLAIM_FIX_DRAFT_KIND = 'claim-fix';

/** What the participant typed in the correction form, before it is checked. */
export interface ClaimFixInput {
  newAccount: { bankCode: string; number: string; holderName: string } | null;
  documentsConfirmed: string[];
  note: string;
}

export function buildClaimFixArgs(claimNo: string, input: ClaimFixInput, help: FieldHelp, language: Language): { ok: true; args: ClaimResubmitArgs } | { ok: false; errors: FieldErrors } {
  const parsed = v.safeParse(ClaimResubmitArgsSchema, { claimNo, bankAccount: input.newAccount ?? undefined, documentsConfirmed: input.documentsConfirmed, note: input.note });
  return parsed.success ? { ok: true, args: parsed.output } : { ok: false, errors: fieldErrorsFrom(parsed.issues, help, language) };
}

/**
 * Queues `claim.resubmit` with its draft in one transaction, like every change made on the
 * phone: offline it waits in the outbox and is delivered once when a connection returns.
 */
export async function queueClaimFix(db: JmoDb, fix: { args: ClaimResubmitArgs; returnedEventKey: string; label: string }, now: number, randomUUID: () => string): Promise<string> {
  const { args, returnedEventKey, label } = fix;
  const id = randomUUID();
  await queueNewDraft(db, { id, kind: CLAIM_FIX_DRAFT_KIND, data: { claimNo: args.claimNo, returnedEventKey } }, { name: 'claim.resubmit', args, label }, now);
  return id;
}

/**
 * The latest correction answering this return of the claim (queued, sent or refused), or
 * null: a claim the office returns a second time asks for a new correction.
 */
export async function latestClaimFix(db: JmoDb, returnedEventKey: string): Promise<DraftRow | null> {
  const fixes = await draftsOfKind(db, CLAIM_FIX_DRAFT_KIND);
  return fixes.find((draft) => draft.data.returnedEventKey === returnedEventKey) ?? null;
}
