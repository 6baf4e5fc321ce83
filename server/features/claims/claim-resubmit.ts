import { and, eq } from 'drizzle-orm';
import { claims, participants } from '../../db/schema.ts';
import type { MutationDefinition } from '../../sync/mutation-registry.ts';
import { ClaimResubmitArgsSchema, claimErrors } from '../../../shared/claims/claim-schemas.ts';
import { sameName } from '../../../shared/profile/profile-schemas.ts';
import { advanceClaim } from './claim-status.ts';

/**
 * `claim.resubmit`: the participant's answer to "perlu perbaikan". The corrections and the
 * move back to SUBMITTED (with its event) happen in the push transaction, so the office sees
 * either both or neither; the same mutation id sent twice is answered from the stored result.
 */
export const claimResubmit: MutationDefinition<typeof ClaimResubmitArgsSchema> = {
  name: 'claim.resubmit',
  schema: ClaimResubmitArgsSchema,
  async apply({ tx, auth, now }, args) {
    const [row] = await tx
      .select({ claim: claims, fullName: participants.fullName })
      .from(claims)
      .innerJoin(participants, eq(participants.id, claims.participantId))
      .where(and(eq(claims.claimNo, args.claimNo), eq(claims.participantId, auth.participantId)))
      .for('update');
    if (!row) return { status: 'rejected', code: 'CLAIM_NOT_FOUND', message: claimErrors.CLAIM_NOT_FOUND };
    const { claim, fullName } = row;
    if (claim.status !== 'RETURNED') return { status: 'rejected', code: 'CLAIM_NOT_RETURNED', message: claimErrors.CLAIM_NOT_RETURNED };
    if (args.bankAccount && claim.bankAccount === null) return { status: 'rejected', code: 'NO_BANK_ON_CLAIM', message: claimErrors.NO_BANK_ON_CLAIM };
    if (args.bankAccount && !sameName(args.bankAccount.holderName, fullName)) {
      return { status: 'rejected', code: 'BANK_NAME_MISMATCH', message: claimErrors.BANK_NAME_MISMATCH };
    }
    const confirmed = new Set([...((claim.details.documentsConfirmed as string[] | undefined) ?? []), ...args.documentsConfirmed]);
    await tx
      .update(claims)
      .set({
        details: { ...claim.details, documentsConfirmed: [...confirmed] },
        ...(args.bankAccount ? { bankCode: args.bankAccount.bankCode, bankAccount: args.bankAccount.number } : {}),
      })
      .where(eq(claims.id, claim.id));
    const moved = await advanceClaim(tx, { claimId: claim.id, to: 'SUBMITTED', note: `Diperbaiki peserta: ${args.note}`, actor: 'participant', now, participantId: auth.participantId });
    if (!moved.ok) return { status: 'rejected', code: 'CLAIM_NOT_RETURNED', message: claimErrors.CLAIM_NOT_RETURNED };
    return { status: 'applied', ref: claim.claimNo, data: { claimNo: claim.claimNo, status: 'SUBMITTED' } };
  },
};
