import { useLocation, useRoute } from 'preact-iso';
import { useText } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import type { DraftRow } from '../../data/local-db.ts';
import { SyncStatus } from '../../shell/SyncStatus.tsx';
import type { ClaimDraftData } from './claim-draft-model.ts';
import { copyRejectedDraft, findClaimDraft, reopenUploadingDraft } from './claim-drafts.ts';
import { ClaimUploadPanel } from './ClaimUploadPanel.tsx';
import { DeleteDraftButton } from './DeleteDraftButton.tsx';
import { ClaimWizard } from './ClaimWizard.tsx';
import { claimsText } from './claims-text.ts';

export function ClaimDraftScreen() {
  const t = useText(claimsText);
  const { params } = useRoute();
  const draft = useLiveQuery(() => findClaimDraft(localDb, params.id ?? ''), [params.id]);
  const type = (draft?.data as unknown as ClaimDraftData | undefined)?.type;
  useDocumentTitle(type ? t.types[type].name : t.title);
  if (draft === undefined) return <div class="card skeleton" aria-busy="true" />;
  if (draft === null) return <p class="empty-state">{t.noDrafts}</p>;
  return (
    <>
      <h1>{t.types[type!].name}</h1>
      {draft.state === 'editing' ? <ClaimWizard key={draft.id} draftId={draft.id} /> : <DraftOutcome draft={draft} />}
    </>
  );
}

/** Queued → sent (with the server's claim number) or refused (with the reason and what to do). */
function DraftOutcome({ draft }: { draft: DraftRow }) {
  const t = useText(claimsText);
  const { route } = useLocation();
  const claim = useLiveQuery(() => localDb.claims.where('draftId').equals(draft.id).first(), [draft.id]);
  if (draft.state === 'uploading') {
    return (
      <>
        <SyncStatus />
        <ClaimUploadPanel draft={draft} onRetake={(refused) => void reopenUploadingDraft(localDb, draft.id, Date.now(), refused)} />
        <p class="muted">{t.queuedNoDelete}</p>
      </>
    );
  }
  if (draft.state === 'queued') {
    return (
      <>
        <SyncStatus />
        <div class="notice notice--warning" role="status">
          <p>
            <strong>{t.state.queued}</strong>
          </p>
          <p>{t.queuedExplain}</p>
          <p>{t.queuedNoDelete}</p>
        </div>
      </>
    );
  }
  if (draft.state === 'sent') {
    return (
      <div class="notice notice--success" role="status">
        <p>
          <strong>{t.sentWithNumber(draft.resultRef ?? '')}</strong>
        </p>
        {claim && (
          <a class="btn" href={`/klaim/lacak/${claim.key}`}>
            {t.track}
          </a>
        )}
      </div>
    );
  }
  return (
    <div class="notice notice--error" role="alert">
      <p>
        <strong>{t.rejectedBecause(draft.rejection?.message ?? '')}</strong>
      </p>
      <div class="row">
        <button type="button" class="btn" onClick={async () => route(`/klaim/draf/${await copyRejectedDraft(localDb, draft, Date.now(), () => crypto.randomUUID())}`)}>
          {t.fixAndRetry}
        </button>
        <DeleteDraftButton draftId={draft.id} />
      </div>
    </div>
  );
}
