import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { checklistAnswersOf, findClaimPage, groupClaimPages } from '../../../../server/features/backoffice/claim-document-pages.ts';
import type { documentUploads } from '../../../../server/db/schema.ts';

type Upload = typeof documentUploads.$inferSelect;
const claim = { id: 7, participantId: 3, draftId: randomUUID() };
const at = (minute: number) => new Date(Date.UTC(2026, 10, 25, 3, minute));

function upload(documentId: string, page: number, changes: Partial<Upload> = {}): Upload {
  return {
    id: randomUUID(),
    participantId: claim.participantId,
    draftId: claim.draftId,
    documentId,
    page,
    size: 1000,
    uploadedBytes: 1000,
    status: 'COMPLETE',
    refusalCode: null,
    detectedType: 'image/jpeg',
    sha256: 'ab'.repeat(32),
    createdAt: at(0),
    completedAt: at(1),
    expiresAt: at(60),
    claimId: claim.id,
    supersededAt: null,
    ...changes,
  };
}

const shape = (documents: ReturnType<typeof groupClaimPages>) =>
  documents.map((d) => [d.documentId, d.pages.map((p) => p.uploadId), d.superseded.map((p) => p.uploadId), d.complete]);

describe('the pages the office sees for a claim', () => {
  it('takes the pages the claim names, in checklist order and page order, replaced ones apart (latest replaced first)', () => {
    const kk = upload('KK', 0);
    const ktp1 = upload('KTP', 1);
    const ktp0 = upload('KTP', 0);
    const oldest = upload('KTP', 0, { supersededAt: at(5) });
    const older = upload('KTP', 0, { supersededAt: at(9) });
    // A page of the same draft the claim does not name (dropped on the phone) is not the claim's.
    const leftOver = upload('NPWP', 0, { claimId: null });
    const documents = groupClaimPages(claim, [kk, ktp1, oldest, ktp0, older, leftOver]);
    expect(shape(documents)).toEqual([
      ['KTP', [ktp0.id, ktp1.id], [older.id, oldest.id], true],
      ['KK', [kk.id], [], true],
    ]);
    expect(findClaimPage(documents, older.id)?.document.documentId).toBe('KTP');
    expect(findClaimPage(documents, leftOver.id)).toBeUndefined();
  });

  it('stands in the draft\u2019s pages for a claim filed before pages were named; a later named page replaces its document\u2019s draft pages', () => {
    const ktp = upload('KTP', 0, { claimId: null });
    const kk = upload('KK', 0, { claimId: null, status: 'UPLOADING', uploadedBytes: 200, detectedType: null, sha256: null, completedAt: null });
    expect(shape(groupClaimPages(claim, [ktp, kk]))).toEqual([
      ['KTP', [ktp.id], [], true],
      ['KK', [kk.id], [], false],
    ]);
    // The resubmission's page lives under the correction's own draft and names the claim.
    const retaken = upload('KTP', 0, { draftId: randomUUID(), completedAt: at(30) });
    const documents = groupClaimPages(claim, [ktp, kk, retaken]);
    expect(shape(documents)).toEqual([
      ['KTP', [retaken.id], [ktp.id], true],
      ['KK', [kk.id], [], false],
    ]);
    expect(documents[0]!.superseded[0]!.supersededAt).toEqual(at(30));
  });

  it('reads the checklist answers back from the stored claim', () => {
    expect(checklistAnswersOf({ type: 'JHT_FULL', cause: 'PHK', details: {} })).toEqual({ type: 'JHT_FULL', cause: 'PHK' });
    expect(checklistAnswersOf({ type: 'JHT_PARTIAL', cause: 'PARTIAL_30', details: {} })).toEqual({ type: 'JHT_PARTIAL', percent: 30 });
    expect(checklistAnswersOf({ type: 'JKK', cause: null, details: { onTheWayToWork: true } })).toEqual({ type: 'JKK', onTheWayToWork: true });
    expect(checklistAnswersOf({ type: 'JKP', cause: null, details: {} })).toEqual({ type: 'JKP' });
    expect(checklistAnswersOf({ type: 'SOMETHING_ELSE', cause: null, details: {} })).toBeUndefined();
  });
});
