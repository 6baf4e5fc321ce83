import { and, eq } from 'drizzle-orm';
import { claims } from '../../db/schema.ts';
import type { MutationDefinition } from '../../sync/mutation-registry.ts';
import { advanceClaim } from './claim-status.ts';
import { ClaimCancelArgsSchema } from '../../../shared/claims/claim-schemas.ts';

/** `claim.cancel`: allowed only before verification starts (DOMAIN.md §3). */
export const claimCancel: MutationDefinition<typeof ClaimCancelArgsSchema> = {
  name: 'claim.cancel',
  schema: ClaimCancelArgsSchema,
  async apply({ tx, auth, now }, args) {
    const [claim] = await tx.select({ id: claims.id }).from(claims).where(and(eq(claims.claimNo, args.claimNo), eq(claims.participantId, auth.participantId)));
    if (!claim) return { status: 'rejected', code: 'NOT_FOUND', message: 'Klaim tidak ditemukan.' };
    const result = await advanceClaim(tx, { claimId: claim.id, to: 'CANCELLED', note: 'Dibatalkan oleh peserta', actor: 'participant', now, participantId: auth.participantId });
    if (!result.ok) return { status: 'rejected', code: 'CANNOT_CANCEL', message: 'Klaim yang sudah diverifikasi tidak bisa dibatalkan lagi.' };
    return { status: 'applied', ref: args.claimNo };
  },
};
