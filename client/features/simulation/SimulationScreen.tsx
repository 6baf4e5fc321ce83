import { useState } from 'preact/hooks';
import { defineText, useLanguage, useText, countOf } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { Field } from '../../ui/Field.tsx';
import { FreshnessLabel } from '../../sync/FreshnessLabel.tsx';
import { formatRupiah } from '../../../shared/money/rupiah.ts';
import { jhtBasisOf, simulateJht } from '../../../shared/rules/simulation.ts';
import { jkpBenefit } from '../../../shared/rules/jkp.ts';
import { checkField } from './simulation-inputs.ts';

const text = defineText({
  id: {
    title: 'Simulasi',
    jht: 'Perkiraan saldo JHT',
    balance: 'Saldo sekarang (Rp)',
    wage: 'Upah per bulan (Rp)',
    years: 'Berapa tahun lagi',
    growth: 'Kenaikan upah per tahun (%)',
    returnRate: 'Hasil pengembangan per tahun (%)',
    result: (years: number) => `Perkiraan saldo setelah ${years} tahun`,
    contributions: 'Tambahan iuran',
    development: 'Hasil pengembangan',
    byYear: 'Lihat perkiraan saldo per tahun',
    yearN: (n: number) => `Tahun ke-${n}`,
    income: 'Penghasilan per bulan yang Anda laporkan (Rp)',
    assumptionJht: 'Perkiraan, bukan janji: hasil pengembangan sebenarnya ditetapkan BPJS Ketenagakerjaan setiap tahun. Dihitung dengan iuran 5,7% dari upah setiap bulan dan bunga majemuk bulanan.',
    assumptionJhtBpu: 'Perkiraan, bukan janji: hasil pengembangan sebenarnya ditetapkan BPJS Ketenagakerjaan setiap tahun. Dihitung dengan iuran JHT peserta BPU: 2% dari penghasilan yang Anda laporkan setiap bulan, dan bunga majemuk bulanan.',
    jkp: 'Perkiraan manfaat JKP',
    lastWage: 'Upah terakhir per bulan (Rp)',
    jkpResult: (monthly: string, total: string) => `${monthly} per bulan selama 6 bulan, total ${total}`,
    assumptionJkp: 'Dihitung 60% dari upah terakhir, dengan upah paling tinggi Rp5.000.000 (PP 6/2025). Syarat kepesertaan dan batas 6 bulan setelah PHK tetap berlaku.',
    wageError: 'Isi upah antara Rp100.000 dan Rp1.000.000.000.',
    balanceError: 'Isi saldo 0 sampai Rp100.000.000.000.',
    yearsError: 'Isi 1 sampai 40 tahun.',
    percentError: 'Isi 0 sampai 20.',
  },
  en: {
    title: 'Calculators',
    jht: 'JHT balance projection',
    balance: 'Current balance (Rp)',
    wage: 'Monthly wage (Rp)',
    years: 'How many more years',
    growth: 'Yearly wage increase (%)',
    returnRate: 'Yearly development return (%)',
    result: (years: number) => `Estimated balance after ${countOf(years, 'year')}`,
    contributions: 'Added contributions',
    development: 'Development return',
    byYear: 'Show the estimate year by year',
    yearN: (n: number) => `Year ${n}`,
    income: 'Monthly income you declared (Rp)',
    assumptionJht: 'An estimate, not a promise: the actual development return is set by BPJS Ketenagakerjaan each year. Computed with 5.7% of wages each month and monthly compounding.',
    assumptionJhtBpu: 'An estimate, not a promise: the actual development return is set by BPJS Ketenagakerjaan each year. Computed with the BPU JHT contribution: 2% of the income you declared each month, and monthly compounding.',
    jkp: 'JKP benefit estimate',
    lastWage: 'Last monthly wage (Rp)',
    jkpResult: (monthly: string, total: string) => `${monthly} a month for 6 months, ${total} in total`,
    assumptionJkp: '60% of the last wage, counting wages up to Rp5,000,000 (PP 6/2025). Membership conditions and the 6-month deadline after the lay-off still apply.',
    wageError: 'Enter a wage between Rp100,000 and Rp1,000,000,000.',
    balanceError: 'Enter a balance from 0 to Rp100,000,000,000.',
    yearsError: 'Enter 1 to 40 years.',
    percentError: 'Enter 0 to 20.',
  },
});

