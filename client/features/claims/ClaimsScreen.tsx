import { useLanguage, useText } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { FreshnessLabel } from '../../shell/FreshnessLabel.tsx';
import { SyncStatus } from '../../shell/SyncStatus.tsx';
import { formatShortDate } from '../../../shared/rules/dates.ts';
import type { ClaimStatus, ClaimType } from '../../../shared/claims/claim-schemas.ts';
import type { ClaimDraftData } from './claim-draft-model.ts';
import { listClaimDrafts } from './claim-drafts.ts';
import { ClaimUploadPanel } from './ClaimUploadPanel.tsx';
import { claimsText } from './claims-text.ts';

export function ClaimsScreen() {
  const t = useText(claimsText);
  const language = useLanguage();
  useDocumentTitle(t.title);
  const data = useLiveQuery(async () => ({ drafts: await listClaimDrafts(localDb), claims: await localDb.claims.toArray() }), []);
  const claimedDrafts = new Set(data?.claims.map((claim) => claim.draftId));
  const drafts = data?.drafts.filter((draft) => !claimedDrafts.has(draft.id)) ?? [];
  const claims = [...(data?.claims ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <>
      <h1>{t.title}</h1>
      <SyncStatus />
      <a class="btn btn--primary btn--block" href="/klaim/baru">
        {t.newClaim}
      </a>
      <p class="notice notice--info" style={{ marginTop: 'var(--space-4)' }}>
        {t.jkmNote}
      </p>
      <section class="card" aria-labelledby="drafts-heading">
        <h2 id="drafts-heading">{t.drafts}</h2>
        {data === undefined ? (
          <div class="skeleton" aria-busy="true" />
        ) : drafts.length === 0 ? (
          <p class="muted">{t.noDrafts}</p>
        ) : (
          <ul class="list">
            {drafts.map((draft) => {
              const draftData = draft.data as unknown as ClaimDraftData;
              return (
                <li key={draft.id}>
                  <a class="list-link" href={`/klaim/draf/${draft.id}`}>
                    <span>
                      <strong>{t.types[draftData.type].name}</strong>
                      <br />
                      <span class="muted">{draftData.kpj ? `KPJ ${draftData.kpj}` : formatShortDate(new Date(draft.updatedAt).toISOString().slice(0, 10), language)}</span>
                    </span>
                    <span class={`badge ${draft.state === 'rejected' ? 'badge--error' : draft.state === 'queued' || draft.state === 'uploading' ? 'badge--waiting' : 'badge--inactive'}`}>{t.state[draft.state]}</span>
                  </a>
                  {draft.state === 'uploading' && <ClaimUploadPanel draft={draft} compact />}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="claims-heading">
        <h2 id="claims-heading">{t.myClaims}</h2>
        {data !== undefined && claims.length === 0 && <p class="muted">{t.noClaims}</p>}
        <ul class="list">
          {claims.map((claim) => (
            <li key={claim.key}>
              <a class="list-link" href={`/klaim/lacak/${claim.key}`}>
                <span>
                  <strong>{t.types[claim.type as ClaimType]?.name ?? claim.type}</strong>
                  <br />
                  <span class="muted">
                    {claim.claimNo} · {formatShortDate(claim.createdAt.slice(0, 10), language)}
                  </span>
                </span>
                <span class={`badge ${claim.status === 'PAID' ? 'badge--active' : claim.status === 'REJECTED' ? 'badge--error' : 'badge--waiting'}`}>
                  {t.statuses[claim.status as ClaimStatus] ?? claim.status}
                </span>
              </a>
            </li>
          ))}
        </ul>
        <FreshnessLabel />
      </section>
    </>
  );
}
