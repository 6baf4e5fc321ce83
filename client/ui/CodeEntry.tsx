import { Field } from './Field.tsx';
import { useNow } from '../shell/use-now.ts';

/** A 6-digit code from an email or SMS: digits only, and the phone may offer it from the message. */
export function CodeField({ id, label, value, error, onValue }: { id: string; label: string; value: string; error?: string; onValue: (code: string) => void }) {
  return (
    <Field
      id={id}
      label={label}
      inputMode="numeric"
      autocomplete="one-time-code"
      maxLength={6}
      value={value}
      error={error}
      onInput={(e) => onValue(e.currentTarget.value.replace(/\D/g, ''))}
    />
  );
}

/** "Send again", disabled with a visible countdown until the server allows another code. */
export function ResendButton({ resendAt, busy, onResend, text }: { resendAt: number | undefined; busy: boolean; onResend: () => void; text: { resend: string; resendIn: (seconds: number) => string } }) {
  const now = useNow(1000);
  const waitSec = Math.max(0, Math.ceil(((resendAt ?? 0) - now) / 1000));
  return (
    <button type="button" class="btn btn--quiet" disabled={busy || waitSec > 0} onClick={onResend}>
      {waitSec > 0 ? text.resendIn(waitSec) : text.resend}
    </button>
  );
}
