import { useEffect, useMemo, useState } from 'preact/hooks';
import type { JmoDb, DocumentPageRow } from '../../data/local-db.ts';
import { addPage, pagesOfDraft, removePage, retakePage } from '../../data/document-pages.ts';
import { isQuotaError } from '../../data/storage-quota.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { useLanguage, useText } from '../../i18n/language.ts';
import { documentLabel, requiredDocuments, type ClaimType } from '../../../shared/rules/claim-documents.ts';
import { documentsText } from './documents-text.ts';
import { IntakeError, takeInPage } from './page-intake.ts';
import { shrinkInWorker } from './shrink-client.ts';
import type { ShrunkPage } from './shrink-image.ts';
import './documents.css';

export interface DocumentsStepProps {
  db: JmoDb;
  draftId: string;
  claimType: ClaimType;
  /** The cause as shared/rules/claim-documents.ts reads it (e.g. 'RESIGN', 'HOUSING', 'ROAD_ACCIDENT'). */
  cause?: string;
  /** The JHT balance, for the NPWP rule. */
  balance?: number;
  /** Only these documents (a returned claim retakes just the one the office asked for again). */
  onlyDocuments?: readonly string[];
  /** A page the server refused, marked so the participant knows which one to take again. */
  refused?: { pageId: string; message: string };
  shrink?: (photo: Blob) => Promise<ShrunkPage>;
}

type Problem = keyof Pick<(typeof documentsText)['id'], 'unreadable' | 'wrongType' | 'pdfTooLarge' | 'storageFull'>;
const PROBLEM_TEXT: Record<IntakeError['problem'], Problem> = { 'wrong-type': 'wrongType', 'pdf-too-large': 'pdfTooLarge', unreadable: 'unreadable' };

const labelled = (id: string) => {
  const label = documentLabel(id);
  return label ? [{ id, label }] : [];
};

/** Object URLs for the thumbnails, made once per page and released when the page goes. */
function useThumbnails(pages: DocumentPageRow[] | undefined): Map<string, string> {
  const urls = useMemo(() => new Map((pages ?? []).map((page) => [page.id, URL.createObjectURL(page.blob)])), [pages]);
  useEffect(() => () => urls.forEach((url) => URL.revokeObjectURL(url)), [urls]);
  return urls;
}

/**
 * The claim's documents, photographed or picked page by page. Everything stays on the phone
 * (IndexedDB), so this works offline; sending is the upload queue's job (client/uploads).
 */
export function DocumentsStep({ db, draftId, claimType, cause, balance, onlyDocuments, refused, shrink = shrinkInWorker }: DocumentsStepProps) {
  const t = useText(documentsText);
  const language = useLanguage();
  const documents = onlyDocuments ? onlyDocuments.flatMap((id) => labelled(id)) : requiredDocuments(claimType, cause, { balance });
  const pages = useLiveQuery(() => pagesOfDraft(db, draftId), [db, draftId]);
  const thumbnails = useThumbnails(pages);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<{ documentId: string; text: Problem } | null>(null);

  async function take(documentId: string, files: FileList | null, replacing?: string) {
    const picked = [...(files ?? [])];
    if (picked.length === 0) return;
    setBusy(documentId);
    setProblem(null);
    try {
      for (const file of picked) {
        const blob = await takeInPage(file, shrink);
        if (replacing) await retakePage(db, replacing, blob, Date.now(), () => crypto.randomUUID());
        else await addPage(db, { draftId, documentId, blob }, Date.now(), () => crypto.randomUUID());
      }
    } catch (error) {
      if (error instanceof IntakeError) setProblem({ documentId, text: PROBLEM_TEXT[error.problem] });
      else if (isQuotaError(error)) setProblem({ documentId, text: 'storageFull' });
      else throw error;
    } finally {
      setBusy(null);
    }
  }

  const fileInput = (documentId: string, label: string, options: { camera: boolean; replacing?: string; extraClass?: string }) => (
    <label class={`btn doc-pick ${options.extraClass ?? ''}`}>
      <input
        type="file"
        class="visually-hidden"
        accept={options.camera ? 'image/*' : 'image/*,application/pdf'}
        capture={options.camera ? 'environment' : undefined}
        multiple={!options.camera && !options.replacing}
        disabled={busy !== null}
        onChange={(event) => {
          const input = event.currentTarget;
          void take(documentId, input.files, options.replacing).finally(() => (input.value = ''));
        }}
      />
      {label}
    </label>
  );

  return (
    <section class="doc-step" aria-busy={pages === undefined}>
      <p class="muted">{t.intro}</p>
      {documents.map((document) => {
        const own = (pages ?? []).filter((page) => page.documentId === document.id);
        const name = document.label[language];
        return (
          <section key={document.id} class="card doc-card" aria-labelledby={`doc-${document.id}`} data-document={document.id}>
            <h3 id={`doc-${document.id}`}>{name}</h3>
            <p class="muted">{t.pages(own.length)}</p>
            {own.length > 0 && (
              <ol class="doc-pages">
                {own.map((page) => (
                  <li key={page.id} class={`doc-page${refused?.pageId === page.id ? ' doc-page--refused' : ''}`}>
                    {page.type === 'application/pdf' ? (
                      <span class="doc-thumb doc-thumb--pdf" role="img" aria-label={t.pageLabel(name, page.index + 1)}>
                        {t.pdf}
                      </span>
                    ) : (
                      <img class="doc-thumb" src={thumbnails.get(page.id)} alt={t.pageLabel(name, page.index + 1)} />
                    )}
                    {refused?.pageId === page.id && (
                      <p class="doc-refused" role="alert">
                        {t.refusedHere(refused.message)}
                      </p>
                    )}
                    <div class="doc-page-actions">
                      {fileInput(document.id, t.retake, { camera: true, replacing: page.id, extraClass: 'btn--quiet' })}
                      <button type="button" class="btn btn--quiet" disabled={busy !== null} aria-label={`${t.remove}: ${t.pageLabel(name, page.index + 1)}`} onClick={() => void removePage(db, page.id)}>
                        {t.remove}
                      </button>
                    </div>
                  </li>
                ))}
              </ol>
            )}
            <div class="doc-actions">
              {fileInput(document.id, t.takePhoto, { camera: true, extraClass: 'btn--primary' })}
              {fileInput(document.id, t.pickFile, { camera: false })}
            </div>
            <p aria-live="polite" class="doc-status">
              {busy === document.id ? t.shrinking : ''}
            </p>
            {problem?.documentId === document.id && (
              <p class="notice notice--error" role="alert">
                {t[problem.text]}
              </p>
            )}
          </section>
        );
      })}
    </section>
  );
}
