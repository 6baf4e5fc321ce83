import type { DocumentPageRow, JmoDb } from './local-db.ts';

/**
 * Claim document pages on the phone. They live beside the draft (same database) because a
 * participant photographs a document long before there is signal to send it; the upload
 * queue (client/uploads) reads them from here and marks them sent.
 */

export interface NewPage {
  draftId: string;
  documentId: string;
  blob: Blob;
}

/** The upload's resume key: one per page, so a retaken page (new id) never resumes the old photo's upload. */
export const uploadFingerprint = (pageId: string) => `jmo-page:${pageId}`;

const byDocumentAndIndex = (a: DocumentPageRow, b: DocumentPageRow) => a.documentId.localeCompare(b.documentId) || a.index - b.index;

/** Every page of a draft, grouped by document, each document's pages in order. */
export async function pagesOfDraft(db: JmoDb, draftId: string): Promise<DocumentPageRow[]> {
  return (await db.documentPages.where('draftId').equals(draftId).toArray()).sort(byDocumentAndIndex);
}

function pagesOfDocument(db: JmoDb, draftId: string, documentId: string): Promise<DocumentPageRow[]> {
  return db.documentPages.where('[draftId+documentId]').equals([draftId, documentId]).sortBy('index');
}

const freshPage = (page: NewPage, id: string, index: number, now: number): DocumentPageRow => ({
  id,
  draftId: page.draftId,
  documentId: page.documentId,
  index,
  blob: page.blob,
  size: page.blob.size,
  type: page.blob.type,
  createdAt: now,
  uploadState: 'pending',
  uploadedBytes: 0,
});

/** Thrown when a page of a draft already sent ("Kirim" pressed) is changed: what goes up must stay what the participant saw. */
export class FrozenDraftError extends Error {
  constructor(readonly draftId: string) {
    super('Dokumen klaim ini sudah dikirim dan tidak bisa diubah lagi.');
    this.name = 'FrozenDraftError';
  }
}

/** Pages may change while their draft is edited (or before the draft row exists); not once it is sent. */
async function assertEditable(db: JmoDb, draftId: string): Promise<void> {
  const draft = await db.drafts.get(draftId);
  if (draft && draft.state !== 'editing') throw new FrozenDraftError(draftId);
}

/** Adds a page after the document's last one. A full phone rejects it (a quota error) and leaves the other pages as they were. */
export async function addPage(db: JmoDb, page: NewPage, now: number, randomUUID: () => string): Promise<string> {
  const id = randomUUID();
  await db.transaction('rw', db.documentPages, db.drafts, async () => {
    await assertEditable(db, page.draftId);
    const index = (await pagesOfDocument(db, page.draftId, page.documentId)).length;
    await db.documentPages.add(freshPage(page, id, index, now));
  });
  return id;
}

/**
 * A new photo in place of a page: same document, same place, a new id so it is uploaded as a
 * new file. The old photo's resume record goes; an upload the server already holds for it is
 * left to the server's expiry (the claim will not name it).
 */
export async function retakePage(db: JmoDb, pageId: string, blob: Blob, now: number, randomUUID: () => string): Promise<string> {
  const id = randomUUID();
  await db.transaction('rw', db.documentPages, db.uploadUrls, db.drafts, async () => {
    const old = await db.documentPages.get(pageId);
    if (!old) throw new Error(`Halaman ${pageId} tidak ada lagi`);
    await assertEditable(db, old.draftId);
    await forgetPage(db, old.id);
    await db.documentPages.add(freshPage({ ...old, blob }, id, old.index, now));
  });
  return id;
}

/** Removes a page and closes the gap, so the document's pages stay numbered 0, 1, 2, … */
export async function removePage(db: JmoDb, pageId: string): Promise<void> {
  await db.transaction('rw', db.documentPages, db.uploadUrls, db.drafts, async () => {
    const removed = await db.documentPages.get(pageId);
    if (!removed) return;
    await assertEditable(db, removed.draftId);
    await forgetPage(db, removed.id);
    const later = (await pagesOfDocument(db, removed.draftId, removed.documentId)).filter((page) => page.index > removed.index);
    await db.documentPages.bulkPut(later.map((page) => ({ ...page, index: page.index - 1 })));
  });
}

/** Every page of a draft and their resume records (the draft was deleted). */
export async function deletePagesOfDraft(db: JmoDb, draftId: string): Promise<void> {
  await db.transaction('rw', db.documentPages, db.uploadUrls, async () => {
    const ids = await db.documentPages.where('draftId').equals(draftId).primaryKeys();
    await db.uploadUrls.where('fingerprint').anyOf(ids.map(uploadFingerprint)).delete();
    await db.documentPages.bulkDelete(ids);
  });
}

async function forgetPage(db: JmoDb, pageId: string): Promise<void> {
  await db.uploadUrls.where('fingerprint').equals(uploadFingerprint(pageId)).delete();
  await db.documentPages.delete(pageId);
}
