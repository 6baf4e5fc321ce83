import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/database.ts';
import { claimEvents, claims } from '../../db/schema.ts';
import type { MutationDefinition } from '../../sync/mutation-registry.ts';
import { ClaimSubmitArgsSchema, claimErrors } from '../../../shared/claims/claim-schemas.ts';
import { assessClaim } from '../../../shared/claims/claim-eligibility.ts';
import { sameName } from '../../../shared/profile/profile-schemas.ts';
import { jakartaDate } from '../../jakarta-date.ts';
import { loadClaimFacts } from './claim-facts.ts';
import { linkPages, lockNamedPages } from '../uploads/document-uploads.ts';
import { checkClaimDocuments, requiredClaimDocuments } from '../../../shared/claims/claim-document-check.ts';

/**
 * `claim.submit`: the phone's queued claim. The server re-checks every rule with its own data
 * and is the authority; a refusal is final and carries the reason the participant reads.
 */
export const claimSubmit: MutationDefinition<typeof ClaimSubmitArgsSchema> = {
  name: 'claim.submit',
  schema: ClaimSubmitArgsSchema,
  async apply({ tx, auth, now }, args) {
    // Second guard beside the mutation id: a draft that already became a claim answers that claim.
    const [existing] = await tx
      .select({ claimNo: claims.claimNo, status: claims.status })
      .from(claims)
      .where(and(eq(claims.participantId, auth.participantId), eq(claims.draftId, args.draftId)));
    if (existing) return { status: 'applied', ref: existing.claimNo, data: { claimNo: existing.claimNo, status: existing.status } };

    const loaded = await loadClaimFacts(tx, auth.accountId, auth.participantId, args.kpj, args.type);
    if (!loaded) return { status: 'rejected', code: 'CARD_NOT_YOURS', message: claimErrors.CARD_NOT_YOURS };
    if ('bankAccount' in args && !sameName(args.bankAccount.holderName, loaded.fullName)) {
      return { status: 'rejected', code: 'BANK_NAME_MISMATCH', message: claimErrors.BANK_NAME_MISMATCH };
    }
    const today = jakartaDate(now);
    const assessment = assessClaim(args, loaded.facts, today);
    if (!assessment.eligible) return { status: 'rejected', code: assessment.code, message: assessment.message };

    // A claim is never applied before its pages are all on the server, whole and its own.
    const pages = await lockNamedPages(tx, auth.participantId, args.documents, now);
    // The same draft pushed from two devices at once: the second waited on the page locks above and
    // now sees them named by the first; it answers that claim, as the guard at the top would have.
    const linkedClaimIds = [...new Set([...pages.values()].flatMap((page) => (page.claimId === null ? [] : [page.claimId])))];
    if (linkedClaimIds.length > 0) {
      const [raced] = await tx
        .select({ claimNo: claims.claimNo, status: claims.status })
        .from(claims)
        .where(and(inArray(claims.id, linkedClaimIds), eq(claims.participantId, auth.participantId), eq(claims.draftId, args.draftId)));
      if (raced) return { status: 'applied', ref: raced.claimNo, data: { claimNo: raced.claimNo, status: raced.status } };
    }
    const required = requiredClaimDocuments(args, loaded.facts.jhtBalance).map((document) => document.id);
    const documentCheck = checkClaimDocuments({ named: args.documents, pages, draftId: args.draftId, required });
    if (!documentCheck.ok) return { status: 'rejected', code: documentCheck.code, message: documentCheck.message };

    // The id is taken first so the claim number can be written in the same insert.
    const id = Number(rowsOf<{ id: number }>(await tx.execute(sql`select nextval('claims_id_seq')::int as id`))[0]?.id);
    const claimNo = `KLM-${today.replaceAll('-', '').slice(2)}-${String(id).padStart(6, '0')}`;
    const { draftId, type, documentsConfirmed, documents, ...rest } = args;
    const details: Record<string, unknown> = { ...rest };
    delete details.kpj;
    delete details.bankAccount;
    await tx.insert(claims).values({
      id,
      claimNo,
      participantId: auth.participantId,
      membershipId: loaded.membershipId,
      draftId,
      program: assessment.program,
      type,
      cause: args.type === 'JHT_FULL' ? args.cause : args.type === 'JHT_PARTIAL' ? `PARTIAL_${args.percent}` : null,
      channel: assessment.channel,
      requestedAmount: assessment.requestedAmount,
      tax: assessment.tax,
      bankCode: 'bankAccount' in args ? args.bankAccount.bankCode : null,
      bankAccount: 'bankAccount' in args ? args.bankAccount.number : null,
      details: { ...details, documentsConfirmed, documents },
      status: 'SUBMITTED',
      createdAt: now,
    });
    await linkPages(tx, auth.participantId, documents, id);
    await tx.insert(claimEvents).values({ claimId: id, participantId: auth.participantId, status: 'SUBMITTED', note: null, actor: 'participant', at: now });
    return { status: 'applied', ref: claimNo, data: { claimNo, status: 'SUBMITTED' } };
  },
};
