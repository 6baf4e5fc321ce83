import type { MembershipRecord, ProfileRecord } from '../../../shared/sync/entities.ts';
import { openLocalDb, type JmoDb } from '../../../client/data/local-db.ts';

/** A fresh phone database per test: fake-indexeddb keeps databases for the whole file. */
export async function freshLocalDb(): Promise<JmoDb> {
  const db = openLocalDb(`test-${crypto.randomUUID()}`);
  await db.open();
  return db;
}

export const dewiProfile = (changes: Partial<ProfileRecord> = {}): ProfileRecord => ({
  key: 'me',
  nikMasked: '3374••••••••9001',
  fullName: 'Dewi Lestari',
  birthDate: '1995-01-27',
  sex: 'F',
  email: 'dewi.lestari@demo.jmo-lite.test',
  phone: '+6281200000003',
  address: null,
  npwp: null,
  bankCode: null,
  bankAccount: null,
  faceVerified: true,
  dataUpdated: true,
  ...changes,
});

export const laidOffCard = (changes: Partial<MembershipRecord> = {}): MembershipRecord => ({
  key: '11',
  kpj: '99123456789',
  segment: 'PU',
  employerName: 'PT Karya Tekstil Abadi',
  programs: ['JHT', 'JKK', 'JKM', 'JP', 'JKP'],
  status: 'NONACTIVE',
  startDate: '2021-03-01',
  endDate: '2026-09-25',
  endReason: 'PHK',
  reportedWage: 3_500_000,
  declaredIncome: null,
  cardToken: 'token',
  ...changes,
});
