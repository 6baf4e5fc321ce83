import { useRoute } from 'preact-iso';
import { useLanguage, useText } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { FreshnessLabel } from '../../sync/FreshnessLabel.tsx';
import { formatAsOf } from '../../../shared/rules/freshness.ts';
import { formatRupiah } from '../../../shared/money/rupiah.ts';
import type { ClaimStatus, ClaimType } from '../../../shared/claims/claim-schemas.ts';
import { ClaimFixForm } from './ClaimFixForm.tsx';
import { claimsText } from './claims-text.ts';

const HAPPY_PATH: ClaimStatus[] = ['SUBMITTED', 'VERIFYING', 'APPROVED', 'PAID'];

/** The tracker from the last sync: what happened, and what is still to come. */
export function ClaimTrackingScreen() {
  const t = useText(claimsText);
  const language = useLanguage();
  const { params } = useRoute();
  const data = useLiveQuery(async () => {
    const claim = await localDb.claims.get(params.key ?? '');
    const events = claim ? await localDb.claimEvents.where('claimKey').equals(claim.key).sortBy('at') : [];
    return { claim: claim ?? null, events };
  }, [params.key]);
  useDocumentTitle(data?.claim ? t.trackingTitle(data.claim.claimNo) : t.title);
  if (data === undefined) return <div class="card skeleton" aria-busy="true" />;
  if (!data.claim) return <p class="empty-state">{t.notFound}</p>;
  const { claim, events } = data;
  const reached = new Set(events.map((event) => event.status));
  const ended = ['REJECTED', 'CANCELLED', 'PAID'].includes(claim.status);
  const upcoming = ended ? [] : HAPPY_PATH.filter((status) => !reached.has(status));
  const returned = claim.status === 'RETURNED' ? [...events].reverse().find((event) => event.status === 'RETURNED') : undefined;
  return (
    <>
      <h1>{t.trackingTitle(claim.claimNo)}</h1>
      <section class="card">
        <p>
          <strong>{t.types[claim.type as ClaimType]?.name ?? claim.type}</strong> · KPJ {claim.kpj}
        </p>
        {claim.requestedAmount > 0 && (
          <p class="card-row">
            <span>{t.amount}</span>
            <strong>{formatRupiah(claim.requestedAmount, language)}</strong>
          </p>
        )}
        {claim.approvedAmount !== null && (
          <p class="card-row">
            <span>{t.approved}</span>
            <strong>{formatRupiah(claim.approvedAmount, language)}</strong>
          </p>
        )}
        {!ended && <p class="muted">{t.expected[claim.channel as keyof typeof t.expected] ?? t.expected.BRANCH}</p>}
        <FreshnessLabel />
      </section>
      {returned && <ClaimFixForm claim={claim} returned={returned} />}
      <section class="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t.timeline}</h2>
        <ol class="timeline">
          {events.map((event) => (
            <li key={event.key} class={event.status === 'REJECTED' || event.status === 'RETURNED' ? 'timeline__bad' : undefined}>
              <strong>{t.statuses[event.status as ClaimStatus] ?? event.status}</strong>
              <br />
              <span class="muted">{formatAsOf(Date.parse(event.at), language).replace(/^Data (per|as of) /, '')}</span>
              {event.note && <p>{event.note}</p>}
            </li>
          ))}
          {upcoming.map((status) => (
            <li key={status} class="timeline__future">
              <span class="muted">{t.statuses[status]}</span>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
