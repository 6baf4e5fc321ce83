import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { defineText, useLanguage, useText, countOf } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { FreshnessLabel } from '../../sync/FreshnessLabel.tsx';
import { formatRupiah } from '../../../shared/money/rupiah.ts';
import { addPeriods, formatPeriod, formatShortDate, jakartaDateOf, periodOf } from '../../../shared/rules/dates.ts';
import { contributionYears, programLines } from './contribution-months.ts';
import { BalanceBreakdown } from './BalanceBreakdown.tsx';

const text = defineText({
  id: {
    title: 'Saldo JHT',
    notFound: 'Kartu ini belum ada di ponsel.',
    asOf: (d: string) => `Saldo per ${d}`,
    history: 'Rincian iuran per bulan',
    year: 'Tahun',
    payers: (employer: string, worker: string) => `pemberi kerja ${employer} + Anda ${worker}`,
    programsHint: 'JHT masuk ke saldo di atas. JP (Jaminan Pensiun) dibayar bersama tetapi menjadi pensiun bulanan, tidak masuk saldo JHT.',
    programsHintBpu: 'Iuran yang Anda bayar sendiri: JHT masuk ke saldo di atas; JKK dan JKM adalah perlindungan kecelakaan kerja dan kematian.',
    gap: 'Tidak dibayar',
    gapHint: 'Bulan tanpa iuran: tanyakan ke pemberi kerja atau lapor lewat Pengaduan.',
    summary: (paid: number, gaps: number) => `${paid} bulan dibayar, ${gaps} bulan kosong.`,
    yearTotal: 'Jumlah tahun ini',
    noHistory: 'Belum ada iuran tercatat untuk kartu ini.',
    card: 'Kartu digital',
  },
  en: {
    title: 'JHT balance',
    notFound: 'This card is not on the phone yet.',
    asOf: (d: string) => `Balance as of ${d}`,
    history: 'Monthly contributions',
    year: 'Year',
    payers: (employer: string, worker: string) => `employer ${employer} + you ${worker}`,
    programsHint: 'JHT goes into the balance above. JP (pension) is paid alongside but becomes a monthly pension, not part of the JHT balance.',
    programsHintBpu: 'Contributions you pay yourself: JHT goes into the balance above; JKK and JKM cover work accidents and death.',
    gap: 'Not paid',
    gapHint: 'Months without contributions: ask your employer or report it under Complaints.',
    summary: (paid: number, gaps: number) => `${countOf(paid, 'month')} paid, ${gaps} empty.`,
    yearTotal: 'Total this year',
    noHistory: 'No contributions recorded for this card yet.',
    card: 'Digital card',
  },
});

export function BalanceScreen() {
  const t = useText(text);
  const language = useLanguage();
  const { params } = useRoute();
  useDocumentTitle(t.title);
  const data = useLiveQuery(async () => {
    const membership = await localDb.memberships.get(params.key ?? '');
    if (!membership) return null;
    const [balance, rows] = await Promise.all([localDb.balances.where('kpj').equals(membership.kpj).first(), localDb.contributions.where('kpj').equals(membership.kpj).toArray()]);
    return { membership, balance, rows };
  }, [params.key]);
  const [year, setYear] = useState<string | null>(null);
  if (data === undefined) return <div class="card skeleton" aria-busy="true" />;
  if (data === null) return <p class="empty-state">{t.notFound}</p>;
  const { membership, balance, rows } = data;
  const lastComplete = membership.status === 'ACTIVE' ? addPeriods(periodOf(jakartaDateOf(Date.now())), -1) : null;
  const years = contributionYears(rows, lastComplete);
  const shown = years.find((y) => y.year === year) ?? years[0];
  const isBpu = membership.segment === 'BPU';
  return (
    <>
      <h1>{t.title}</h1>
      <section class="card">
        <p class="muted">
          {membership.employerName ?? 'BPU'} · KPJ {membership.kpj}
        </p>
        <p class="amount">{formatRupiah(balance?.total ?? 0, language)}</p>
        {balance && <p class="muted">{t.asOf(formatShortDate(balance.asOf, language))}</p>}
        {balance && <BalanceBreakdown balances={[balance]} />}
        <FreshnessLabel />
        <a class="btn btn--block" href={`/kartu/${membership.key}`}>
          {t.card}
        </a>
      </section>
      <section class="card" aria-labelledby="history-heading">
        <h2 id="history-heading">{t.history}</h2>
        {!shown ? (
          <p class="muted">{t.noHistory}</p>
        ) : (
          <>
            <div class="field">
              <label for="year">{t.year}</label>
              <select id="year" value={shown.year} onChange={(e) => setYear(e.currentTarget.value)}>
                {years.map((y) => (
                  <option key={y.year} value={y.year}>
                    {y.year}
                  </option>
                ))}
              </select>
            </div>
            <p class="muted" aria-live="polite">
              {t.summary(shown.paidMonths, shown.gapMonths)} {t.yearTotal}:{' '}
              <strong data-testid="year-jht">JHT {formatRupiah(shown.jhtPaid, language)}</strong>
              {shown.jpPaid > 0 && <strong> · JP {formatRupiah(shown.jpPaid, language)}</strong>}
            </p>
            <p class="muted">{isBpu ? t.programsHintBpu : t.programsHint}</p>
            {shown.gapMonths > 0 && <p class="notice notice--warning">{t.gapHint}</p>}
            <ul class="list">
              {shown.months.map(({ period, row, isGap }) => (
                <li key={period} class={`month-line${isGap ? ' month-line--gap' : ''}`}>
                  <span class="month-line__label">
                    {formatPeriod(period, language, 'short')}
                  </span>
                  {isGap || !row ? (
                    <strong class="month-line__gap">{t.gap}</strong>
                  ) : (
                    <span class="month-line__amounts">
                      {programLines(row, membership.segment).map((line) => (
                        <span key={line.program}>
                          <strong>
                            {line.program} {formatRupiah(line.amount, language)}
                          </strong>
                          {line.employer !== undefined && line.worker !== undefined && <small class="month-line__payers">{t.payers(formatRupiah(line.employer, language), formatRupiah(line.worker, language))}</small>}
                        </span>
                      ))}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
