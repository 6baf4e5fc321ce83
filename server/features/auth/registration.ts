import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../app-env.ts';
import { accountCards, accounts, memberships, participants, registrations, verificationCodes } from '../../db/schema.ts';
import { createSession } from '../../auth/session.ts';
import { hashPassword } from '../../auth/password.ts';
import { audit } from '../../security/audit.ts';
import { enqueueMessage } from '../../messaging/message-outbox.ts';
import { checkCode, CODE_TTL_MS, issueCode, RESEND_AFTER_MS, secondsUntilResend, type CodeChannel, type CodeSubject } from '../../auth/verification-codes.ts';
import { passwordProblem } from '../../../shared/auth/auth-schemas.ts';
import { sameName } from '../../../shared/profile/profile-schemas.ts';
import { maskEmail } from '../../../shared/ids/email.ts';
import { maskNik } from '../../../shared/ids/nik.ts';
import { maskPhone } from '../../../shared/ids/phone.ts';
import { enforceRateLimits } from './enforce-rate-limits.ts';
import { RATE_RULES } from './rate-rules.ts';
import { deviceLabel } from './device-label.ts';
import { refused, type CodeRefused, type IssuedSession, type RateLimited, type Refused, type ResendTooSoon, type WeakPassword } from './auth-results.ts';

const REGISTRATION_TTL_MS = 30 * 60 * 1000;
const registrationCode = (registrationId: string, channel: CodeChannel): CodeSubject => ({ purpose: 'register', subjectId: registrationId, channel });
const registrationMessage = { subject: 'Kode verifikasi pendaftaran JMO Lite', purposeText: 'pendaftaran akun' };

/** Where the codes went (masked) and when another may be asked for. */
export interface CodesSent {
  emailMasked: string;
  phoneMasked: string;
  resendAfterSec: number;
  expiresInSec: number;
}

/** One right code waits for the other; the second one creates the account and signs in. */
export type RegistrationVerified =
  | { ok: true; registered: false; verified: CodeChannel; waitingFor: CodeChannel }
  | { ok: true; registered: true; session: IssuedSession; account: { email: string; fullName: string } };

/** Step 1: the person must already be in the membership data, matched on all four fields. */
export async function startRegistration(
  deps: AppDeps,
  input: { nik: string; kpj: string; fullName: string; birthDate: string; ip: string },
): Promise<{ ok: true; registrationId: string } | Refused<'IDENTITY_MISMATCH'> | RateLimited> {
  const { ip } = input;
  const limited = await enforceRateLimits(deps, 'registration_rate_limited', ip, [[`register-ip:${ip}`, RATE_RULES.registerIp]]);
  if (limited) return limited;
  const now = deps.clock.now();
  const [match] = await deps.db
    .select({ participant: participants, membershipId: memberships.id, accountId: accounts.id })
    .from(participants)
    .innerJoin(memberships, and(eq(memberships.participantId, participants.id), eq(memberships.kpj, input.kpj)))
    .leftJoin(accounts, eq(accounts.participantId, participants.id))
    .where(eq(participants.nik, input.nik));
  const matches = match && sameName(match.participant.fullName, input.fullName) && match.participant.birthDate === input.birthDate;
  // One answer for "unknown", "mismatch" and "already registered": nothing to enumerate.
  if (!match || !matches || match.accountId !== null) {
    await audit(deps.db, 'registration_refused', { ip, detail: { nik: maskNik(input.nik), reason: !match ? 'no_match' : !matches ? 'mismatch' : 'has_account' }, now });
    return refused('IDENTITY_MISMATCH');
  }
  const [row] = await deps.db
    .insert(registrations)
    .values({ participantId: match.participant.id, membershipId: match.membershipId, createdAt: now, expiresAt: new Date(now.getTime() + REGISTRATION_TTL_MS) })
    .returning({ id: registrations.id });
  await audit(deps.db, 'registration_started', { ip, detail: { nik: maskNik(input.nik) }, now });
  return { ok: true, registrationId: row!.id };
}

async function liveRegistration(deps: AppDeps, id: string) {
  const [row] = await deps.db
    .select({ registration: registrations, participant: participants })
    .from(registrations)
    .innerJoin(participants, eq(participants.id, registrations.participantId))
    .where(eq(registrations.id, id));
  return row && row.registration.expiresAt > deps.clock.now() ? row : null;
}

