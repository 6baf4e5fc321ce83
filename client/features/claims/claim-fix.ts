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
 * With `id`, the correction being edited (see openClaimFixDraft) becomes the queued one.
 */
export async function queueClaimFix(db: JmoDb, fix: { args: ClaimResubmitArgs; returnedEventKey: string; label: string; id?: string }, now: number, randomUUID: () => string): Promise<string> {
  const { args, returnedEventKey, label } = fix;
  const id = fix.id ?? randomUUID();
  await queueNewDraft(db, { id, kind: CLAIM_FIX_DRAFT_KIND, data: { claimNo: args.claimNo, returnedEventKey } }, { name: 'claim.resubmit', args, label }, now);
  return id;
}

/**
 * The correction being written for this return, made when the form opens: the pages of a
 * document the office asked for again are kept under its id (an orphaned page would be swept
 * at the next start). A refused correction is reopened under the same id, so its pages that
 * already reached the server are not sent again.
 */
export async function openClaimFixDraft(db: JmoDb, claim: { claimNo: string; returnedEventKey: string }, now: number, randomUUID: () => string): Promise<string> {
  return db.transaction('rw', db.drafts, async () => {
    const last = await latestClaimFix(db, claim.returnedEventKey);
    if (last?.state === 'editing') return last.id;
    if (last?.state === 'rejected') {
      await db.drafts.update(last.id, { state: 'editing', updatedAt: now });
      return last.id;
    }
    if (last) return last.id; // on its way or sent: nothing to edit
    const id = randomUUID();
    await db.drafts.add({ id, kind: CLAIM_FIX_DRAFT_KIND, state: 'editing', data: { claimNo: claim.claimNo, returnedEventKey: claim.returnedEventKey }, step: 0, createdAt: now, updatedAt: now });
    return id;
  });
}

/** A correction whose photos are still going up goes back to the form, e.g. to retake a page the server refused. */
export async function reopenUploadingFix(db: JmoDb, id: string, now: number, refused?: { pageId: string; message: string }): Promise<boolean> {
  return db.transaction('rw', db.drafts, async () => {
    const draft = await db.drafts.get(id);
    if (draft?.kind !== CLAIM_FIX_DRAFT_KIND || draft.state !== 'uploading') return false;
    const reopened: DraftRow = { ...draft, state: 'editing', data: { ...draft.data, refusedPage: refused }, updatedAt: now };
    delete reopened.pendingMutation;
    delete reopened.upload;
    await db.drafts.put(reopened);
    return true;
  });
}

/**
 * The latest correction answering this return of the claim (queued, sent or refused), or
 * null: a claim the office returns a second time asks for a new correction.
 */
export async function latestClaimFix(db: JmoDb, returnedEventKey: string): Promise<DraftRow | null> {
  const fixes = await draftsOfKind(db, CLAIM_FIX_DRAFT_KIND);
  return fixes.find((draft) => draft.data.returnedEventKey === returnedEventKey) ?? null;
}
