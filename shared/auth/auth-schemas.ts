import * as v from 'valibot';
import { NikSchema } from '../ids/nik.ts';
import { KpjSchema } from '../ids/kpj.ts';
import { EmailSchema } from '../ids/email.ts';
import { PhoneSchema } from '../ids/phone.ts';
import { isIsoDate } from '../rules/dates.ts';
import { text } from '../schema/text.ts';

const Code = v.pipe(v.string('Isi kode 6 angka.'), v.trim(), v.regex(/^\d{6}$/, 'Kode terdiri dari 6 angka.'));
const Password = v.pipe(v.string('Isi kata sandi.'), v.minLength(1, 'Isi kata sandi.'), v.maxLength(128, 'Kata sandi paling panjang 128 huruf.'));

export const SignInSchema = v.object({
  identifier: text({ min: 1, max: 254, required: 'Isi email atau NIK.', tooLong: 'Email atau NIK terlalu panjang.' }),
  password: Password,
});

export const RegisterIdentitySchema = v.object({
  nik: NikSchema,
  kpj: KpjSchema,
  fullName: text({ min: 2, max: 100, required: 'Isi nama lengkap.', tooShort: 'Isi nama lengkap sesuai KTP.', tooLong: 'Nama lengkap paling panjang 100 huruf.' }),
  birthDate: v.pipe(v.string('Isi tanggal lahir.'), v.check(isIsoDate, 'Tanggal lahir tidak valid.')),
});

export const RegisterContactSchema = v.object({
  registrationId: v.pipe(v.string(), v.uuid('Pendaftaran tidak dikenali. Mulai lagi dari langkah pertama.')),
  email: EmailSchema,
  phone: PhoneSchema,
  password: Password,
});

export const VerifyCodeSchema = v.object({
  registrationId: v.pipe(v.string(), v.uuid('Pendaftaran tidak dikenali. Mulai lagi dari langkah pertama.')),
  channel: v.picklist(['email', 'sms'] as const),
  code: Code,
});

export const ResendCodeSchema = v.object({
  registrationId: v.pipe(v.string(), v.uuid('Pendaftaran tidak dikenali. Mulai lagi dari langkah pertama.')),
  channel: v.picklist(['email', 'sms'] as const),
});

export const ResetRequestSchema = v.object({ email: EmailSchema });
export const ResetConfirmSchema = v.object({ token: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{20,100}$/, 'Tautan tidak valid.')), password: Password });
export const ChangePasswordSchema = v.object({ currentPassword: Password, newPassword: Password });
export const AddCardSchema = v.object({ kpj: KpjSchema });

/** A new email or mobile number is proven by a code sent to it; the password guards a borrowed phone. */
export const ContactChangeSchema = v.variant('channel', [
  v.object({ channel: v.literal('email'), email: EmailSchema, currentPassword: Password }),
  v.object({ channel: v.literal('sms'), phone: PhoneSchema, currentPassword: Password }),
]);
export const ContactConfirmSchema = v.object({ channel: v.picklist(['email', 'sms'] as const), code: Code });

/** Passwords people actually use, Indonesian favourites included; refused outright. */
const COMMON_PASSWORDS = new Set([
  'password', 'password1', 'password123', '12345678', '123456789', '1234567890', '87654321', '11111111', '00000000', '12341234',
  'qwerty123', 'qwertyuiop', 'iloveyou', 'sayang123', 'bismillah', 'bismillah123', 'indonesia', 'indonesia1', 'jakarta123',
  'bpjs1234', 'bpjs12345', 'jamsostek', 'jamsostek1', 'ketenagakerjaan', 'admin123', 'welcome1', 'rahasia123', 'katasandi',
  'katasandi1', 'merdeka45', 'garuda123', 'abcd1234', 'abc12345', 'a1234567', 'asdfghjk', 'zxcvbnm1', 'football', 'sunshine',
  'princess', 'superman', 'monkey123', 'dragon123', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'qwerty12', '1q2w3e4r', 'q1w2e3r4',
]);

/** Why a new password is refused, in plain Indonesian, or null when it is acceptable. */
export function passwordProblem(password: string, person: { nik?: string; birthDate?: string }): string | null {
  if (password.length < 8) return 'Kata sandi minimal 8 huruf atau angka.';
  if (password.length > 128) return 'Kata sandi paling panjang 128 huruf.';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) return 'Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain.';
  const digits = password.replace(/\D/g, '');
  if (person.nik && digits.includes(person.nik)) return 'Kata sandi tidak boleh memuat NIK Anda.';
  if (person.birthDate) {
    const [y, m, d] = person.birthDate.split('-');
    const forms = [`${d}${m}${y}`, `${y}${m}${d}`, `${d}${m}${y?.slice(2)}`];
    if (password.includes(person.birthDate) || forms.some((form) => digits.includes(form))) return 'Kata sandi tidak boleh memuat tanggal lahir Anda.';
  }
  return null;
}

export const authErrors = {
  SIGN_IN_FAILED: 'Email/NIK atau kata sandi salah.',
  IDENTITY_MISMATCH: 'Data tidak cocok dengan data kepesertaan, atau NIK ini sudah punya akun. Periksa NIK, nomor KPJ, nama sesuai KTP, dan tanggal lahir. Jika sudah punya akun, silakan masuk atau pakai Lupa kata sandi.',
  WEAK_PASSWORD: 'Kata sandi belum memenuhi syarat.',
  RESEND_TOO_SOON: 'Tunggu sebentar sebelum meminta kode baru.',
  REGISTRATION_EXPIRED: 'Pendaftaran ini sudah kedaluwarsa. Mulai lagi dari langkah pertama.',
  RESET_TOKEN_INVALID: 'Tautan ganti kata sandi tidak berlaku lagi. Minta tautan baru.',
  WRONG_PASSWORD: 'Kata sandi lama salah.',
  CARD_NOT_YOURS: 'Nomor KPJ ini tidak terdaftar atas nama dan NIK Anda.',
  LAST_CARD: 'Kartu terakhir tidak bisa dihapus dari akun.',
  SAME_CONTACT: 'Ini sudah email atau nomor HP akun Anda.',
  CONTACT_UNAVAILABLE: 'Email atau nomor HP ini tidak bisa dipakai. Pilih yang lain.',
} as const;

const codeNames = { email: 'Kode dari email', sms: 'Kode dari SMS' } as const;

/** Names the code that failed: a person holding an email code and an SMS code must know which one to redo. */
export function codeRefusalMessage(code: 'CODE_WRONG' | 'CODE_EXPIRED' | 'CODE_LOCKED', channel: 'email' | 'sms', remainingAttempts?: number): string {
  const name = codeNames[channel];
  if (code === 'CODE_EXPIRED') return `${name} sudah kedaluwarsa. Minta kode baru.`;
  if (code === 'CODE_LOCKED') return `${name} terlalu sering salah. Minta kode baru.`;
  return `${name} salah. Sisa ${remainingAttempts} kali percobaan.`;
}
