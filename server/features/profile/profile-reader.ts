import { and, eq, gt } from 'drizzle-orm';
import { accounts, participants } from '../../db/schema.ts';
import { maskNik } from '../../../shared/ids/nik.ts';
import type { PullReader } from '../../sync/pull-readers.ts';

/** The signed-in participant, with the account's contacts; the NIK leaves the server masked. */
export const profileReader: PullReader<'profile'> = {
  entity: 'profile',
  table: 'participants',
  ownerColumn: 'id',
  async read({ tx, scope, since }) {
    const rows = await tx
      .select({ p: participants, email: accounts.email, phone: accounts.phoneE164 })
      .from(participants)
      .innerJoin(accounts, eq(accounts.participantId, participants.id))
      .where(and(eq(participants.id, scope.participantId), gt(participants.version, since)));
    return rows.map(({ p, email, phone }) => ({
      key: 'me' as const,
      nikMasked: maskNik(p.nik),
      fullName: p.fullName,
      birthDate: p.birthDate,
      sex: p.sex,
      email,
      phone,
      address: p.address,
      npwp: p.npwp,
      bankCode: p.bankCode,
      bankAccount: p.bankAccount,
      faceVerified: p.faceVerifiedAt !== null,
      dataUpdated: p.dataUpdatedAt !== null,
    }));
  },
};
