import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorBoundary } from 'preact-iso';
import { useLanguage, useText } from '../../i18n/language.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { pagesOfDraft } from '../../data/document-pages.ts';
import { requestSync } from '../../sync/sync-client.ts';
import { queueClaimAfterUploads } from '../../uploads/claim-upload-queueing.ts';
import { LazyDocumentsStep } from '../claim-documents/lazy-documents-step.ts';
import { balanceForChecklist, buildClaimArgs, CLAIM_STEPS, documentCauseOf, documentsFor, documentsWithPages, validateStep, type ClaimDraftData, type StepContext } from './claim-draft-model.ts';
import type { FieldErrors } from '../../ui/field-errors.ts';
import { findClaimDraft, keepOnlyDocuments, refusedPageOf, saveClaimDraft } from './claim-drafts.ts';
import type { DraftRow } from '../../data/local-db.ts';
import { documentLabel } from '../../../shared/rules/claim-documents.ts';
import { ClaimReview, useClaimAssessment } from './ClaimReview.tsx';
import { STEP_COMPONENTS } from './ClaimSteps.tsx';
import { DeleteDraftButton } from './DeleteDraftButton.tsx';
import { ClaimOutlookPanel } from './ClaimOutlookPanel.tsx';
import { claimsText } from './claims-text.ts';

type SavedDraft = { data: ClaimDraftData; step: number };

/** The draft as the wizard opens it: a draft handed back for a refused page opens at the documents step, the page marked. */
function savedDraftOf(draft: DraftRow): SavedDraft {
  const data = draft.data as unknown as ClaimDraftData;
  const refusedPage = refusedPageOf(draft);
  if (!refusedPage) return { data, step: draft.step };
  return { data: { ...data, refusedPage }, step: Math.max(0, CLAIM_STEPS[data.type].indexOf('documents')) };
}

/**
 * The one owner of a draft's answers and step while it is edited. It reads them from
 * IndexedDB once, when it opens; from then on they live in the form's state and every change
 * is written through at once (saveClaimDraft), so a killed browser resumes where the user
 * was. The screen's live query watches only whether the draft is still being edited.
 */
export function ClaimWizard({ draftId }: { draftId: string }) {
  const [saved, setSaved] = useState<SavedDraft | null>();
  const [failure, setFailure] = useState<{ error: unknown }>();
  useEffect(() => {
    let open = true;
    findClaimDraft(localDb, draftId).then(
      (draft) => open && setSaved(draft && savedDraftOf(draft)),
      (error: unknown) => open && setFailure({ error }),
    );
    return () => void (open = false);
  }, [draftId]);
  // Thrown while rendering, so the screen's error boundary says what happened instead of a skeleton forever.
  if (failure) throw failure.error;
  if (saved === undefined) return <div class="card skeleton" aria-busy="true" />;
  return saved && <WizardForm draftId={draftId} saved={saved} />;
}

