import { useState } from 'preact/hooks';
import { useLanguage, useText } from '../../i18n/language.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { isOnline } from '../../shell/connection.ts';
import { requestSync } from '../../sync/sync-client.ts';
import type { FieldErrors } from '../../ui/field-errors.ts';
import type { ClaimEventRecord, ClaimRecord } from '../../../shared/sync/entities.ts';
import type { ClaimType } from '../../../shared/claims/claim-schemas.ts';
import type { ClaimDraftData } from './claim-draft-model.ts';
import { buildClaimFixArgs, latestClaimFix, queueClaimFix } from './claim-fix.ts';
import { STEP_COMPONENTS } from './ClaimSteps.tsx';
import { claimFixText } from './claim-fix-text.ts';

const BankFields = STEP_COMPONENTS.bank;
const DocumentChecklist = STEP_COMPONENTS.documents;

/** The tracker's answer to "Perlu perbaikan": correct what the office asked and send the claim back. */
export function ClaimFixForm({ claim, returned }: { claim: ClaimRecord; returned: ClaimEventRecord }) {
  const t = useText(claimFixText);
  const language = useLanguage();
  const lastFix = useLiveQuery(() => latestClaimFix(localDb, returned.key), [returned.key]);
  const [changeAccount, setChangeAccount] = useState(false);
  const [answers, setAnswers] = useState<ClaimDraftData>({ type: claim.type as ClaimType, ...causeOf(claim), documentsConfirmed: [] });
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = (changes: Partial<ClaimDraftData>) => setAnswers({ ...answers, ...changes });
  if (lastFix === undefined) return null;
  if (lastFix?.state === 'queued' || lastFix?.state === 'editing') return <p class="notice notice--warning" role="status">{t.queued}</p>;
  if (lastFix?.state === 'sent') return <p class="notice notice--success" role="status">{t.sent}</p>;

  async function send(event: Event) {
    event.preventDefault();
    const input = { newAccount: changeAccount ? (answers.bankAccount ?? { bankCode: '', number: '', holderName: '' }) : null, documentsConfirmed: answers.documentsConfirmed ?? [], note };
    const built = buildClaimFixArgs(claim.claimNo, input, t.fieldHelp, language);
    if (!built.ok) return setErrors(built.errors);
    setErrors({});
    await queueClaimFix(localDb, { args: built.args, returnedEventKey: returned.key, label: t.label }, Date.now(), () => crypto.randomUUID());
    requestSync();
  }

  const usesBank = claim.program === 'JHT' || claim.program === 'JKP';
  return (
    <form class="card" onSubmit={send} noValidate aria-labelledby="fix-heading">
      <h2 id="fix-heading">{t.heading}</h2>
      {returned.note && (
        <p class="notice notice--warning">
          <strong>{t.officeAsked}</strong> {returned.note}
        </p>
      )}
      {lastFix?.state === 'rejected' && (
        <p class="notice notice--error" role="alert">
          {t.refused(lastFix.rejection?.message ?? '')}
        </p>
      )}
      {usesBank && (
        <label class="choice">
          <input type="checkbox" checked={changeAccount} onChange={(e) => setChangeAccount(e.currentTarget.checked)} />
          <span>{t.changeAccount}</span>
        </label>
      )}
      {changeAccount && <BankFields data={answers} errors={errors} update={update} />}
      <DocumentChecklist data={answers} errors={errors} update={update} />
      <div class="field">
        <label for="fix-note">{t.note}</label>
        <span class="field__hint" id="fix-note-hint">
          {t.noteHint}
        </span>
        <textarea id="fix-note" rows={3} value={note} aria-describedby={errors.note ? 'fix-note-hint fix-note-error' : 'fix-note-hint'} aria-invalid={errors.note ? 'true' : undefined} onInput={(e) => setNote(e.currentTarget.value)} />
        {errors.note && (
          <span class="field__error" id="fix-note-error">
            {errors.note}
          </span>
        )}
      </div>
      {errors._ && <p class="notice notice--error">{errors._}</p>}
      <button type="submit" class="btn btn--primary btn--block">
        {isOnline.value ? t.send : t.sendOffline}
      </button>
    </form>
  );
}

/** The claim's recorded cause, in the draft's terms, so the checklist lists the same documents as when it was filed. */
function causeOf(claim: ClaimRecord): Partial<ClaimDraftData> {
  if (claim.type === 'JHT_PARTIAL') return { percent: claim.cause === 'PARTIAL_30' ? 30 : 10 };
  return claim.type === 'JHT_FULL' && claim.cause ? { cause: claim.cause as ClaimDraftData['cause'] } : {};
}
