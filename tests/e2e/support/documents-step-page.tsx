import { render } from 'preact';
import { openLocalDb } from '../../../client/data/local-db.ts';
import { pagesOfDraft } from '../../../client/data/document-pages.ts';
import { LazyDocumentsStep } from '../../../client/features/claim-documents/lazy-documents-step.ts';

/** Mounts the documents step alone (as the wizard will) on a JHT claim for resignation, and lets the test read the stored pages. */
declare global {
  interface Window {
    storedPages(): Promise<{ id: string; documentId: string; index: number; type: string; size: number }[]>;
  }
}

const db = openLocalDb('documents-step-e2e');
window.storedPages = async () => (await pagesOfDraft(db, 'draft-1')).map(({ id, documentId, index, type, size }) => ({ id, documentId, index, type, size }));
render(<LazyDocumentsStep db={db} draftId="draft-1" claimType="JHT_FULL" cause="RESIGN" />, document.getElementById('root')!);
