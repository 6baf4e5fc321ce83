import { and, eq, isNull, notInArray } from 'drizzle-orm';
import { claims, documentUploads, participants } from '../../db/schema.ts';
import type { MutationDefinition } from '../../sync/mutation-registry.ts';
import { ClaimResubmitArgsSchema, claimErrors } from '../../../shared/claims/claim-schemas.ts';
import { sameName } from '../../../shared/profile/profile-schemas.ts';
import { advanceClaim } from './claim-status.ts';
import { linkPages, lockNamedPages } from '../uploads/document-uploads.ts';
import { checkClaimDocuments } from '../../../shared/claims/claim-document-check.ts';

/**
 * `claim.resubmit`: the participant's answer to "perlu perbaikan". The corrections and the
 * move back to SUBMITTED (with its event) happen in the push transaction, so the office sees
 * either both or neither; the same mutation id sent twice is answered from the stored result.
 * When the office asked for one document again, the answer must bring a complete page of it; the
 * new pages then stand in for the claim's older pages of that document (kept, marked replaced).
 * Pages of other documents are welcome too (a page the participant found missing) and are added.
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
    const pages = await lockNamedPages(tx, auth.participantId, args.documents, now);
    const requested = claim.requestedDocumentId;
    const documentCheck = checkClaimDocuments({ named: args.documents, pages, required: requested ? [requested] : [], ownClaimId: claim.id });
    if (!documentCheck.ok) return { status: 'rejected', code: documentCheck.code, message: documentCheck.message };
    if (requested) {
      const replacing = args.documents.filter((id) => pages.get(id)?.documentId === requested);
      await tx
        .update(documentUploads)
        .set({ supersededAt: now })
        .where(
          and(
            eq(documentUploads.claimId, claim.id),
            eq(documentUploads.documentId, requested),
            isNull(documentUploads.supersededAt),
            notInArray(documentUploads.id, replacing),
          ),
        );
    }
    await linkPages(tx, auth.participantId, args.documents, claim.id);
    const confirmed = new Set([...((claim.details.documentsConfirmed as string[] | undefined) ?? []), ...args.documentsConfirmed]);
    await tx
      .update(claims)
      .set({
        details: { ...claim.details, documentsConfirmed: [...confirmed], documents: [...new Set([...((claim.details.documents as string[] | undefined) ?? []), ...args.documents])] },
        requestedDocumentId: null,
        ...(args.bankAccount ? { bankCode: args.bankAccount.bankCode, bankAccount: args.bankAccount.number } : {}),
      })
      .where(eq(claims.id, claim.id));
    const moved = await advanceClaim(tx, { claimId: claim.id, to: 'SUBMITTED', note: `Diperbaiki peserta: ${args.note}`, actor: 'participant', now, participantId: auth.participantId });
    if (!moved.ok) return { status: 'rejected', code: 'CLAIM_NOT_RETURNED', message: claimErrors.CLAIM_NOT_RETURNED };
    return { status: 'applied', ref: claim.claimNo, data: { claimNo: claim.claimNo, status: 'SUBMITTED' } };
  },
};
