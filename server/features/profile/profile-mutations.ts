import { eq } from 'drizzle-orm';
import { participants } from '../../db/schema.ts';
import type { MutationDefinition } from '../../sync/mutation-registry.ts';
import { ProfileUpdateArgsSchema, profileErrors, sameName } from '../../../shared/profile/profile-schemas.ts';
import { normalizeNpwp } from '../../../shared/ids/npwp.ts';

/** Address, NPWP and payout account, queued on the phone and applied here once. */
export const profileUpdate: MutationDefinition<typeof ProfileUpdateArgsSchema> = {
  name: 'profile.update',
  schema: ProfileUpdateArgsSchema,
  async apply({ tx, auth, now }, args) {
    const [person] = await tx.select().from(participants).where(eq(participants.id, auth.participantId));
    if (!person) return { status: 'rejected', code: 'NOT_FOUND', message: 'Data peserta tidak ditemukan.' };
    const changes: Partial<typeof participants.$inferInsert> = { dataUpdatedAt: now };
    if (args.address !== undefined) changes.address = args.address;
    if (args.npwp !== undefined) {
      const npwp = normalizeNpwp(args.npwp, person.nik);
      if (!npwp.ok) return { status: 'rejected', code: npwp.code, message: profileErrors[npwp.code] };
      changes.npwp = npwp.value;
    }
    if (args.bankAccount !== undefined) {
      if (!sameName(args.bankAccount.holderName, person.fullName)) {
        return { status: 'rejected', code: 'BANK_NAME_MISMATCH', message: profileErrors.BANK_NAME_MISMATCH };
      }
      changes.bankCode = args.bankAccount.bankCode;
      changes.bankAccount = args.bankAccount.number;
    }
    await tx.update(participants).set(changes).where(eq(participants.id, auth.participantId));
    return { status: 'applied' };
  },
};
