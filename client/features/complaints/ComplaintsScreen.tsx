import { useLocation } from 'preact-iso';
import { useText } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { SyncStatus } from '../../sync/SyncStatus.tsx';
import { FreshnessLabel } from '../../sync/FreshnessLabel.tsx';
import { complaintsText } from './complaints-text.ts';
import { listComplaintDrafts } from './complaint-drafts.ts';

export function ComplaintsScreen() {
  const t = useText(complaintsText);
  const { route } = useLocation();
  useDocumentTitle(t.title);
  const data = useLiveQuery(
    async () => ({ complaints: await localDb.complaints.toArray(), drafts: await listComplaintDrafts(localDb) }),
    [],
  );
  const filed = new Set(data?.complaints.map((c) => c.draftId));
  const unsent = data?.drafts.filter((d) => !filed.has(d.id) && d.state !== 'editing') ?? [];
  const complaints = [...(data?.complaints ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <>
      <h1>{t.title}</h1>
      <SyncStatus />
      <button type="button" class="btn btn--primary btn--block" onClick={() => route('/pengaduan/baru')}>
        {t.newComplaint}
      </button>
      <section class="card" style={{ marginTop: 'var(--space-4)' }}>
        {data === undefined && <div class="skeleton" aria-busy="true" />}
        {data !== undefined && complaints.length === 0 && unsent.length === 0 && <p class="muted">{t.none}</p>}
        <ul class="list">
          {unsent.map((draft) => (
            <li key={draft.id}>
              <a class="list-link" href={`/pengaduan/baru?draf=${draft.id}`}>
                <span>{String(draft.data.description ?? '').slice(0, 60)}</span>
                <span class={`badge ${draft.state === 'rejected' ? 'badge--error' : 'badge--waiting'}`}>{t.waiting}</span>
              </a>
            </li>
          ))}
          {complaints.map((complaint) => (
            <li key={complaint.key}>
              <a class="list-link" href={`/pengaduan/${complaint.key}`}>
                <span>
                  <strong>{complaint.ticketNo}</strong> · {t.categories[complaint.category as keyof typeof t.categories] ?? complaint.category}
                  <br />
                  <span class="muted">{complaint.description.slice(0, 60)}</span>
                </span>
                <span class={`badge ${complaint.status === 'OPEN' ? 'badge--waiting' : 'badge--active'}`}>{t.status[complaint.status]}</span>
              </a>
            </li>
          ))}
        </ul>
        <FreshnessLabel />
      </section>
    </>
  );
}
