import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useText } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { CodeField, ResendButton } from '../../ui/CodeEntry.tsx';
import { Field } from '../../ui/Field.tsx';
import { callApi } from '../../net/api-client.ts';
import { isOnline } from '../../shell/connection.ts';
import { adoptAccount } from '../../data/session-state.ts';
import { resumeSyncAfterSignIn } from '../../sync/sync-client.ts';
import { registerText } from './register-text.ts';
import { emptyRegisterState, loadRegisterState, saveRegisterState, type RegisterState } from './register-state.ts';

type Errors = Record<string, string | undefined>;

export function RegisterScreen() {
  const t = useText(registerText);
  const { route } = useLocation();
  useDocumentTitle(t.title);
  const [state, setState] = useState<RegisterState>(loadRegisterState);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [codes, setCodes] = useState({ email: '', sms: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => saveRegisterState(state), [state]);
  const update = (changes: Partial<RegisterState>) => setState((current) => ({ ...current, ...changes }));

  /** A refused code is shown under its own field (`errorField`), not below both codes, where it would sit off-screen. */
  async function send<T>(path: string, body: unknown, errorField?: string): Promise<T | null> {
    setBusy(true);
    const result = await callApi<T>('POST', `/api/auth/${path}`, body);
    setBusy(false);
    if (result.ok) return result.body;
    if (errorField && result.error.fields?.code) {
      setErrors({ [errorField]: result.error.message });
      requestAnimationFrame(() => showFieldError(errorField));
    } else setErrors({ ...(result.error.fields ?? {}), form: result.error.message });
    if (result.error.code === 'REGISTRATION_EXPIRED') update({ step: 1, registrationId: undefined });
    return null;
  }

  async function submitIdentity(event: Event) {
    event.preventDefault();
    const missing: Errors = Object.fromEntries((['nik', 'kpj', 'fullName', 'birthDate'] as const).filter((k) => !state[k].trim()).map((k) => [k, t.required]));
    setErrors(missing);
    if (Object.keys(missing).length) return;
    const answer = await send<{ registrationId: string }>('register/identity', { nik: state.nik.replace(/\s/g, ''), kpj: state.kpj.replace(/\s/g, ''), fullName: state.fullName, birthDate: state.birthDate });
    if (answer) update({ step: 2, registrationId: answer.registrationId });
  }

  async function submitContact(event: Event) {
    event.preventDefault();
    if (password !== confirm) return setErrors({ confirm: t.mismatch });
    setErrors({});
    const answer = await send<{ emailMasked: string; phoneMasked: string; resendAfterSec: number }>('register/contact', { registrationId: state.registrationId, email: state.email, phone: state.phone, password });
    if (answer) update({ step: 3, emailMasked: answer.emailMasked, phoneMasked: answer.phoneMasked, verified: { email: false, sms: false }, resendAt: Date.now() + answer.resendAfterSec * 1000 });
  }

  async function verify(channel: 'email' | 'sms') {
    setErrors({});
    const answer = await send<{ signedIn?: boolean; account?: { email: string } }>('register/verify', { registrationId: state.registrationId, channel, code: codes[channel] }, `code-${channel}`);
    if (!answer) return;
    if (answer.signedIn && answer.account) {
      saveRegisterState(null);
      await adoptAccount(answer.account.email);
      resumeSyncAfterSignIn();
      route('/', true);
      return;
    }
    update({ verified: { ...state.verified, [channel]: true } });
  }

  async function resend(channel: 'email' | 'sms') {
    const answer = await send<{ resendAfterSec: number }>('register/resend', { registrationId: state.registrationId, channel });
    if (answer) update({ resendAt: Date.now() + answer.resendAfterSec * 1000 });
  }

  const formError = errors.form && (
    <p class="notice notice--error" role="alert">
      {errors.form}
    </p>
  );
  return (
    <>
      <h1>{t.title}</h1>
      <p class="muted">
        {t.stepOf(state.step)} · {t.steps[state.step - 1]}
      </p>
      {!isOnline.value && <p class="notice notice--warning">{t.needsInternet}</p>}
      {state.step === 1 && (
        <form class="card" onSubmit={submitIdentity} noValidate>
          <p>{t.intro}</p>
          <Field id="nik" label={t.nik} hint={t.nikHint} inputMode="numeric" autocomplete="off" maxLength={20} value={state.nik} error={errors.nik} onInput={(e) => update({ nik: e.currentTarget.value })} />
          <Field id="kpj" label={t.kpj} hint={t.kpjHint} inputMode="numeric" autocomplete="off" maxLength={15} value={state.kpj} error={errors.kpj} onInput={(e) => update({ kpj: e.currentTarget.value })} />
          <Field id="fullName" label={t.fullName} autocomplete="name" value={state.fullName} error={errors.fullName} onInput={(e) => update({ fullName: e.currentTarget.value })} />
          <Field id="birthDate" type="date" label={t.birthDate} autocomplete="bday" value={state.birthDate} error={errors.birthDate} onInput={(e) => update({ birthDate: e.currentTarget.value })} />
          {formError}
          <button type="submit" class="btn btn--primary btn--block" disabled={busy || !isOnline.value}>
            {busy ? t.sending : t.next}
          </button>
          <p>
            <a href="/masuk">{t.haveAccount}</a>
          </p>
        </form>
      )}
      {state.step === 2 && (
        <form class="card" onSubmit={submitContact} noValidate>
          <Field id="email" type="email" label={t.email} autocomplete="email" value={state.email} error={errors.email} onInput={(e) => update({ email: e.currentTarget.value })} />
          <Field id="phone" type="tel" label={t.phone} hint={t.phoneHint} autocomplete="tel" value={state.phone} error={errors.phone} onInput={(e) => update({ phone: e.currentTarget.value })} />
          <Field id="password" type="password" label={t.password} hint={t.passwordHint} autocomplete="new-password" value={password} error={errors.password} onInput={(e) => setPassword(e.currentTarget.value)} />
          <Field id="confirm" type="password" label={t.confirmPassword} autocomplete="new-password" value={confirm} error={errors.confirm} onInput={(e) => setConfirm(e.currentTarget.value)} />
          {formError}
          <button type="submit" class="btn btn--primary btn--block" disabled={busy || !isOnline.value}>
            {busy ? t.sending : t.next}
          </button>
        </form>
      )}
      {state.step === 3 && (
        <div class="card stack">
          <p>{t.codesSent(state.emailMasked ?? '', state.phoneMasked ?? '')}</p>
          {(['email', 'sms'] as const).map((channel) => (
            <div key={channel}>
              {state.verified[channel] ? (
                <p class="notice notice--success">
                  {channel === 'email' ? t.emailCode : t.smsCode}: {t.verified}
                </p>
              ) : (
                <>
                  <CodeField id={`code-${channel}`} label={channel === 'email' ? t.emailCode : t.smsCode} value={codes[channel]} error={errors[`code-${channel}`]} onValue={(code) => setCodes({ ...codes, [channel]: code })} />
                  <div class="row">
                    <button type="button" class="btn btn--primary" disabled={busy || codes[channel].length !== 6} onClick={() => void verify(channel)}>
                      {t.verify}
                    </button>
                    <ResendButton resendAt={state.resendAt} busy={busy} onResend={() => void resend(channel)} text={t} />
                  </div>
                </>
              )}
            </div>
          ))}
          {formError}
          <button type="button" class="btn btn--quiet" onClick={() => (saveRegisterState(null), setState(emptyRegisterState()))}>
            {t.startOver}
          </button>
        </div>
      )}
    </>
  );
}

/** Puts the cursor back in the refused field and brings its message into view on a short screen. */
function showFieldError(fieldId: string) {
  document.getElementById(fieldId)?.focus({ preventScroll: true });
  document.getElementById(`${fieldId}-error`)?.scrollIntoView({ block: 'center' });
}
