import { defineText, useLanguage, useText } from '../../i18n/language.ts';
import { formatRupiah } from '../../../shared/money/rupiah.ts';
import type { BalanceRecord } from '../../../shared/sync/entities.ts';

const text = defineText({
  id: { contributions: 'Iuran', development: 'Hasil pengembangan', paidOut: 'Sudah dicairkan', breakdown: 'Rincian saldo' },
  en: { contributions: 'Contributions', development: 'Development return', paidOut: 'Paid out', breakdown: 'Balance breakdown' },
});

/**
 * Contributions + development − paid out = the balance shown above it. Without the paid-out
 * line the figures stop adding up after a claim, which reads as money gone missing.
 */
export function BalanceBreakdown({ balances }: { balances: BalanceRecord[] }) {
  const t = useText(text);
  const language = useLanguage();
  const sum = (field: 'contributionTotal' | 'developmentTotal' | 'paidOutTotal') => balances.reduce((total, balance) => total + balance[field], 0);
  const paidOut = sum('paidOutTotal');
  return (
    <dl class="breakdown" aria-label={t.breakdown} data-testid="balance-breakdown">
      <div>
        <dt>{t.contributions}</dt>
        <dd>{formatRupiah(sum('contributionTotal'), language)}</dd>
      </div>
      <div>
        <dt>{t.development}</dt>
        <dd>+&nbsp;{formatRupiah(sum('developmentTotal'), language)}</dd>
      </div>
      {paidOut > 0 && (
        <div>
          <dt>{t.paidOut}</dt>
          <dd>−&nbsp;{formatRupiah(paidOut, language)}</dd>
        </div>
      )}
    </dl>
  );
}
