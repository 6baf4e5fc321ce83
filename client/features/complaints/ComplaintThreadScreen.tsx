import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { useLanguage, useText } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { FreshnessLabel } from '../../sync/FreshnessLabel.tsx';
import { formatAsOf } from '../../../shared/rules/freshness.ts';
import { complaintsText } from './complaints-text.ts';
import { readComplaintThread, type PendingReply } from './complaint-replies.ts';
import { ComplaintReplyForm } from './ComplaintReplyForm.tsx';
import { PendingReplyItem } from './PendingReplyItem.tsx';

export function ComplaintThreadScreen() {
  const t = useText(complaintsText);
  const language = useLanguage();
  const { params } = useRoute();
  const [editing, setEditing] = useState<PendingReply | null>(null);
  const data = useLiveQuery(async () => {
    const complaint = await localDb.complaints.get(params.key ?? '');
    return { complaint: complaint ?? null, ...(complaint ? await readComplaintThread(localDb, complaint.key) : { messages: [], pending: [] }) };
  }, [params.key]);
  useDocumentTitle(data?.complaint?.ticketNo ?? t.title);
  if (data === undefined) return <div class="card skeleton" aria-busy="true" />;
  if (!data.complaint) return <p class="empty-state">{t.notFound}</p>;
  const { complaint } = data;
  return (
    <>
      <h1>{complaint.ticketNo}</h1>
      <p>
        <span class={`badge ${complaint.status === 'OPEN' ? 'badge--waiting' : 'badge--active'}`}>{t.status[complaint.status]}</span>
      </p>
      {/* The card around the list, not on it: `.list` resets padding, which put text on the card's edge. */}
      <section class="card">
        <ol class="list" aria-live="polite">
          {data.messages.map((message) => (
            <li key={message.key} class="office">
              <p class="card-row">
                <strong>{message.author === 'officer' ? t.officer : t.you}</strong>
                <span class="muted">{formatAsOf(Date.parse(message.at), language).replace(/^Data (per|as of) /, '')}</span>
              </p>
              <p>{message.body}</p>
            </li>
          ))}
          {data.pending.map((reply) => (
            <PendingReplyItem key={reply.id} reply={reply} onEdit={complaint.status === 'CLOSED' ? undefined : setEditing} />
          ))}
        </ol>
      </section>
      {complaint.status === 'CLOSED' ? (
        <p class="notice notice--info">
          {t.closedNoReply} <a href="/pengaduan/baru">{t.newComplaint}</a>
        </p>
      ) : (
        <ComplaintReplyForm complaintKey={complaint.key} isAnswered={complaint.status === 'ANSWERED'} editing={editing} onEditDone={() => setEditing(null)} />
      )}
      <FreshnessLabel />
    </>
  );
}