/** JHT and JKP calculators from the shared rules: work offline, state their assumptions. */
export function SimulationScreen() {
  const t = useText(text);
  const language = useLanguage();
  useDocumentTitle(t.title);
  const merged = useLiveQuery(async () => (await localDb.balances.toArray()).reduce((sum, b) => sum + b.total, 0), []);
  const basis = useLiveQuery(async () => jhtBasisOf(await localDb.memberships.toArray()), []);
  const [fields, setFields] = useState<Record<string, string | undefined>>({ years: '10', growth: '0', returnRate: '5', lastWage: '5000000' });
  const set = (name: string) => (e: { currentTarget: HTMLInputElement }) => setFields({ ...fields, [name]: e.currentTarget.value });
  const balanceText = fields.balance ?? String(merged ?? 0);
  // Start from what the member actually contributes on; 5 juta only when no card pays into JHT.
  const wageText = fields.wage ?? String(basis?.monthlyWage ?? 5_000_000);
  const isBpu = basis?.segment === 'BPU';

  const checks = {
    balance: checkField(balanceText, { min: 0, max: 100_000_000_000, message: t.balanceError }),
    wage: checkField(wageText, { min: 100_000, max: 1_000_000_000, message: t.wageError }),
    years: checkField(fields.years ?? '', { min: 1, max: 40, message: t.yearsError }),
    growth: checkField(fields.growth ?? '', { min: 0, max: 20, message: t.percentError }),
    returnRate: checkField(fields.returnRate ?? '', { min: 0, max: 20, message: t.percentError }),
    lastWage: checkField(fields.lastWage ?? '', { min: 100_000, max: 1_000_000_000, message: t.wageError }),
  };
  const errorOf = (name: keyof typeof checks) => ('error' in checks[name] ? (checks[name] as { error: string }).error : undefined);
  const valueOf = (name: keyof typeof checks) => ('value' in checks[name] ? (checks[name] as { value: number }).value : 0);
  const jhtReady = (['balance', 'wage', 'years', 'growth', 'returnRate'] as const).every((name) => !errorOf(name));
  const projection = jhtReady
    ? simulateJht({ balance0: valueOf('balance'), monthlyWage: valueOf('wage'), years: valueOf('years'), wageGrowthPercent: valueOf('growth'), returnPercent: valueOf('returnRate'), jhtRatePercent: basis?.jhtRatePercent })
    : null;
  const jkp = errorOf('lastWage') ? null : jkpBenefit(valueOf('lastWage'));

  return (
    <>
      <h1>{t.title}</h1>
      <section class="card" aria-labelledby="jht-heading">
        <h2 id="jht-heading">{t.jht}</h2>
        <Field id="sim-balance" label={t.balance} inputMode="numeric" value={balanceText} error={errorOf('balance')} onInput={set('balance')} />
        {/* The starting balance is the phone's copy of the merged balance. */}
        <FreshnessLabel />
        <Field id="sim-wage" label={isBpu ? t.income : t.wage} inputMode="numeric" value={wageText} error={errorOf('wage')} onInput={set('wage')} />
        <Field id="sim-years" label={t.years} inputMode="numeric" value={fields.years} error={errorOf('years')} onInput={set('years')} />
        <Field id="sim-growth" label={t.growth} inputMode="numeric" value={fields.growth} error={errorOf('growth')} onInput={set('growth')} />
        <Field id="sim-return" label={t.returnRate} inputMode="numeric" value={fields.returnRate} error={errorOf('returnRate')} onInput={set('returnRate')} />
        {projection && (
          <div aria-live="polite">
            <p class="muted">{t.result(valueOf('years'))}</p>
            <p class="amount">{formatRupiah(projection.finalBalance, language)}</p>
            <dl class="split">
              <div>
                <dt>{t.contributions}</dt>
                <dd>{formatRupiah(projection.totalContributions, language)}</dd>
              </div>
              <div>
                <dt>{t.development}</dt>
                <dd>{formatRupiah(projection.totalDevelopment, language)}</dd>
              </div>
            </dl>
            <details>
              <summary>{t.byYear}</summary>
              <ul class="list">
                {projection.yearly.map((row) => (
                  <li key={row.year} class="card-row office">
                    <span>{t.yearN(row.year)}</span>
                    <span>{formatRupiah(row.balance, language)}</span>
                  </li>
                ))}
              </ul>
            </details>
          </div>
        )}
        <p class="notice notice--info">{isBpu ? t.assumptionJhtBpu : t.assumptionJht}</p>
      </section>
      <section class="card" aria-labelledby="jkp-heading">
        <h2 id="jkp-heading">{t.jkp}</h2>
        <Field id="sim-last-wage" label={t.lastWage} inputMode="numeric" value={fields.lastWage} error={errorOf('lastWage')} onInput={set('lastWage')} />
        {jkp && (
          <p class="amount" aria-live="polite" style={{ fontSize: 'var(--text-lg)' }}>
            {t.jkpResult(formatRupiah(jkp.monthly, language), formatRupiah(jkp.total, language))}
          </p>
        )}
        <p class="notice notice--info">{t.assumptionJkp}</p>
      </section>
    </>
  );
}
