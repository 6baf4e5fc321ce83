import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { useText } from '../../i18n/language.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { deleteClaimDraft } from './claim-drafts.ts';
import { claimsText } from './claims-text.ts';

/** "Hapus draf", asked once more in a dialog, then back to the claims list. */
export function DeleteDraftButton({ draftId }: { draftId: string }) {
  const t = useText(claimsText);
  const { route } = useLocation();
  const [asking, setAsking] = useState(false);
  async function confirm() {
    setAsking(false);
    await deleteClaimDraft(localDb, draftId);
    route('/klaim');
  }
  return (
    <>
      <button type="button" class="btn btn--quiet" aria-haspopup="dialog" onClick={() => setAsking(true)}>
        {t.deleteDraft}
      </button>
      <ConfirmDialog
        open={asking}
        title={t.deleteConfirm.title}
        body={t.deleteConfirm.body}
        confirmLabel={t.deleteConfirm.confirm}
        cancelLabel={t.deleteConfirm.cancel}
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(false)}
      />
    </>
  );
}
