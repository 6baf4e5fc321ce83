import { useRoute } from 'preact-iso';
import { useLanguage, useText } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { FreshnessLabel } from '../../sync/FreshnessLabel.tsx';
import { formatAsOf } from '../../../shared/rules/freshness.ts';
import { complaintsText } from './complaints-text.ts';

export function ComplaintThreadScreen() {
  const t = useText(complaintsText);
  const language = useLanguage();
  const { params } = useRoute();
  const data = useLiveQuery(async () => {
    const complaint = await localDb.complaints.get(params.key ?? '');
    return { complaint: complaint ?? null, messages: complaint ? await localDb.complaintMessages.where('complaintKey').equals(complaint.key).sortBy('at') : [] };
  }, [params.key]);
  useDocumentTitle(data?.complaint?.ticketNo ?? t.title);
  if (data === undefined) return <div class="card skeleton" aria-busy="true" />;
  if (!data.complaint) return <p class="empty-state">{t.notFound}</p>;
  return (
    <>
      <h1>{data.complaint.ticketNo}</h1>
      <p>
        <span class={`badge ${data.complaint.status === 'OPEN' ? 'badge--waiting' : 'badge--active'}`}>{t.status[data.complaint.status]}</span>
      </p>
      <ol class="list card">
        {data.messages.map((message) => (
          <li key={message.key} class="office">
            <p class="card-row">
              <strong>{message.author === 'officer' ? t.officer : t.you}</strong>
              <span class="muted">{formatAsOf(Date.parse(message.at), language).replace(/^Data (per|as of) /, '')}</span>
            </p>
            <p>{message.body}</p>
          </li>
        ))}
      </ol>
      <FreshnessLabel />
    </>
  );
}
