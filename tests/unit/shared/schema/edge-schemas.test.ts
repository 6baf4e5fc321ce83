import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { text, textErrors } from '../../../../shared/schema/text.ts';
import { INT4_MAX } from '../../../../shared/schema/numbers.ts';
import { AddCardSchema, ContactChangeSchema, RegisterContactSchema, RegisterIdentitySchema, SignInSchema } from '../../../../shared/auth/auth-schemas.ts';
import { ClaimCancelArgsSchema, ClaimSubmitArgsSchema } from '../../../../shared/claims/claim-schemas.ts';
import { ComplaintFileArgsSchema, ComplaintReplyArgsSchema, NotificationReadArgsSchema } from '../../../../shared/complaints/complaint-schemas.ts';
import { ProfileUpdateArgsSchema } from '../../../../shared/profile/profile-schemas.ts';
import { PaymentWebhookSchema } from '../../../../shared/payments/payment-schemas.ts';
import { MutationSchema, PullQuerySchema, PushRequestSchema } from '../../../../shared/sync/protocol.ts';

const uuid = '7d6f4a4e-3f0b-4c8e-9d55-1c2b3a4d5e6f';
const bank = { bankCode: '002', number: '123456789012', holderName: 'Siti Rahayu' };
const jkk = {
  type: 'JKK', draftId: uuid, kpj: '12345678901', accidentDate: '2026-11-20', accidentTime: '08:30', place: 'Gudang PT, Jl. Industri 3',
  description: 'Tangan kiri terjepit mesin press saat mengganti cetakan.', onTheWayToWork: false, facilityId: 'plkk-bandung-1', documentsConfirmed: ['KPJ'],
  documents: [uuid],
};

/** Every free-text field and identifier, with a valid value around it: [label, schema, valid input, path to the field]. */
const FIELDS: [string, v.GenericSchema, Record<string, unknown>, (string | number)[]][] = [
  ['sign-in identifier', SignInSchema, { identifier: 'siti@demo.test', password: 'rahasia' }, ['identifier']],
  ['registration NIK', RegisterIdentitySchema, { nik: '3273015505900001', kpj: '12345678901', fullName: 'Siti Rahayu', birthDate: '1990-05-15' }, ['nik']],
  ['registration KPJ', RegisterIdentitySchema, { nik: '3273015505900001', kpj: '12345678901', fullName: 'Siti Rahayu', birthDate: '1990-05-15' }, ['kpj']],
  ['registration full name', RegisterIdentitySchema, { nik: '3273015505900001', kpj: '12345678901', fullName: 'Siti Rahayu', birthDate: '1990-05-15' }, ['fullName']],
  ['registration birth date', RegisterIdentitySchema, { nik: '3273015505900001', kpj: '12345678901', fullName: 'Siti Rahayu', birthDate: '1990-05-15' }, ['birthDate']],
  ['registration email', RegisterContactSchema, { registrationId: uuid, email: 'siti@demo.test', phone: '081234567890', password: 'rahasia' }, ['email']],
  ['registration phone', RegisterContactSchema, { registrationId: uuid, email: 'siti@demo.test', phone: '081234567890', password: 'rahasia' }, ['phone']],
  ['registration id', RegisterContactSchema, { registrationId: uuid, email: 'siti@demo.test', phone: '081234567890', password: 'rahasia' }, ['registrationId']],
  ['contact change email', ContactChangeSchema, { channel: 'email', email: 'siti@demo.test', currentPassword: 'rahasia' }, ['email']],
  ['added card KPJ', AddCardSchema, { kpj: '12345678901' }, ['kpj']],
  ['claim place', ClaimSubmitArgsSchema, jkk, ['place']],
  ['claim description', ClaimSubmitArgsSchema, jkk, ['description']],
  ['claim facility', ClaimSubmitArgsSchema, jkk, ['facilityId']],
  ['claim document id', ClaimSubmitArgsSchema, jkk, ['documentsConfirmed', 0]],
  ['claim document page id', ClaimSubmitArgsSchema, jkk, ['documents', 0]],
  ['claim bank holder', ClaimSubmitArgsSchema, { ...jkk, type: 'JHT_FULL', cause: 'PHK', bankAccount: bank }, ['bankAccount', 'holderName']],
  ['claim bank number', ClaimSubmitArgsSchema, { ...jkk, type: 'JHT_FULL', cause: 'PHK', bankAccount: bank }, ['bankAccount', 'number']],
  ['claim number to cancel', ClaimCancelArgsSchema, { claimNo: 'KLM-261125-000001' }, ['claimNo']],
  ['complaint description', ComplaintFileArgsSchema, { draftId: uuid, category: 'SALDO', description: 'Saldo saya tidak bertambah sejak bulan lalu.' }, ['description']],
  ['complaint reply', ComplaintReplyArgsSchema, { complaintKey: '12', replyId: uuid, body: 'Terima kasih, saya tunggu.' }, ['body']],
  ['complaint reply key', ComplaintReplyArgsSchema, { complaintKey: '12', replyId: uuid, body: 'Terima kasih, saya tunggu.' }, ['complaintKey']],
  ['profile address', ProfileUpdateArgsSchema, { address: 'Jl. Melati No. 5, Bandung' }, ['address']],
  ['profile NPWP', ProfileUpdateArgsSchema, { npwp: '123456789012345' }, ['npwp']],
  ['webhook notification id', PaymentWebhookSchema, { notificationId: 'GW-12345678', virtualAccount: '1234567890123456', amount: 1000, paidAt: '2026-11-25T03:00:00.000Z' }, ['notificationId']],
  ['sync device id', PushRequestSchema, { deviceId: uuid, mutations: [{ id: 1, name: 'profile.update', args: {}, createdAt: 1 }] }, ['deviceId']],
  ['mutation name', PushRequestSchema, { deviceId: uuid, mutations: [{ id: 1, name: 'profile.update', args: {}, createdAt: 1 }] }, ['mutations', 0, 'name']],
  ['pull cursor', PullQuerySchema, { cursor: '1.20' }, ['cursor']],
];