/** Step 2: contact data and password; one 6-digit code by email and one by SMS. */
export async function setRegistrationContact(
  deps: AppDeps,
  input: { registrationId: string; email: string; phone: string; password: string; ip: string },
): Promise<{ ok: true; sent: CodesSent } | Refused<'REGISTRATION_EXPIRED'> | WeakPassword | RateLimited> {
  const { ip } = input;
  const found = await liveRegistration(deps, input.registrationId);
  if (!found) return refused('REGISTRATION_EXPIRED');
  const problem = passwordProblem(input.password, { nik: found.participant.nik, birthDate: found.participant.birthDate });
  if (problem) return { ok: false, code: 'WEAK_PASSWORD', field: 'password', problem };
  const limited = await enforceRateLimits(deps, 'registration_rate_limited', ip, [[`code-send-ip:${ip}`, RATE_RULES.codeSendIp]]);
  if (limited) return limited;
  const now = deps.clock.now();
  const passwordHash = await hashPassword(input.password);
  const [emailTaken] = await deps.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, input.email));
  await deps.db.transaction(async (tx) => {
    await tx.update(registrations).set({ email: input.email, phoneE164: input.phone, passwordHash, emailVerifiedAt: null, phoneVerifiedAt: null }).where(eq(registrations.id, input.registrationId));
    // A code is stored either way, so both paths cost the same; the owner of a taken address
    // gets a notice instead of it, and the registrant sees the same screen as always.
    await issueCode(tx, registrationCode(input.registrationId, 'email'), input.email, emailTaken ? null : registrationMessage, now);
    if (emailTaken) {
      await enqueueMessage(tx, { channel: 'email', recipient: input.email, subject: 'Ada yang mencoba mendaftar dengan email Anda', body: 'Seseorang mencoba mendaftarkan akun JMO Lite baru dengan alamat email ini, yang sudah dipakai akun Anda. Jika itu bukan Anda, abaikan pesan ini. Jika Anda lupa kata sandi, gunakan "Lupa kata sandi" di aplikasi.' }, now);
    }
    await issueCode(tx, registrationCode(input.registrationId, 'sms'), input.phone, registrationMessage, now);
  });
  return { ok: true, sent: { emailMasked: maskEmail(input.email), phoneMasked: maskPhone(input.phone), resendAfterSec: RESEND_AFTER_MS / 1000, expiresInSec: CODE_TTL_MS / 1000 } };
}

/** Step 3: each code checked on its own; the account exists only once both are right. */
export async function verifyRegistrationCode(
  deps: AppDeps,
  input: { registrationId: string; channel: CodeChannel; code: string; ip: string; userAgent: string | undefined },
): Promise<RegistrationVerified | Refused<'REGISTRATION_EXPIRED' | 'IDENTITY_MISMATCH'> | CodeRefused | RateLimited> {
  const { ip } = input;
  const limited = await enforceRateLimits(deps, 'registration_rate_limited', ip, [[`code-check-ip:${ip}`, RATE_RULES.codeCheckIp]]);
  if (limited) return limited;
  const found = await liveRegistration(deps, input.registrationId);
  if (!found?.registration.email) return refused('REGISTRATION_EXPIRED');
  const now = deps.clock.now();
  const check = await checkCode(deps.db, registrationCode(input.registrationId, input.channel), input.code, now);
  if (!check.ok) return { ...check, channel: input.channel };
  const verified = { ...found.registration, ...(input.channel === 'email' ? { emailVerifiedAt: now } : { phoneVerifiedAt: now }) };
  await deps.db.update(registrations).set(input.channel === 'email' ? { emailVerifiedAt: now } : { phoneVerifiedAt: now }).where(eq(registrations.id, input.registrationId));
  if (!verified.emailVerifiedAt || !verified.phoneVerifiedAt) return { ok: true, registered: false, verified: input.channel, waitingFor: input.channel === 'email' ? 'sms' : 'email' };

  const accountId = await deps.db
    .transaction(async (tx) => {
      const [account] = await tx
        .insert(accounts)
        .values({ participantId: verified.participantId, email: verified.email!, phoneE164: verified.phoneE164!, passwordHash: verified.passwordHash!, createdAt: now })
        .returning({ id: accounts.id });
      await tx.insert(accountCards).values({ accountId: account!.id, membershipId: verified.membershipId, addedAt: now });
      await tx.delete(verificationCodes).where(eq(verificationCodes.subjectId, input.registrationId));
      await tx.delete(registrations).where(eq(registrations.participantId, verified.participantId));
      return account!.id;
    })
    .catch(() => null); // a concurrent registration of the same NIK or email won the race
  if (accountId === null) return refused('IDENTITY_MISMATCH');
  const session = await createSession(deps.db, accountId, { now, deviceLabel: deviceLabel(input.userAgent) });
  await audit(deps.db, 'registered', { accountId, ip, now });
  return { ok: true, registered: true, session: { token: session.token, expiresAt: session.expiresAt }, account: { email: verified.email!, fullName: found.participant.fullName } };
}

/** A new code at most once a minute per channel; the old one stops working. */
export async function resendRegistrationCode(
  deps: AppDeps,
  input: { registrationId: string; channel: CodeChannel; ip: string },
): Promise<{ ok: true; resendAfterSec: number } | Refused<'REGISTRATION_EXPIRED'> | ResendTooSoon | RateLimited> {
  const found = await liveRegistration(deps, input.registrationId);
  if (!found?.registration.email || !found.registration.phoneE164) return refused('REGISTRATION_EXPIRED');
  const now = deps.clock.now();
  const waitSec = await secondsUntilResend(deps.db, registrationCode(input.registrationId, input.channel), now);
  if (waitSec > 0) return { ok: false, code: 'RESEND_TOO_SOON', retryAfterSec: waitSec };
  const { ip } = input;
  const limited = await enforceRateLimits(deps, 'registration_rate_limited', ip, [[`code-send-ip:${ip}`, RATE_RULES.codeSendIp]]);
  if (limited) return limited;
  const target = input.channel === 'email' ? found.registration.email : found.registration.phoneE164;
  await deps.db.transaction((tx) => issueCode(tx, registrationCode(input.registrationId, input.channel), target, registrationMessage, now));
  return { ok: true, resendAfterSec: RESEND_AFTER_MS / 1000 };
}
