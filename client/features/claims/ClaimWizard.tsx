import { useEffect, useRef, useState } from 'preact/hooks';
import { useLanguage, useText } from '../../i18n/language.ts';
import { localDb } from '../../data/local-db-instance.ts';
import type { DraftRow } from '../../data/local-db.ts';
import { requestSync } from '../../sync/sync-client.ts';
import { buildClaimArgs, CLAIM_STEPS, validateStep, type ClaimDraftData, type FieldErrors } from './claim-draft-model.ts';
import { queueClaim, saveClaimDraft } from './claim-drafts.ts';
import { ClaimReview, useClaimAssessment } from './ClaimReview.tsx';
import { STEP_COMPONENTS } from './ClaimSteps.tsx';
import { DeleteDraftButton } from './DeleteDraftButton.tsx';
import { ClaimOutlookPanel } from './ClaimOutlookPanel.tsx';
import { claimsText } from './claims-text.ts';

export function ClaimWizard({ draft }: { draft: DraftRow }) {
  const t = useText(claimsText);
  const language = useLanguage();
  const [data, setData] = useState(draft.data as unknown as ClaimDraftData);
  const [stepIndex, setStepIndex] = useState(draft.step);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const steps = CLAIM_STEPS[data.type];
  const step = steps[Math.min(stepIndex, steps.length - 1)]!;
  const assessment = useClaimAssessment(draft.id, data);

  useEffect(() => headingRef.current?.focus(), [stepIndex]);

  function update(changes: Partial<ClaimDraftData>) {
    const next = { ...data, ...changes };
    setData(next);
    void saveClaimDraft(localDb, draft.id, { data: next }, Date.now());
  }

  function go(delta: number) {
    if (delta > 0) {
      const problems = validateStep(step, data, language);
      setErrors(problems);
      if (Object.keys(problems).length > 0) return;
    }
    const next = Math.max(0, Math.min(steps.length - 1, stepIndex + delta));
    setStepIndex(next);
    void saveClaimDraft(localDb, draft.id, { step: next }, Date.now());
  }

  async function submit() {
    const built = buildClaimArgs(draft.id, data, language);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setBusy(true);
    await queueClaim(localDb, draft, built.args, t.types[data.type].name, Date.now());
    requestSync();
  }

  const StepBody = step === 'review' ? null : STEP_COMPONENTS[step];
  return (
    <form class="card" onSubmit={(e) => (e.preventDefault(), go(1))} noValidate>
      <p class="muted">{t.stepOf(stepIndex + 1, steps.length)}</p>
      <div class="progress" aria-hidden="true">
        <span style={{ width: `${Math.round(((stepIndex + 1) / steps.length) * 100)}%` }} />
      </div>
      <h2 ref={headingRef} tabIndex={-1} style={{ marginTop: 'var(--space-4)' }}>
        {t.steps[step]}
      </h2>
      {StepBody ? <StepBody data={data} errors={errors} update={update} /> : <ClaimReview data={data} assessment={assessment} busy={busy} onSubmit={() => void submit()} />}
      {step === 'card' && data.kpj && <ClaimOutlookPanel draftId={draft.id} type={data.type} kpj={data.kpj} />}
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
        <DeleteDraftButton draftId={draft.id} />
      </div>
    </form>
  );
}
