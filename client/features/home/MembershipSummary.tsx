import { useLanguage, useText } from '../../i18n/language.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { FreshnessLine } from '../../shell/FreshnessLabel.tsx';
import { readFreshnessFacts, readMeta } from '../../data/meta.ts';
import { useHomeSnapshot } from './home-snapshot-writer.ts';
import { SyncStatus } from '../../shell/SyncStatus.tsx';
import { formatRupiah } from '../../../shared/money/rupiah.ts';
import { formatShortDate, jakartaDateOf } from '../../../shared/rules/dates.ts';
import type { BalanceRecord, MembershipRecord } from '../../../shared/sync/entities.ts';
import { BalanceBreakdown } from '../balance/BalanceBreakdown.tsx';
import { homeText } from './home-text.ts';
import { programStatuses } from './program-status.ts';

/** The signed-in home: merged JHT balance and every card, straight from IndexedDB. */
export function MembershipSummary() {
  const t = useText(homeText);
  const language = useLanguage();
  // One read, so the "Data per …" under the balance is the confirmation of exactly these rows.
  const data = useLiveQuery(
    () =>
      localDb.transaction('r', [localDb.profile, localDb.memberships, localDb.balances, localDb.contributions, localDb.meta], async () => ({
        profile: await localDb.profile.get('me'),
        memberships: await localDb.memberships.toArray(),
        balances: await localDb.balances.toArray(),
        lastPaidByKpj: await lastPaidPeriods(),
        owner: await readMeta(localDb, 'accountEmail'),
        facts: await readFreshnessFacts(localDb),
      })),
    [],
  );
  useHomeSnapshot(data && (data.profile && data.owner ? { owner: data.owner, facts: data.facts } : null), language);
  if (data === undefined) return <div class="card skeleton" style={{ height: '10rem' }} aria-busy="true" />;
  if (!data.profile) {
    return (
      <>
        <SyncStatus />
        <p class="card" aria-busy="true">
          {t.loadingFirst}
        </p>
      </>
    );
  }
  const balanceByKpj = new Map(data.balances.map((balance) => [balance.kpj, balance]));
  const total = data.balances.reduce((sum, balance) => sum + balance.total, 0);
  const latestAsOf = data.balances.map((b) => b.asOf).sort().at(-1);
  const memberships = [...data.memberships].sort((a, b) => statusRank(a) - statusRank(b) || b.startDate.localeCompare(a.startDate));
  return (
    <>
      <h1>{t.greeting(data.profile.fullName.split(' ')[0] ?? data.profile.fullName)}</h1>
      <SyncStatus />
      <section class="card" aria-labelledby="balance-heading">
        <h2 id="balance-heading">{t.mergedBalance}</h2>
        <p class="amount" data-testid="merged-balance" elementtiming="merged-balance">
          {formatRupiah(total, language)}
        </p>
        <p class="muted">
          {t.fromCards(data.balances.length)}
          {latestAsOf && ` · ${t.balanceAsOf(formatShortDate(latestAsOf, language))}`}
        </p>
        <BalanceBreakdown balances={data.balances} />
        <FreshnessLine facts={data.facts} />
      </section>
      <nav class="shortcuts" aria-label={t.shortcuts}>
        <a class="btn" href="/klaim/baru">
          {t.fileClaim}
        </a>
        <a class="btn" href="/simulasi">
          {t.simulation}
        </a>
        <a class="btn" href="/kantor">
          {t.offices}
        </a>
      </nav>
      <section aria-labelledby="cards-heading">
        <h2 id="cards-heading">{t.cards}</h2>
        {memberships.length === 0 && <p class="empty-state">{t.noCards}</p>}
        {memberships.map((membership) => (
          <MembershipCard key={membership.key} membership={membership} balance={balanceByKpj.get(membership.kpj)} lastPaid={data.lastPaidByKpj.get(membership.kpj) ?? null} />
        ))}
      </section>
    </>
  );
}

function MembershipCard({ membership, balance, lastPaid }: { membership: MembershipRecord; balance: BalanceRecord | undefined; lastPaid: string | null }) {
  const t = useText(homeText);
  const language = useLanguage();
  const isActive = membership.status === 'ACTIVE';
  return (
    <article class="card">
      <div class="card-row">
        <h3>{membership.employerName ?? t.selfEmployed}</h3>
        <span class={`badge ${isActive ? 'badge--active' : 'badge--inactive'}`}>{isActive ? t.active : t.inactive}</span>
      </div>
      <p class="muted">
        {t.kpj} {membership.kpj} · {formatShortDate(membership.startDate, language)} – {membership.endDate ? formatShortDate(membership.endDate, language) : '…'}
      </p>
      {balance && (
        <p class="card-row">
          <span>JHT</span>
          <strong>{formatRupiah(balance.total, language)}</strong>
        </p>
      )}
      <ul class="program-status" aria-label={t.programsOf}>
        {programStatuses(membership, lastPaid, jakartaDateOf(Date.now())).map((status) => (
          <li key={status.program}>
            <strong>{status.program}</strong>
            <span class={`badge ${status.isActive ? 'badge--active' : 'badge--inactive'}`}>{status.isActive ? t.active : t.inactive}</span>
            <span class="muted">
              {t.since(formatShortDate(status.since, language))}
              {status.monthsOverdue > 0 && ` · ${t.overdue(status.monthsOverdue)}`}
            </span>
          </li>
        ))}
      </ul>
      <div class="row" style={{ marginTop: 'var(--space-3)' }}>
        <a class="btn" href={`/saldo/${membership.key}`}>
          {t.balanceDetail}
        </a>
        <a class="btn btn--quiet" href={`/kartu/${membership.key}`}>
          {t.digitalCard}
        </a>
      </div>
    </article>
  );
}

/** The newest paid month of each card: a BPU member is covered only while contributions are paid. */
async function lastPaidPeriods(): Promise<Map<string, string>> {
  const lastPaid = new Map<string, string>();
  await localDb.contributions.each((row) => {
    if (row.status === 'PAID' && row.period > (lastPaid.get(row.kpj) ?? '')) lastPaid.set(row.kpj, row.period);
  });
  return lastPaid;
}

function statusRank(membership: MembershipRecord): number {
  return membership.status === 'ACTIVE' ? 0 : 1;
}