function withField(input: Record<string, unknown>, path: (string | number)[], change: (value: string) => string): unknown {
  const copy = structuredClone(input) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  node[last] = change(String(node[last]));
  return copy;
}

describe('the shared text piece', () => {
  const Field = text({ min: 1, max: 20 });
  it('refuses NUL, other C0 controls and DEL, but keeps newline and tab', () => {
    for (const bad of ['a\u0000b', 'a\u0001b', 'a\u001Bb', 'a\u007Fb', 'a\rb']) expect(v.safeParse(Field, bad).issues?.[0]?.message).toBe(textErrors.CONTROL_CHARACTER);
    expect(v.parse(Field, 'baris 1\nbaris\t2')).toBe('baris 1\nbaris\t2');
  });
  it('refuses lone surrogates and keeps real emoji and right-to-left marks', () => {
    for (const bad of ['a\uD800', '\uDC00b', 'a\uDBFFb']) expect(v.safeParse(Field, bad).issues?.[0]?.message).toBe(textErrors.BROKEN_CHARACTER);
    expect(v.parse(Field, 'oke 😀 \u200F')).toBe('oke 😀 \u200F');
  });
  it('normalises to NFC, trims, and bounds the length', () => {
    expect(v.parse(Field, '  Cafe\u0301  ')).toBe('Caf\u00E9');
    expect(v.safeParse(Field, 'x'.repeat(21)).success).toBe(false);
    expect(v.safeParse(Field, '   ').success).toBe(false);
  });
});

describe('every free-text field and identifier in shared/', () => {
  for (const [label, schema, input, path] of FIELDS) {
    it(`${label}: accepts the valid value, refuses NUL, C0 controls and lone surrogates`, () => {
      expect(v.safeParse(schema, input).issues).toBeUndefined();
      for (const poison of ['\u0000', '\u0007', '\uD800', '\uDFFF']) {
        expect(v.safeParse(schema, withField(input, path, (value) => `${value.slice(0, 2)}${poison}${value.slice(2)}`)).success, `${label} ${JSON.stringify(poison)}`).toBe(false);
      }
    });
  }
});

describe('numbers bounded to their columns', () => {
  it('notification keys fit PostgreSQL integer', () => {
    expect(v.safeParse(NotificationReadArgsSchema, { keys: ['1', String(INT4_MAX)] }).success).toBe(true);
    for (const key of ['0', '-1', '2147483648', '999999999999', '1e3', '01', 'NaN', ' 1']) expect(v.safeParse(NotificationReadArgsSchema, { keys: [key] }).success, key).toBe(false);
  });
  it('mutation ids are positive safe integers (bigint column)', () => {
    for (const id of [0, -1, 2 ** 53, 1.5, Number.NaN]) expect(v.safeParse(MutationSchema, { id, name: 'x', args: {}, createdAt: 1 }).success, String(id)).toBe(false);
    expect(v.safeParse(MutationSchema, { id: 2 ** 53 - 1, name: 'x', args: {}, createdAt: 1 }).success).toBe(true);
  });
});
