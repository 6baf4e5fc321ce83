import { useEffect, useState } from 'preact/hooks';
import { ErrorBoundary } from 'preact-iso';
import { useLanguage, useText } from '../../i18n/language.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { pagesOfDraft } from '../../data/document-pages.ts';
import type { DraftRow } from '../../data/local-db.ts';
import { isOnline } from '../../shell/connection.ts';
import { requestSync } from '../../sync/sync-client.ts';
import { queueResubmitAfterUploads } from '../../uploads/claim-upload-queueing.ts';
import type { FieldErrors } from '../../ui/field-errors.ts';
import type { ClaimEventRecord, ClaimRecord } from '../../../shared/sync/entities.ts';
import type { ClaimType } from '../../../shared/claims/claim-schemas.ts';
import { documentLabel } from '../../../shared/rules/claim-documents.ts';
import { LazyDocumentsStep } from '../claim-documents/lazy-documents-step.ts';
import type { ClaimDraftData } from './claim-draft-model.ts';
import { buildClaimFixArgs, latestClaimFix, openClaimFixDraft, queueClaimFix, reopenUploadingFix } from './claim-fix.ts';
import { STEP_COMPONENTS } from './ClaimSteps.tsx';
import { ClaimUploadPanel } from './ClaimUploadPanel.tsx';
import { refusedPageOf } from './claim-drafts.ts';
import { claimFixText } from './claim-fix-text.ts';

const BankFields = STEP_COMPONENTS.bank;

/** The tracker's answer to "Perlu perbaikan": correct what the office asked and send the claim back. */
export function ClaimFixForm({ claim, returned }: { claim: ClaimRecord; returned: ClaimEventRecord }) {
  const t = useText(claimFixText);
  const lastFix = useLiveQuery(() => latestClaimFix(localDb, returned.key), [returned.key]);
  const editable = lastFix === null || lastFix?.state === 'rejected';
  // The correction exists as a draft from the moment the form opens: retaken pages are kept under its id.
  useEffect(() => {
    if (editable) void openClaimFixDraft(localDb, { claimNo: claim.claimNo, returnedEventKey: returned.key }, Date.now(), () => crypto.randomUUID());
  }, [editable, claim.claimNo, returned.key]);
  if (lastFix === undefined || lastFix === null) return null;
  if (lastFix.state === 'uploading') {
    return (
      <section class="card" aria-labelledby="fix-heading">
        <h2 id="fix-heading">{t.heading}</h2>
        <ClaimUploadPanel draft={lastFix} onRetake={(refused) => void reopenUploadingFix(localDb, lastFix.id, Date.now(), refused)} />
      </section>
    );
  }
  if (lastFix.state === 'queued') return <p class="notice notice--warning" role="status">{t.queued}</p>;
  if (lastFix.state === 'sent') return <p class="notice notice--success" role="status">{t.sent}</p>;
  if (lastFix.state !== 'editing') return null;
  return <FixForm key={lastFix.id} claim={claim} returned={returned} fix={lastFix} />;
}

function FixForm({ claim, returned, fix }: { claim: ClaimRecord; returned: ClaimEventRecord; fix: DraftRow }) {
  const t = useText(claimFixText);
  const language = useLanguage();
  const requested = claim.requestedDocumentId ?? null;
  const requestedLabel = requested ? documentLabel(requested)?.[language] : undefined;
  const pages = useLiveQuery(() => pagesOfDraft(localDb, fix.id), [fix.id]);
  const [changeAccount, setChangeAccount] = useState(false);
  const [answers, setAnswers] = useState<ClaimDraftData>({ type: claim.type as ClaimType, documentsConfirmed: [] });
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const update = (changes: Partial<ClaimDraftData>) => setAnswers({ ...answers, ...changes });
  const refused = refusedPageOf(fix);

  async function send(event: Event) {
    event.preventDefault();
    const current = await pagesOfDraft(localDb, fix.id);
    const ofRequested = current.filter((page) => page.documentId === requested);
    const input = { newAccount: changeAccount ? (answers.bankAccount ?? { bankCode: '', number: '', holderName: '' }) : null, documentsConfirmed: ofRequested.length > 0 && requested ? [requested] : [], note };
    const built = buildClaimFixArgs(claim.claimNo, input, t.fieldHelp, language);
    const problems: FieldErrors = built.ok ? {} : { ...built.errors };
    if (requested && ofRequested.length === 0) problems.documents = t.photoNeeded(requestedLabel ?? requested);
    else if (refused && current.some((page) => page.id === refused.pageId)) problems.documents = t.retakeRefused;
    setErrors(problems);
    if (!built.ok || Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      if (requested) await queueResubmitAfterUploads(localDb, { draftId: fix.id, claimNo: claim.claimNo, args: built.args, label: t.label }, Date.now());
      else await queueClaimFix(localDb, { args: built.args, returnedEventKey: returned.key, label: t.label, id: fix.id }, Date.now(), () => crypto.randomUUID());
      requestSync();
    } finally {
      setBusy(false);
    }
  }

  const usesBank = claim.program === 'JHT' || claim.program === 'JKP';
  return (
    <form class="card" onSubmit={send} noValidate aria-labelledby="fix-heading">
      <h2 id="fix-heading">{t.heading}</h2>
      {(returned.note || requestedLabel) && (
        <div class="notice notice--warning" data-testid="office-request">
          {requestedLabel && (
            <p>
              <strong>{t.officeAskedDocument}</strong> {requestedLabel}
            </p>
          )}
          {returned.note && (
            <p>
              <strong>{t.officeAsked}</strong> {returned.note}
            </p>
          )}
        </div>
      )}
      {fix.rejection && (
        <p class="notice notice--error" role="alert">
          {t.refused(fix.rejection.message)}
        </p>
      )}
      {requested && (
        <section class="fix-documents" aria-labelledby="fix-documents-heading">
          <h3 id="fix-documents-heading">{t.retakeHeading(requestedLabel ?? requested)}</h3>
          <ErrorBoundary>
            <LazyDocumentsStep db={localDb} draftId={fix.id} claimType={claim.type as ClaimType} onlyDocuments={[requested]} refused={refused} />
          </ErrorBoundary>
          {errors.documents && (
            <p class="notice notice--error" id="fix-documents-error" role="alert">
              {errors.documents}
            </p>
          )}
        </section>
      )}
      {usesBank && (
        <label class="choice">
          <input type="checkbox" checked={changeAccount} onChange={(e) => setChangeAccount(e.currentTarget.checked)} />
          <span>{t.changeAccount}</span>
        </label>
      )}
      {changeAccount && <BankFields data={answers} errors={errors} update={update} />}
      <div class="field">
        <label for="fix-note">{t.note}</label>
        <span class="field__hint" id="fix-note-hint">
          {requested ? t.noteHintDocument : t.noteHint}
        </span>
        <textarea id="fix-note" rows={3} value={note} aria-describedby={errors.note ? 'fix-note-hint fix-note-error' : 'fix-note-hint'} aria-invalid={errors.note ? 'true' : undefined} onInput={(e) => setNote(e.currentTarget.value)} />
        {errors.note && (
          <span class="field__error" id="fix-note-error">
            {errors.note}
          </span>
        )}
      </div>
      {errors._ && <p class="notice notice--error">{errors._}</p>}
      {requested && pages !== undefined && pages.length > 0 && <p class="muted">{t.pagesReady(pages.length)}</p>}
      <button type="submit" class="btn btn--primary btn--block" disabled={busy}>
        {isOnline.value ? t.send : t.sendOffline}
      </button>
    </form>
  );
}
