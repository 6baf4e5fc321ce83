import type { ComponentChildren } from 'preact';
import { useText } from '../../i18n/language.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { Field } from '../../ui/Field.tsx';
import { BANKS } from '../../../shared/ids/bank.ts';
import { JHT_FULL_CAUSES } from '../../../shared/claims/claim-schemas.ts';
import type { ClaimDraftData, StepId } from './claim-draft-model.ts';
import type { FieldErrors } from '../../ui/field-errors.ts';
import { claimsText } from './claims-text.ts';

export interface StepProps {
  data: ClaimDraftData;
  errors: FieldErrors;
  update: (changes: Partial<ClaimDraftData>) => void;
}

function ErrorText({ message, id }: { message?: string; id: string }) {
  return message ? (
    <p class="field__error" id={id} role="alert">
      {message}
    </p>
  ) : null;
}

function Choices({ legend, error, errorId, children }: { legend: string; error?: string; errorId: string; children: ComponentChildren }) {
  return (
    <fieldset class="choice-group" aria-describedby={error ? errorId : undefined}>
      <legend>{legend}</legend>
      {children}
      <ErrorText message={error} id={errorId} />
    </fieldset>
  );
}

function CardStep({ data, errors, update }: StepProps) {
  const t = useText(claimsText);
  const memberships = useLiveQuery(() => localDb.memberships.toArray(), []);
  if (memberships === undefined) return <div class="skeleton" aria-busy="true" />;
  if (memberships.length === 0) return <p class="notice notice--warning">{t.review.noData}</p>;
  return (
    <Choices legend={t.steps.card} error={errors.kpj} errorId="kpj-error">
      {memberships.map((m) => (
        <label key={m.key} class="choice">
          <input type="radio" name="kpj" checked={data.kpj === m.kpj} onChange={() => update({ kpj: m.kpj })} />
          <span>
            {m.employerName ?? 'BPU'} · KPJ {m.kpj} ({m.status === 'ACTIVE' ? 'aktif' : 'nonaktif'})
          </span>
        </label>
      ))}
    </Choices>
  );
}

function CauseStep({ data, errors, update }: StepProps) {
  const t = useText(claimsText);
  return (
    <Choices legend={t.steps.cause} error={errors.cause} errorId="cause-error">
      {JHT_FULL_CAUSES.map((cause) => (
        <label key={cause} class="choice">
          <input type="radio" name="cause" checked={data.cause === cause} onChange={() => update({ cause })} />
          <span>{t.causes[cause]}</span>
        </label>
      ))}
    </Choices>
  );
}

function PercentStep({ data, errors, update }: StepProps) {
  const t = useText(claimsText);
  return (
    <Choices legend={t.steps.percent} error={errors.percent} errorId="percent-error">
      {([10, 30] as const).map((percent) => (
        <label key={percent} class="choice">
          <input type="radio" name="percent" checked={data.percent === percent} onChange={() => update({ percent })} />
          <span>{percent === 10 ? t.percent10 : t.percent30}</span>
        </label>
      ))}
    </Choices>
  );
}

function CommitmentStep({ data, errors, update }: StepProps) {
  const t = useText(claimsText);
  return (
    <div class="check-list">
      <label>
        <input type="checkbox" checked={data.willingToWork === true} onChange={(e) => update({ willingToWork: e.currentTarget.checked })} />
        <span>{t.willingToWork}</span>
      </label>
      <ErrorText message={errors.willingToWork} id="willing-error" />
    </div>
  );
}

function BankStep({ data, errors, update }: StepProps) {
  const t = useText(claimsText);
  const bank = data.bankAccount ?? { bankCode: '', number: '', holderName: '' };
  const set = (changes: Partial<typeof bank>) => update({ bankAccount: { ...bank, ...changes } });
  return (
    <>
      <div class="field">
        <label for="bankCode">{t.bankCode}</label>
        <select id="bankCode" value={bank.bankCode} aria-invalid={errors['bankAccount.bankCode'] ? 'true' : undefined} onChange={(e) => set({ bankCode: e.currentTarget.value })}>
          <option value="">{t.chooseBank}</option>
          {BANKS.map((b) => (
            <option key={b.code} value={b.code}>
              {b.name}
            </option>
          ))}
        </select>
        <ErrorText message={errors['bankAccount.bankCode']} id="bankCode-error" />
      </div>
      <Field id="accountNumber" label={t.accountNumber} inputMode="numeric" autocomplete="off" value={bank.number} error={errors['bankAccount.number']} onInput={(e) => set({ number: e.currentTarget.value })} />
      <Field id="holderName" label={t.holderName} hint={t.holderNameHint} value={bank.holderName} error={errors['bankAccount.holderName']} onInput={(e) => set({ holderName: e.currentTarget.value })} />
    </>
  );
}

function AccidentStep({ data, errors, update }: StepProps) {
  const t = useText(claimsText);
  return (
    <>
      <p class="notice notice--info">{t.jkkDeadline}</p>
      <Field id="accidentDate" type="date" label={t.accidentDate} value={data.accidentDate ?? ''} error={errors.accidentDate} onInput={(e) => update({ accidentDate: e.currentTarget.value })} />
      <Field id="accidentTime" type="time" label={t.accidentTime} value={data.accidentTime ?? ''} error={errors.accidentTime} onInput={(e) => update({ accidentTime: e.currentTarget.value })} />
      <Field id="place" label={t.place} value={data.place ?? ''} error={errors.place} onInput={(e) => update({ place: e.currentTarget.value })} />
      <div class="field">
        <label for="description">{t.description}</label>
        <span class="field__hint" id="description-hint">
          {t.descriptionHint}
        </span>
        <textarea id="description" rows={4} aria-describedby="description-hint" aria-invalid={errors.description ? 'true' : undefined} value={data.description ?? ''} onInput={(e) => update({ description: e.currentTarget.value })} />
        <ErrorText message={errors.description} id="description-error" />
      </div>
      <div class="check-list">
        <label>
          <input type="checkbox" checked={data.onTheWayToWork === true} onChange={(e) => update({ onTheWayToWork: e.currentTarget.checked })} />
          <span>{t.onTheWayToWork}</span>
        </label>
      </div>
    </>
  );
}

function FacilityStep({ data, errors, update }: StepProps) {
  const t = useText(claimsText);
  return <Field id="facility" label={t.facility} hint={t.facilityHint} value={data.facilityId ?? ''} error={errors.facilityId} onInput={(e) => update({ facilityId: e.currentTarget.value })} />;
}

/** The wizard's own steps; the documents step is the lazy DocumentsStep (client/features/claim-documents) and the review its own screen. */
export const STEP_COMPONENTS: Record<Exclude<StepId, 'review' | 'documents'>, (props: StepProps) => preact.JSX.Element> = {
  card: CardStep,
  cause: CauseStep,
  percent: PercentStep,
  commitment: CommitmentStep,
  bank: BankStep,
  accident: AccidentStep,
  facility: FacilityStep,
};
