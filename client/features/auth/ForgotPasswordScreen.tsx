import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { defineText, useText } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { Field } from '../../ui/Field.tsx';
import { callApi } from '../../net/api-client.ts';
import { isOnline } from '../../shell/connection.ts';

const text = defineText({
  id: {
    title: 'Lupa kata sandi',
    intro: 'Masukkan email akun Anda. Kami mengirim tautan untuk membuat kata sandi baru, berlaku 1 jam.',
    email: 'Email',
    send: 'Kirim tautan',
    sent: 'Jika email itu terdaftar, tautan sudah dikirim. Periksa kotak masuk dan folder spam.',
    newPassword: 'Kata sandi baru',
    newPasswordHint: 'Minimal 8 huruf/angka. Jangan memakai NIK atau tanggal lahir.',
    confirm: 'Ulangi kata sandi baru',
    mismatch: 'Kedua kata sandi tidak sama. Ketik ulang kata sandi yang sama di kedua kolom.',
    save: 'Simpan kata sandi baru',
    done: 'Kata sandi sudah diganti. Semua perangkat telah dikeluarkan; silakan masuk lagi.',
    signIn: 'Masuk',
    needsInternet: 'Fitur ini memerlukan internet.',
    lostBoth: 'Email dan nomor HP lama sudah tidak aktif? Datang ke kantor cabang dengan KTP, atau telepon 175.',
  },
  en: {
    title: 'Forgot password',
    intro: 'Enter your account email. We send a link to create a new password, valid for 1 hour.',
    email: 'Email',
    send: 'Send link',
    sent: 'If that email is registered, the link has been sent. Check your inbox and spam folder.',
    newPassword: 'New password',
    newPasswordHint: 'At least 8 characters. Do not use your NIK or birth date.',
    confirm: 'Repeat the new password',
    mismatch: 'The two passwords differ. Type the same password in both fields.',
    save: 'Save the new password',
    done: 'Your password has been changed. All devices were signed out; please sign in again.',
    signIn: 'Sign in',
    needsInternet: 'This needs internet.',
    lostBoth: 'Old email and phone number no longer work? Visit a branch office with your ID card, or call 175.',
  },
});

export function ForgotPasswordScreen() {
  const t = useText(text);
  const { query } = useLocation();
  useDocumentTitle(t.title);
  const [value, setValue] = useState('');
  const [confirm, setConfirm] = useState('');
  const [confirmError, setConfirmError] = useState<string | undefined>();
  const [state, setState] = useState<'idle' | 'busy' | 'done'>('idle');
  const [error, setError] = useState<string | null>(null);
  const token = query.token;

  async function submit(event: Event) {
    event.preventDefault();
    // A typo in a hidden password would lock the person out right after resetting it.
    if (token && value !== confirm) {
      setConfirmError(t.mismatch);
      document.getElementById('confirm')?.focus();
      return;
    }
    setConfirmError(undefined);
    setState('busy');
    setError(null);
    const result = token
      ? await callApi('POST', '/api/auth/password-reset/confirm', { token, password: value })
      : await callApi('POST', '/api/auth/password-reset/request', { email: value });
    setState(result.ok ? 'done' : 'idle');
    if (!result.ok) setError(result.error.message);
  }

  return (
    <>
      <h1>{t.title}</h1>
      {!isOnline.value && <p class="notice notice--warning">{t.needsInternet}</p>}
      {state === 'done' ? (
        <div class="notice notice--success" role="status">
          <p>{token ? t.done : t.sent}</p>
          {token && (
            <a class="btn" href="/masuk">
              {t.signIn}
            </a>
          )}
        </div>
      ) : (
        <form class="card" onSubmit={submit} noValidate>
          {!token && <p>{t.intro}</p>}
          {token ? (
            <>
              <Field id="password" type="password" label={t.newPassword} hint={t.newPasswordHint} autocomplete="new-password" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
              <Field id="confirm" type="password" label={t.confirm} autocomplete="new-password" value={confirm} error={confirmError} onInput={(e) => setConfirm(e.currentTarget.value)} />
            </>
          ) : (
            <Field id="email" type="email" label={t.email} autocomplete="email" value={value} onInput={(e) => setValue(e.currentTarget.value)} />
          )}
          {error && (
            <p class="notice notice--error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" class="btn btn--primary btn--block" disabled={state === 'busy' || !isOnline.value || !value}>
            {token ? t.save : t.send}
          </button>
        </form>
      )}
      <p class="muted">{t.lostBoth}</p>
    </>
  );
}
