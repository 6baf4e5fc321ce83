// Email is the JMO login and the password-reset channel, so it is stored in one canonical form.
import * as v from 'valibot';

const MESSAGE = 'Alamat email tidak valid.';

/** Lower-cases before validating so 'Sari@Gmail.com' and 'sari@gmail.com' are one account. */
export const EmailSchema = v.pipe(
  v.string(MESSAGE),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(254, MESSAGE),
  v.email(MESSAGE),
);

/** A fixed number of dots hides the length of the local part as well as its letters. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}
