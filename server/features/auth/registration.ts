import { createHash, randomInt } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Context } from 'hono';
import type { AppDeps } from '../../app-env.ts';
import { accountCards, accounts, memberships, participants, registrations, verificationCodes } from '../../db/schema.ts';
import { createSession, setSessionCookie } from '../../auth/session.ts';
import { hashPassword } from '../../auth/password.ts';
import { apiError } from '../../http/errors.ts';
import { clientIp } from '../../http/client-ip.ts';
import { audit } from '../../security/audit.ts';
import { enqueueMessage } from '../../messaging/message-outbox.ts';
import type { Tx } from '../../sync/mutation-registry.ts';
import { authErrors, passwordProblem } from '../../../shared/auth/auth-schemas.ts';
import { sameName } from '../../../shared/profile/profile-schemas.ts';
import { maskEmail } from '../../../shared/ids/email.ts';
import { maskNik } from '../../../shared/ids/nik.ts';
import { maskPhone } from '../../../shared/ids/phone.ts';
import { deviceLabel, enforceRateLimits, RATE_RULES } from './auth-guards.ts';

const REGISTRATION_TTL_MS = 30 * 60 * 1000;
const CODE_TTL_MS = 5 * 60 * 1000;
const RESEND_AFTER_MS = 60 * 1000;
const MAX_CODE_ATTEMPTS = 5;
type Channel = 'email' | 'sms';

const codeHash = (registrationId: string, channel: Channel, code: string) => createHash('sha256').update(`${registrationId}:${channel}:${code}`).digest('hex');

/** Step 1: the person must already be in the membership data, matched on all four fields. */
export async function startRegistration(c: Context, deps: AppDeps, input: { nik: string; kpj: string; fullName: string; birthDate: string }): Promise<Response> {
  const ip = clientIp(c, deps.config.trustProxy);
  const limited = await enforceRateLimits(c, deps, [[`register-ip:${ip}`, RATE_RULES.registerIp]]);
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
    return apiError(c, 422, 'IDENTITY_MISMATCH', authErrors.IDENTITY_MISMATCH);
  }
  const [row] = await deps.db
    .insert(registrations)
    .values({ participantId: match.participant.id, membershipId: match.membershipId, createdAt: now, expiresAt: new Date(now.getTime() + REGISTRATION_TTL_MS) })
    .returning({ id: registrations.id });
  await audit(deps.db, 'registration_started', { ip, detail: { nik: maskNik(input.nik) }, now });
  return c.json({ registrationId: row!.id });
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
export async function setRegistrationContact(c: Context, deps: AppDeps, input: { registrationId: string; email: string; phone: string; password: string }): Promise<Response> {
  const ip = clientIp(c, deps.config.trustProxy);
  const found = await liveRegistration(deps, input.registrationId);
  if (!found) return apiError(c, 400, 'REGISTRATION_EXPIRED', authErrors.REGISTRATION_EXPIRED);
  const problem = passwordProblem(input.password, { nik: found.participant.nik, birthDate: found.participant.birthDate });
  if (problem) return apiError(c, 400, 'WEAK_PASSWORD', problem, { password: problem });
  const limited = await enforceRateLimits(c, deps, [[`code-send-ip:${ip}`, RATE_RULES.codeSendIp]]);
  if (limited) return limited;
  const now = deps.clock.now();
  const passwordHash = await hashPassword(input.password);
  const [emailTaken] = await deps.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.email, input.email));
  await deps.db.transaction(async (tx) => {
    await tx.update(registrations).set({ email: input.email, phoneE164: input.phone, passwordHash, emailVerifiedAt: null, phoneVerifiedAt: null }).where(eq(registrations.id, input.registrationId));
    if (emailTaken) {
      // The address owner learns of the attempt; the registrant sees the same screen as always.
      await enqueueMessage(tx, { channel: 'email', recipient: input.email, subject: 'Ada yang mencoba mendaftar dengan email Anda', body: 'Seseorang mencoba mendaftarkan akun JMO Lite baru dengan alamat email ini, yang sudah dipakai akun Anda. Jika itu bukan Anda, abaikan pesan ini. Jika Anda lupa kata sandi, gunakan "Lupa kata sandi" di aplikasi.' }, now);
    } else {
      await issueCode(tx, input.registrationId, 'email', input.email, now);
    }
    await issueCode(tx, input.registrationId, 'sms', input.phone, now);
  });
  return c.json({ emailMasked: maskEmail(input.email), phoneMasked: maskPhone(input.phone), resendAfterSec: RESEND_AFTER_MS / 1000, expiresInSec: CODE_TTL_MS / 1000 });
}

async function issueCode(tx: Tx, registrationId: string, channel: Channel, target: string, now: Date): Promise<void> {
  await tx
    .update(verificationCodes)
    .set({ consumedAt: now })
    .where(and(eq(verificationCodes.subjectId, registrationId), eq(verificationCodes.channel, channel), isNull(verificationCodes.consumedAt)));
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await tx.insert(verificationCodes).values({ purpose: 'register', subjectId: registrationId, channel, target, codeHash: codeHash(registrationId, channel, code), sentAt: now, expiresAt: new Date(now.getTime() + CODE_TTL_MS) });
  const text = `Kode verifikasi JMO Lite Anda: ${code}. Berlaku 5 menit. Jangan berikan kode ini kepada siapa pun, termasuk petugas.`;
  await enqueueMessage(tx, { channel, recipient: target, subject: channel === 'email' ? 'Kode verifikasi pendaftaran JMO Lite' : '', body: text }, now);
}

