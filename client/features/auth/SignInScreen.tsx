import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useText } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { Field } from '../../ui/Field.tsx';
import { callApi } from '../../net/api-client.ts';
import { isOnline } from '../../shell/connection.ts';
import { adoptAccount, readSignedInEmail } from '../../data/session-state.ts';
import { maskEmail } from '../../../shared/ids/email.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { resumeSyncAfterSignIn, signInRequired } from '../../sync/sync-client.ts';
import { authText } from './auth-text.ts';

interface SignInAnswer {
  account: { email: string };
}

export function SignInScreen() {
  const t = useText(authText);
  const { route } = useLocation();
  useDocumentTitle(t.signInTitle);
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ identifier?: string; password?: string }>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const unsent = useLiveQuery(async () => ({ count: await localDb.outbox.count(), owner: await readSignedInEmail() }), []);

  async function submit(event: Event) {
    event.preventDefault();
    const missing = { identifier: identifier.trim() ? undefined : t.required, password: password ? undefined : t.required };
    setFieldErrors(missing);
    if (missing.identifier || missing.password) return;
    setBusy(true);
    setFormError(null);
    const result = await callApi<SignInAnswer>('POST', '/api/auth/sign-in', { identifier: identifier.trim(), password });
    setBusy(false);
    if (!result.ok) {
      // A refused identifier (e.g. an invisible character pasted with it) is shown at the field.
      setFieldErrors({ identifier: result.error.fields?.identifier, password: result.error.fields?.password });
      setFormError(result.error.message);
      return;
    }
    await adoptAccount(result.body.account.email);
    resumeSyncAfterSignIn();
    route('/', true);
  }

  return (
    <>
      <h1>{t.signInTitle}</h1>
      {signInRequired.value && <p class="notice notice--warning">{t.sessionEnded}</p>}
      {!isOnline.value && <p class="notice notice--info">{t.needsInternet}</p>}
      {unsent && unsent.count > 0 && unsent.owner && <p class="notice notice--warning">{t.otherAccountData(unsent.count, maskEmail(unsent.owner))}</p>}
      <form class="card" onSubmit={submit} noValidate>
        <p>{t.signInIntro}</p>
        <Field
          id="identifier"
          label={t.identifier}
          hint={t.identifierHint}
          error={fieldErrors.identifier}
          autocomplete="username"
          value={identifier}
          onInput={(e) => setIdentifier(e.currentTarget.value)}
        />
        <Field
          id="password"
          type="password"
          label={t.password}
          error={fieldErrors.password}
          autocomplete="current-password"
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        {formError && (
          <p class="notice notice--error" role="alert">
            {formError}
          </p>
        )}
        <button type="submit" class="btn btn--primary btn--block" disabled={busy}>
          {busy ? t.submitting : t.submit}
        </button>
        <p class="row" style={{ marginTop: 'var(--space-3)', justifyContent: 'space-between' }}>
          <a href="/lupa-kata-sandi">{t.forgot}</a>
          <a href="/daftar">
            {t.noAccount} {t.register}
          </a>
        </p>
      </form>
    </>
  );
}