function WizardForm({ draftId, saved }: { draftId: string; saved: SavedDraft }) {
  const t = useText(claimsText);
  const language = useLanguage();
  const [data, setData] = useState(saved.data);
  const [stepIndex, setStepIndex] = useState(saved.step);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const steps = CLAIM_STEPS[data.type];
  const step = steps[Math.min(stepIndex, steps.length - 1)]!;
  const assessment = useClaimAssessment(draftId, data);
  const documents = useDocumentsContext(draftId, data.kpj);
  const context: StepContext = { pages: documents?.pages, balance: documents?.balance };

  useEffect(() => headingRef.current?.focus(), [stepIndex]);
  // Fetched while the participant fills the first steps, so the documents step opens at once (also offline).
  useEffect(() => void LazyDocumentsStep.preload().catch(() => undefined), []);
  // `documentsConfirmed` records the documents that have pages; kept in step with what is photographed.
  const withPages = documents && documentsWithPages(data, context);
  useEffect(() => {
    if (withPages && withPages.join() !== (data.documentsConfirmed ?? []).join()) update({ documentsConfirmed: withPages });
  }, [withPages?.join()]);

  function update(changes: Partial<ClaimDraftData>) {
    const next = { ...data, ...changes };
    setData(next);
    void saveClaimDraft(localDb, draftId, { data: next }, Date.now());
  }

  function go(delta: number) {
    if (delta > 0) {
      const problems = validateStep(step, data, language, context);
      setErrors(problems);
      if (Object.keys(problems).length > 0) return;
    }
    const next = Math.max(0, Math.min(steps.length - 1, stepIndex + delta));
    setStepIndex(next);
    void saveClaimDraft(localDb, draftId, { step: next }, Date.now());
  }

  async function submit() {
    // Read the pages again: another tab may have removed one since this screen last rendered.
    const pages = await pagesOfDraft(localDb, draftId);
    const fresh: StepContext = { pages, balance: documents?.balance };
    const missing = validateStep('documents', data, language, fresh);
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      return go(steps.indexOf('documents') - stepIndex);
    }
    const built = buildClaimArgs(draftId, { ...data, documentsConfirmed: documentsWithPages(data, fresh) }, language);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setBusy(true);
    // Pages of a document the claim no longer needs (the cause changed after they were taken) are not sent.
    await keepOnlyDocuments(localDb, draftId, documentsFor(data, fresh.balance).map((doc) => doc.id));
    await queueClaimAfterUploads(localDb, { draftId, args: built.args, label: t.types[data.type].name }, Date.now());
    requestSync();
  }

  const refusedPage = data.refusedPage && documents?.pages.find((page) => page.id === data.refusedPage!.pageId);
  const refusedLine = refusedPage && t.upload.refused(refusedPage.index + 1, documentLabel(refusedPage.documentId)?.[language] ?? refusedPage.documentId, `${data.refusedPage!.message} ${t.upload.retakeBelow}`);
  const StepBody = step === 'review' || step === 'documents' ? null : STEP_COMPONENTS[step];
  const stepContent = StepBody ? (
    <StepBody data={data} errors={errors} update={update} />
  ) : step === 'documents' ? (
    <>
      {refusedLine && (
        <p class="notice notice--error" role="alert">
          {refusedLine}
        </p>
      )}
      <ErrorBoundary>
        <LazyDocumentsStep db={localDb} draftId={draftId} claimType={data.type} cause={documentCauseOf(data)} balance={balanceForChecklist(data.type, documents?.balance)} refused={data.refusedPage} />
      </ErrorBoundary>
      {errors.documents && (
        <p class="notice notice--error" id="documents-error" role="alert">
          {errors.documents}
        </p>
      )}
    </>
  ) : (
    <ClaimReview data={data} assessment={assessment} documents={documentsFor(data, documents?.balance)} pages={documents?.pages} busy={busy} onSubmit={() => void submit()} />
  );
  return (
    <form class="card" onSubmit={(e) => (e.preventDefault(), go(1))} noValidate>
      <p class="muted">{t.stepOf(stepIndex + 1, steps.length)}</p>
      <div class="progress" aria-hidden="true">
        <span style={{ width: `${Math.round(((stepIndex + 1) / steps.length) * 100)}%` }} />
      </div>
      <h2 ref={headingRef} tabIndex={-1} style={{ marginTop: 'var(--space-4)' }}>
        {t.steps[step]}
      </h2>
      {stepContent}
      {step === 'card' && data.kpj && <ClaimOutlookPanel draftId={draftId} type={data.type} kpj={data.kpj} />}
      <p class="muted">{t.saved}</p>
      <div class="row">
        {stepIndex > 0 && (
          <button type="button" class="btn" onClick={() => go(-1)}>
            {t.back}
          </button>
        )}
        {step !== 'review' && (
          <button type="submit" class="btn btn--primary">
            {t.next}
          </button>
        )}
        <DeleteDraftButton draftId={draftId} />
      </div>
    </form>
  );
}

/** The draft's photographed pages and the chosen card's balance (for the NPWP rule), live. */
function useDocumentsContext(draftId: string, kpj: string | undefined) {
  return useLiveQuery(async () => {
    const [pages, balance] = await Promise.all([pagesOfDraft(localDb, draftId), kpj ? localDb.balances.where('kpj').equals(kpj).first() : undefined]);
    return { pages, balance: balance?.total };
  }, [draftId, kpj]);
}