async function currentCode(deps: AppDeps, registrationId: string, channel: Channel) {
  const [code] = await deps.db
    .select()
    .from(verificationCodes)
    .where(and(eq(verificationCodes.subjectId, registrationId), eq(verificationCodes.channel, channel), eq(verificationCodes.purpose, 'register')))
    .orderBy(desc(verificationCodes.sentAt))
    .limit(1);
  return code ?? null;
}

/** Step 3: each code checked on its own; the account exists only once both are right. */
export async function verifyRegistrationCode(c: Context, deps: AppDeps, input: { registrationId: string; channel: Channel; code: string }): Promise<Response> {
  const ip = clientIp(c, deps.config.trustProxy);
  const limited = await enforceRateLimits(c, deps, [[`code-check-ip:${ip}`, RATE_RULES.codeCheckIp]]);
  if (limited) return limited;
  const found = await liveRegistration(deps, input.registrationId);
  if (!found?.registration.email) return apiError(c, 400, 'REGISTRATION_EXPIRED', authErrors.REGISTRATION_EXPIRED);
  const now = deps.clock.now();
  const code = await currentCode(deps, input.registrationId, input.channel);
  if (!code || code.consumedAt) return apiError(c, 400, 'CODE_EXPIRED', authErrors.CODE_EXPIRED);
  if (code.attempts >= MAX_CODE_ATTEMPTS) return apiError(c, 400, 'CODE_LOCKED', authErrors.CODE_LOCKED);
  if (code.expiresAt <= now) return apiError(c, 400, 'CODE_EXPIRED', authErrors.CODE_EXPIRED);
  if (code.codeHash !== codeHash(input.registrationId, input.channel, input.code)) {
    await deps.db.update(verificationCodes).set({ attempts: code.attempts + 1 }).where(eq(verificationCodes.id, code.id));
    const remaining = MAX_CODE_ATTEMPTS - code.attempts - 1;
    return remaining > 0
      ? apiError(c, 400, 'CODE_WRONG', `${authErrors.CODE_WRONG} Sisa ${remaining} kali percobaan.`, { code: `Sisa ${remaining} kali percobaan.` })
      : apiError(c, 400, 'CODE_LOCKED', authErrors.CODE_LOCKED);
  }
  await deps.db.update(verificationCodes).set({ consumedAt: now }).where(eq(verificationCodes.id, code.id));
  const verified = { ...found.registration, ...(input.channel === 'email' ? { emailVerifiedAt: now } : { phoneVerifiedAt: now }) };
  await deps.db.update(registrations).set(input.channel === 'email' ? { emailVerifiedAt: now } : { phoneVerifiedAt: now }).where(eq(registrations.id, input.registrationId));
  if (!verified.emailVerifiedAt || !verified.phoneVerifiedAt) return c.json({ verified: input.channel, waitingFor: input.channel === 'email' ? 'sms' : 'email' });

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
  if (accountId === null) return apiError(c, 422, 'IDENTITY_MISMATCH', authErrors.IDENTITY_MISMATCH);
  const session = await createSession(deps.db, accountId, { now, deviceLabel: deviceLabel(c.req.header('User-Agent')) });
  setSessionCookie(c, deps, session.token, session.expiresAt);
  await audit(deps.db, 'registered', { accountId, ip, now });
  return c.json({ signedIn: true, account: { email: verified.email, fullName: found.participant.fullName } });
}

/** A new code at most once a minute per channel; the old one stops working. */
export async function resendRegistrationCode(c: Context, deps: AppDeps, input: { registrationId: string; channel: Channel }): Promise<Response> {
  const found = await liveRegistration(deps, input.registrationId);
  if (!found?.registration.email || !found.registration.phoneE164) return apiError(c, 400, 'REGISTRATION_EXPIRED', authErrors.REGISTRATION_EXPIRED);
  const now = deps.clock.now();
  const last = await currentCode(deps, input.registrationId, input.channel);
  const waitMs = last ? last.sentAt.getTime() + RESEND_AFTER_MS - now.getTime() : 0;
  if (waitMs > 0) {
    c.header('Retry-After', String(Math.ceil(waitMs / 1000)));
    return c.json({ code: 'RESEND_TOO_SOON', message: authErrors.RESEND_TOO_SOON, retryAfterSec: Math.ceil(waitMs / 1000) }, 429);
  }
  const ip = clientIp(c, deps.config.trustProxy);
  const limited = await enforceRateLimits(c, deps, [[`code-send-ip:${ip}`, RATE_RULES.codeSendIp]]);
  if (limited) return limited;
  const target = input.channel === 'email' ? found.registration.email : found.registration.phoneE164;
  await deps.db.transaction((tx) => issueCode(tx, input.registrationId, input.channel, target, now));
  return c.json({ sent: true, resendAfterSec: RESEND_AFTER_MS / 1000 });
}
