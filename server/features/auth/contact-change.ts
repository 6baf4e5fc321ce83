import { eq, sql } from 'drizzle-orm';
import type * as v from 'valibot';
import type { AppDeps, AuthContext } from '../../app-env.ts';
import { accounts, participants } from '../../db/schema.ts';
import { verifyPassword } from '../../auth/password.ts';
import { checkCode, CODE_TTL_MS, issueCode, RESEND_AFTER_MS, secondsUntilResend, type CodeChannel, type CodeSubject } from '../../auth/verification-codes.ts';
import { audit } from '../../security/audit.ts';
import { enqueueMessage } from '../../messaging/message-outbox.ts';
import type { ContactChangeSchema, ContactConfirmSchema } from '../../../shared/auth/auth-schemas.ts';
import { maskEmail } from '../../../shared/ids/email.ts';
import { maskPhone } from '../../../shared/ids/phone.ts';
import { enforceRateLimits } from './enforce-rate-limits.ts';
import { RATE_RULES } from './rate-rules.ts';
import { refused, type CodeRefused, type RateLimited, type Refused, type ResendTooSoon } from './auth-results.ts';

const contactCode = (auth: AuthContext, channel: CodeChannel): CodeSubject => ({ purpose: 'contact', subjectId: `account:${auth.accountId}`, channel });
const codeMessage = (channel: CodeChannel) =>
  channel === 'email' ? { subject: 'Kode verifikasi email baru JMO Lite', purposeText: 'mengganti email akun' } : { subject: '', purposeText: 'mengganti nomor HP akun' };
const mask = (channel: CodeChannel, value: string) => (channel === 'email' ? maskEmail(value) : maskPhone(value));

export interface ContactCodeSent {
  channel: CodeChannel;
  sentTo: string;
  resendAfterSec: number;
  expiresInSec: number;
}
export type ContactChanged = { channel: 'email'; email: string } | { channel: 'sms'; phoneMasked: string };

async function currentContact(deps: AppDeps, auth: AuthContext) {
  const [row] = await deps.db.select({ email: accounts.email, phone: accounts.phoneE164, passwordHash: accounts.passwordHash }).from(accounts).where(eq(accounts.id, auth.accountId));
  return row!;
}

/**
 * Step 1 of changing the email or mobile number: the password again (a phone left unlocked
 * must not be enough to take the account over), then a code to the NEW address. The change
 * itself waits for the code. An email that belongs to another account gets a notice instead
 * of a code, and the answer here is the same, so this cannot be used to find accounts.
 */
export async function startContactChange(
  deps: AppDeps,
  auth: AuthContext,
  input: v.InferOutput<typeof ContactChangeSchema> & { ip: string },
): Promise<{ ok: true; sent: ContactCodeSent } | Refused<'WRONG_PASSWORD' | 'SAME_CONTACT'> | ResendTooSoon | RateLimited> {
  const { ip } = input;
  const limited = await enforceRateLimits(deps, 'contact_change_rate_limited', ip, [
    [`contact-account:${auth.accountId}`, RATE_RULES.contactChangeAccount],
    [`code-send-ip:${ip}`, RATE_RULES.codeSendIp],
  ]);
  if (limited) return limited;
  const now = deps.clock.now();
  const current = await currentContact(deps, auth);
  if (!(await verifyPassword(current.passwordHash, input.currentPassword))) return refused('WRONG_PASSWORD');
  const target = input.channel === 'email' ? input.email : input.phone;
  if (target === (input.channel === 'email' ? current.email : current.phone)) return refused('SAME_CONTACT');
  const subject = contactCode(auth, input.channel);
  const waitSec = await secondsUntilResend(deps.db, subject, now);
  if (waitSec > 0) return { ok: false, code: 'RESEND_TOO_SOON', retryAfterSec: waitSec };

  const [taken] = input.channel === 'email' ? await deps.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, target)) : [];
  await deps.db.transaction(async (tx) => {
    await issueCode(tx, subject, target, taken ? null : codeMessage(input.channel), now);
    if (taken) {
      await enqueueMessage(tx, { channel: 'email', recipient: target, subject: 'Ada yang mencoba memakai email Anda di JMO Lite', body: 'Seseorang mencoba mengganti email akun JMO Lite lain menjadi alamat ini, yang sudah dipakai akun Anda. Akun Anda tidak berubah. Jika Anda lupa kata sandi, gunakan "Lupa kata sandi" di aplikasi.' }, now);
    }
  });
  await audit(deps.db, 'contact_change_requested', { accountId: auth.accountId, ip, detail: { channel: input.channel }, now });
  return { ok: true, sent: { channel: input.channel, sentTo: mask(input.channel, target), resendAfterSec: RESEND_AFTER_MS / 1000, expiresInSec: CODE_TTL_MS / 1000 } };
}

/** Step 2: the right code switches the contact; the old address is told, in case it was not them. */
export async function confirmContactChange(
  deps: AppDeps,
  auth: AuthContext,
  input: v.InferOutput<typeof ContactConfirmSchema> & { ip: string },
): Promise<{ ok: true; changed: ContactChanged } | Refused<'CONTACT_UNAVAILABLE'> | CodeRefused | RateLimited> {
  const { ip } = input;
  const limited = await enforceRateLimits(deps, 'contact_change_rate_limited', ip, [[`code-check-ip:${ip}`, RATE_RULES.codeCheckIp]]);
  if (limited) return limited;
  const now = deps.clock.now();
  const check = await checkCode(deps.db, contactCode(auth, input.channel), input.code, now);
  if (!check.ok) return { ...check, channel: input.channel };
  const previous = await currentContact(deps, auth);
  const changed = await deps.db
    .transaction(async (tx) => {
      await tx
        .update(accounts)
        .set(input.channel === 'email' ? { email: check.target } : { phoneE164: check.target })
        .where(eq(accounts.id, auth.accountId));
      // The profile the phone syncs carries the email and number: give it a new version.
      await tx.update(participants).set({ version: sql`nextval('sync_version_seq')` }).where(eq(participants.id, auth.participantId));
      const notice = `${input.channel === 'email' ? 'Email' : 'Nomor HP'} akun JMO Lite Anda baru saja diganti menjadi ${mask(input.channel, check.target)}. Jika ini bukan Anda, segera hubungi BPJS Ketenagakerjaan di 175.`;
      await enqueueMessage(tx, input.channel === 'email' ? { channel: 'email', recipient: previous.email, subject: 'Email akun JMO Lite Anda diganti', body: notice } : { channel: 'sms', recipient: previous.phone, subject: '', body: notice }, now);
      return true;
    })
    .catch(() => false); // the email was taken by a registration in the meantime (unique index)
  if (!changed) return refused('CONTACT_UNAVAILABLE');
  await audit(deps.db, 'contact_changed', { accountId: auth.accountId, ip, detail: { channel: input.channel }, now });
  return { ok: true, changed: input.channel === 'email' ? { channel: 'email', email: check.target } : { channel: 'sms', phoneMasked: maskPhone(check.target) } };
}
