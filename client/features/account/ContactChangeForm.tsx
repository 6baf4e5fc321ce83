import { useState } from 'preact/hooks';
import { useText } from '../../i18n/language.ts';
import { Field } from '../../ui/Field.tsx';
import { callApi } from '../../net/api-client.ts';
import { CodeField, ResendButton } from '../../ui/CodeEntry.tsx';
import { requestSync } from '../../sync/sync-client.ts';
import { accountText } from './account-text.ts';

type Channel = 'email' | 'sms';
interface Pending {
  sentTo: string;
  resendAt: number;
}

/** New email or mobile number: password, then the code sent to the new address. */
export function ContactChangeForm({ onChanged }: { onChanged: () => void }) {
  const t = useText(accountText);
  const [channel, setChannel] = useState<Channel>('email');
  const [value, setValue] = useState('');
  const [currentPassword, setCurrentPassword] = useState('');
  const [code, setCode] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);

  async function sendCode(event?: Event) {
    event?.preventDefault();
    setBusy(true);
    setDone(null);
    const body = channel === 'email' ? { channel, email: value, currentPassword } : { channel, phone: value, currentPassword };
    const result = await callApi<{ sentTo: string; resendAfterSec: number }>('POST', '/api/account/contact', body);
    setBusy(false);
    if (!result.ok) return setErrors({ ...(result.error.fields ?? {}), form: result.error.message });
    setErrors({});
    setPending({ sentTo: result.body.sentTo, resendAt: Date.now() + result.body.resendAfterSec * 1000 });
  }

  async function confirm(event: Event) {
    event.preventDefault();
    setBusy(true);
    const result = await callApi('POST', '/api/account/contact/verify', { channel, code });
    setBusy(false);
    if (!result.ok) return setErrors({ ...(result.error.fields ?? {}), form: result.error.message });
    setErrors({});
    setPending(null);
    setValue('');
    setCurrentPassword('');
    setCode('');
    setDone(channel === 'email' ? t.emailChanged : t.phoneChanged);
    // The profile on the phone shows the contact data: fetch the new one now.
    requestSync();
    onChanged();
  }

  const formError = errors.form && (
    <p class="notice notice--error" role="alert">
      {errors.form}
    </p>
  );

  if (pending) {
    return (
      <form class="card" onSubmit={(e) => void confirm(e)}>
        <h2>{t.changeContact}</h2>
        <p>{t.codeSentTo(pending.sentTo)}</p>
        <CodeField id="contact-code" label={t.code} value={code} error={errors.code} onValue={setCode} />
        {formError}
        <div class="row">
          <button type="submit" class="btn btn--primary" disabled={busy || code.length !== 6}>
            {t.confirmCode}
          </button>
          <ResendButton resendAt={pending.resendAt} busy={busy} onResend={() => void sendCode()} text={t} />
        </div>
        <button type="button" class="btn btn--quiet" onClick={() => (setPending(null), setErrors({}), setCode(''))}>
          {t.cancel}
        </button>
      </form>
    );
  }

  return (
    <form class="card" onSubmit={(e) => void sendCode(e)}>
      <h2>{t.changeContact}</h2>
      {done && (
        <p class="notice notice--success" role="status">
          {done}
        </p>
      )}
      <fieldset class="choice-group row">
        <legend>{t.whatToChange}</legend>
        {(['email', 'sms'] as const).map((option) => (
          <label key={option} class="choice">
            <input type="radio" name="contact-channel" value={option} checked={channel === option} onChange={() => (setChannel(option), setValue(''), setErrors({}))} />
            {option === 'email' ? t.email : t.phone}
          </label>
        ))}
      </fieldset>
      {channel === 'email' ? (
        <Field id="contact-new" type="email" label={t.newEmail} autocomplete="email" value={value} error={errors.email} onInput={(e) => setValue(e.currentTarget.value)} />
      ) : (
        <Field id="contact-new" type="tel" label={t.newPhone} hint={t.phoneHint} autocomplete="tel" inputMode="tel" value={value} error={errors.phone} onInput={(e) => setValue(e.currentTarget.value)} />
      )}
      <Field
        id="contact-password"
        type="password"
        label={t.currentPassword}
        autocomplete="current-password"
        value={currentPassword}
        error={errors.currentPassword}
        onInput={(e) => setCurrentPassword(e.currentTarget.value)}
      />
      {formError}
      <button type="submit" class="btn" disabled={busy || !value || !currentPassword}>
        {busy ? t.sending : t.sendCode}
      </button>
    </form>
  );
}
