import { useLanguage, useText } from '../../i18n/language.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { readMeta } from '../../data/meta.ts';
import { isOnline } from '../../shell/connection.ts';
import { formatRupiah } from '../../../shared/money/rupiah.ts';
import { formatShortDate, jakartaDateOf } from '../../../shared/rules/dates.ts';
import { assessClaim, type ClaimAssessment } from '../../../shared/claims/claim-eligibility.ts';
import type { RequiredDocument } from '../../../shared/rules/claim-documents.ts';
import type { DocumentPageRow } from '../../data/local-db.ts';
import { documentsText } from '../claim-documents/documents-text.ts';
import { buildClaimArgs, type ClaimDraftData } from './claim-draft-model.ts';
import { loadLocalClaimFacts } from './claim-local-facts.ts';
import { ChannelExplanation } from './ClaimOutlookPanel.tsx';
import { claimsText } from './claims-text.ts';

/** The offline pre-check: the same rules the server applies, on the phone's copy of the data. */
export function useClaimAssessment(draftId: string, data: ClaimDraftData): ClaimAssessment | 'no-data' | undefined {
  return useLiveQuery(async () => {
    const built = buildClaimArgs(draftId, data);
    if (!built.ok || !data.kpj) return 'no-data' as const;
    const facts = await loadLocalClaimFacts(localDb, data.kpj, data.type, draftId);
    if (!facts) return 'no-data' as const;
    const offsetMs = (await readMeta(localDb, 'serverOffsetMs')) ?? 0;
    return assessClaim(built.args, facts, jakartaDateOf(Date.now() + offsetMs));
  }, [draftId, JSON.stringify(data)]);
}

/** What will be sent: each document with its pages, and the total a participant pays for in data. */
function ReviewDocuments({ documents, pages }: { documents: RequiredDocument[]; pages: readonly DocumentPageRow[] }) {
  const t = useText(claimsText);
  const d = useText(documentsText);
  const language = useLanguage();
  const needed = new Set(documents.map((doc) => doc.id));
  const sent = pages.filter((page) => needed.has(page.documentId));
  const bytes = sent.reduce((sum, page) => sum + page.size, 0);
  return (
    <section class="review-docs" aria-labelledby="review-docs-heading">
      <h3 id="review-docs-heading">{t.steps.documents}</h3>
      <ul class="list">
        {documents.map((doc) => (
          <li key={doc.id} class="card-row">
            <span>{doc.label[language]}</span>
            <span class="muted review-docs__pages">{d.pages(sent.filter((page) => page.documentId === doc.id).length)}</span>
          </li>
        ))}
      </ul>
      <p class="review-docs__total">
        <strong>{d.totals(documents.length, sent.length, bytes)}</strong>
      </p>
    </section>
  );
}

export function ClaimReview({
  data,
  assessment,
  documents,
  pages,
  busy,
  onSubmit,
}: {
  data: ClaimDraftData;
  assessment: ReturnType<typeof useClaimAssessment>;
  documents: RequiredDocument[];
  pages: readonly DocumentPageRow[] | undefined;
  busy: boolean;
  onSubmit: () => void;
}) {
  const t = useText(claimsText);
  const language = useLanguage();
  if (assessment === undefined) return <div class="skeleton" aria-busy="true" />;
  if (assessment === 'no-data') return <p class="notice notice--warning">{t.review.noData}</p>;
  return (
    <>
      <dl class="review-list">
        <dt>{t.review.card}</dt>
        <dd>KPJ {data.kpj}</dd>
        <dt>{t.steps[data.type === 'JKK' ? 'accident' : data.type === 'JHT_FULL' ? 'cause' : data.type === 'JHT_PARTIAL' ? 'percent' : 'commitment']}</dt>
        <dd>{data.type === 'JKK' ? `${data.accidentDate ? formatShortDate(data.accidentDate, language) : ''} ${data.accidentTime}, ${data.place}` : data.type === 'JHT_FULL' && data.cause ? t.causes[data.cause] : data.type === 'JHT_PARTIAL' ? `${data.percent}%` : '✓'}</dd>
        {data.bankAccount && (
          <>
            <dt>{t.steps.bank}</dt>
            <dd>
              {data.bankAccount.holderName} · ••••{data.bankAccount.number.slice(-4)}
            </dd>
          </>
        )}
        {assessment.eligible && assessment.requestedAmount > 0 && (
          <>
            <dt>{t.review.estimate}</dt>
            <dd>{formatRupiah(assessment.requestedAmount, language)}</dd>
          </>
        )}
        {assessment.eligible && assessment.tax !== null && (
          <>
            <dt>{t.review.tax}</dt>
            <dd>{formatRupiah(assessment.tax, language)}</dd>
          </>
        )}
      </dl>
      {pages === undefined ? <div class="skeleton" aria-busy="true" /> : <ReviewDocuments documents={documents} pages={pages} />}
      {assessment.eligible ? (
        <div class="notice notice--success" role="status">
          <p>{t.review.eligible}</p>
          {assessment.channelDecision ? <ChannelExplanation channel={assessment.channelDecision} /> : <p>{t.review.channelOther}</p>}
        </div>
      ) : (
        <div class="notice notice--error" role="alert">
          <p>
            <strong>{t.review.notEligible}</strong>
          </p>
          <p>{assessment.message}</p>
        </div>
      )}
      <button type="button" class="btn btn--primary btn--block" disabled={!assessment.eligible || busy} onClick={onSubmit}>
        {isOnline.value ? t.review.submit : t.review.submitOffline}
      </button>
    </>
  );
}
