import { useState } from 'preact/hooks';
import { useLanguage, useText } from '../../i18n/language.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { pagesOfDraft } from '../../data/document-pages.ts';
import type { DraftRow } from '../../data/local-db.ts';
import { isOnline } from '../../shell/connection.ts';
import { requestSync } from '../../sync/sync-client.ts';
import { askToUploadNow } from '../../uploads/claim-upload-queueing.ts';
import type { ClaimUploadStatus } from '../../data/local-db.ts';
import { documentLabel } from '../../../shared/rules/claim-documents.ts';
import { amount, documentsText } from '../claim-documents/documents-text.ts';
import { claimsText } from './claims-text.ts';

/** What the panel shows: the stage's own report, or (before the stage first ran) what the pages say. */
function statusOf(draft: DraftRow, pages: { size: number; uploadState: string }[]): ClaimUploadStatus {
  if (draft.upload) return draft.upload;
  const done = pages.filter((page) => page.uploadState === 'done');
  return {
    pagesDone: done.length,
    pagesTotal: pages.length,
    bytesDone: done.reduce((sum, page) => sum + page.size, 0),
    bytesTotal: pages.reduce((sum, page) => sum + page.size, 0),
    state: isOnline.value ? 'uploading' : 'offline',
    updatedAt: draft.updatedAt,
  };
}

export interface RefusedPage {
  pageId: string;
  message: string;
}

/**
 * A claim (or a correction) whose photos are still going up: how far, in pages and bytes, and
 * when it waits, why, in plain words, with what the participant can do about it.
 */
export function ClaimUploadPanel({ draft, onRetake, compact = false }: { draft: DraftRow; onRetake?: (refused: RefusedPage) => void; compact?: boolean }) {
  const t = useText(claimsText);
  const d = useText(documentsText);
  const language = useLanguage();
  const [asking, setAsking] = useState(false);
  const pages = useLiveQuery(() => pagesOfDraft(localDb, draft.id), [draft.id]);
  if (pages === undefined) return <div class="skeleton" aria-busy="true" />;
  const status = statusOf(draft, pages);
  const sending = status.state === 'uploading' || status.state === 'retrying';
  const line = sending ? d.uploadProgress(status) : d.uploadWaiting(status);
  const percent = status.bytesTotal > 0 ? Math.round((status.bytesDone / status.bytesTotal) * 100) : 0;
  const refusedPage = status.state === 'refused' ? pages.find((page) => page.id === status.problem?.pageId) : undefined;
  const refusedDocument = documentLabel(status.problem?.documentId ?? refusedPage?.documentId ?? '')?.[language];
  const tone = status.state === 'refused' ? 'notice--error' : sending ? 'notice--info' : 'notice--warning';

  async function uploadNow() {
    setAsking(true);
    try {
      await askToUploadNow(localDb, draft.id);
      requestSync();
    } finally {
      setAsking(false);
    }
  }

  return (
    <section class={`notice ${tone} upload-panel`} aria-labelledby={`upload-${draft.id}`} data-upload-state={status.state}>
      <p id={`upload-${draft.id}`} class="upload-panel__line">
        {compact ? line : <strong>{line}</strong>}
      </p>
      <div class="progress upload-panel__bar" role="progressbar" aria-labelledby={`upload-${draft.id}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={line}>
        <span style={{ width: `${percent}%` }} />
      </div>
      <div role="status" aria-live="polite">
        {status.state === 'offline' && <p>{t.upload.offline}</p>}
        {status.state === 'waiting-for-wifi' && (
          <p>
            <strong>{t.upload.wifi}</strong> {!compact && t.upload.wifiMore}
          </p>
        )}
        {status.state === 'data-saver' && (
          <p>
            <strong>{t.upload.dataSaver}</strong> {!compact && t.upload.dataSaverMore(amount(status.bytesTotal - status.bytesDone, language === 'id' ? ',' : '.'))}
          </p>
        )}
        {status.state === 'retrying' && <p>{t.upload.retrying}</p>}
      </div>
      {status.state === 'refused' && (
        <p role="alert">
          {refusedPage && refusedDocument ? t.upload.refused(refusedPage.index + 1, refusedDocument, status.problem?.message ?? '') : t.upload.refusedOther(status.problem?.message ?? '')}
        </p>
      )}
      {!compact && (
        <div class="row">
          {status.state === 'data-saver' && (
            <button type="button" class="btn btn--primary" disabled={asking} onClick={() => void uploadNow()}>
              {t.upload.uploadNow}
            </button>
          )}
          {status.state === 'waiting-for-wifi' && (
            <a class="btn" href="/pengaturan">
              {t.upload.settings}
            </a>
          )}
          {onRetake && status.state === 'refused' && (
            <button type="button" class="btn btn--primary" onClick={() => onRetake({ pageId: status.problem?.pageId ?? '', message: status.problem?.message ?? '' })}>
              {t.upload.retake}
            </button>
          )}
        </div>
      )}
      {!compact && status.state !== 'refused' && <p class="muted upload-panel__after">{t.upload.after}</p>}
    </section>
  );
}
