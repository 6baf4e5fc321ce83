import { useState } from 'preact/hooks';
import * as v from 'valibot';
import { useLanguage, useText } from '../../i18n/language.ts';
import { fieldErrorsFrom } from '../../ui/field-errors.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { Field } from '../../ui/Field.tsx';
import { requestSync } from '../../sync/sync-client.ts';
import { BANKS } from '../../../shared/ids/bank.ts';
import { ProfileUpdateArgsSchema } from '../../../shared/profile/profile-schemas.ts';
import type { ProfileRecord } from '../../../shared/sync/entities.ts';
import { accountText } from './account-text.ts';
import { queueProfileUpdate } from './profile-draft.ts';

/** Address, NPWP and payout account: editable offline, delivered once through the outbox. */
export function ProfileForm({ profile }: { profile: ProfileRecord }) {
  const t = useText(accountText);
  const language = useLanguage();
  const [address, setAddress] = useState(profile.address ?? '');
  const [npwp, setNpwp] = useState(profile.npwp ?? '');
  const [bank, setBank] = useState({ bankCode: profile.bankCode ?? '', number: profile.bankAccount ?? '', holderName: profile.fullName });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [draftId, setDraftId] = useState<string | null>(null);
  const draft = useLiveQuery(async () => (draftId ? ((await localDb.drafts.get(draftId)) ?? null) : null), [draftId]);

  async function save(event: Event) {
    event.preventDefault();
    const args = {
      address: address.trim() && address !== (profile.address ?? '') ? address : undefined,
      npwp: npwp.trim() && npwp !== (profile.npwp ?? '') ? npwp : undefined,
      bankAccount: bank.bankCode && bank.number && (bank.bankCode !== profile.bankCode || bank.number !== profile.bankAccount) ? bank : undefined,
    };
    const parsed = v.safeParse(ProfileUpdateArgsSchema, args);
    if (!parsed.success) {
      return setErrors(fieldErrorsFrom(parsed.issues, t.fieldHelp, language));
    }
    setErrors({});
    const id = await queueProfileUpdate(localDb, parsed.output as Record<string, unknown>, t.profile, Date.now(), () => crypto.randomUUID());
    setDraftId(id);
    requestSync();
  }

  return (
    <form class="card" onSubmit={save} noValidate>
      <h2>{t.profile}</h2>
      <dl class="review-list">
        <dt>{t.nik}</dt>
        <dd>{profile.nikMasked}</dd>
        <dt>{t.email}</dt>
        <dd>{profile.email}</dd>
        <dt>{t.phone}</dt>
        <dd>{profile.phone}</dd>
      </dl>
      <div class="field">
        <label for="address">{t.address}</label>
        <textarea id="address" rows={3} value={address} aria-invalid={errors.address ? 'true' : undefined} onInput={(e) => setAddress(e.currentTarget.value)} />
        {errors.address && <span class="field__error">{errors.address}</span>}
      </div>
      <Field id="npwp" label={t.npwp} hint={t.npwpHint} inputMode="numeric" value={npwp} error={errors.npwp} onInput={(e) => setNpwp(e.currentTarget.value)} />
      <fieldset class="choice-group">
        <legend>{t.bank}</legend>
        <div class="field">
          <label for="bankCode">{t.bankCode}</label>
          <select id="bankCode" value={bank.bankCode} onChange={(e) => setBank({ ...bank, bankCode: e.currentTarget.value })}>
            <option value="">—</option>
            {BANKS.map((b) => (
              <option key={b.code} value={b.code}>
                {b.name}
              </option>
            ))}
          </select>
          {errors['bankAccount.bankCode'] && <span class="field__error">{errors['bankAccount.bankCode']}</span>}
        </div>
        <Field id="accountNumber" label={t.accountNumber} inputMode="numeric" value={bank.number} error={errors['bankAccount.number']} onInput={(e) => setBank({ ...bank, number: e.currentTarget.value })} />
        <Field id="holderName" label={t.holderName} value={bank.holderName} error={errors['bankAccount.holderName']} onInput={(e) => setBank({ ...bank, holderName: e.currentTarget.value })} />
      </fieldset>
      {errors._ && <p class="notice notice--error">{errors._}</p>}
      {draft && (
        <p class={`notice ${draft.state === 'sent' ? 'notice--success' : draft.state === 'rejected' ? 'notice--error' : 'notice--warning'}`} role="status">
          {draft.state === 'sent' ? t.profileSent : draft.state === 'rejected' ? t.profileRejected(draft.rejection?.message ?? '') : t.profileQueued}
        </p>
      )}
      <button type="submit" class="btn btn--primary btn--block">
        {t.saveProfile}
      </button>
    </form>
  );
}
