import { useState } from 'preact/hooks';
import { defineText, useLanguage, useText, countOf } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { isOnline } from '../../shell/connection.ts';
import { callApi } from '../../net/api-client.ts';
import { FreshnessLabel } from '../../sync/FreshnessLabel.tsx';
import { formatRupiah } from '../../../shared/money/rupiah.ts';
import { bpuContribution } from '../../../shared/rules/contributions.ts';
import { addPeriods, formatPeriodRange, periodOf, jakartaDateOf } from '../../../shared/rules/dates.ts';
import { formatAsOf } from '../../../shared/rules/freshness.ts';
import type { PaymentRecord } from '../../../shared/sync/entities.ts';
import { CopyButton } from '../../ui/CopyButton.tsx';

const text = defineText({
  id: {
    title: 'Bayar iuran BPU',
    onlyBpu: 'Pembayaran iuran mandiri hanya untuk peserta Bukan Penerima Upah (BPU). Iuran pekerja penerima upah dibayar pemberi kerja.',
    months: 'Bayar untuk berapa bulan?',
    monthCount: (n: number) => `${n} bulan`,
    withJht: 'Ikut program JHT (tabungan hari tua, 2% dari penghasilan)',
    periods: (months: string) => `Untuk ${months}`,
    total: 'Jumlah',
    perMonth: (amount: string) => `${amount} per bulan`,
    create: 'Buat nomor virtual account',
    creating: 'Membuat tagihan…',
    offline: 'Membuat nomor virtual account memerlukan internet. Rincian di atas sudah bisa Anda siapkan; tombol aktif lagi saat online.',
    pendingTitle: 'Tagihan menunggu pembayaran',
    va: 'Nomor virtual account',
    expires: (when: string) => `Bayar sebelum ${when} lewat ATM, m-banking, Indomaret/Alfamart, atau kantor pos.`,
    receipts: 'Bukti pembayaran',
    noReceipts: 'Belum ada pembayaran.',
    paidOn: (when: string) => `Dibayar ${when}`,
  },
  en: {
    title: 'Pay BPU contributions',
    onlyBpu: 'Self-paid contributions are for self-employed (BPU) participants only. Wage earners’ contributions are paid by the employer.',
    months: 'Pay for how many months?',
    monthCount: (n: number) => countOf(n, 'month'),
    withJht: 'Include JHT (old-age savings, 2% of income)',
    periods: (months: string) => `For ${months}`,
    total: 'Amount',
    perMonth: (amount: string) => `${amount} a month`,
    create: 'Create virtual account number',
    creating: 'Creating the bill…',
    offline: 'Creating a virtual account number needs internet. You can prepare the details above; the button works again when online.',
    pendingTitle: 'Bill waiting for payment',
    va: 'Virtual account number',
    expires: (when: string) => `Pay before ${when} by ATM, mobile banking, Indomaret/Alfamart or the post office.`,
    receipts: 'Payment receipts',
    noReceipts: 'No payments yet.',
    paidOn: (when: string) => `Paid ${when}`,
  },
});

const REQUEST_KEY = 'jmo.payment.request';

export function PaymentScreen() {
  const t = useText(text);
  const language = useLanguage();
  useDocumentTitle(t.title);
  const data = useLiveQuery(async () => {
    const card = (await localDb.memberships.toArray()).find((m) => m.segment === 'BPU');
    const paidPeriods = card ? (await localDb.contributions.where('kpj').equals(card.kpj).toArray()).filter((c) => c.status === 'PAID').map((c) => c.period).sort() : [];
    return { card: card ?? null, lastPaid: paidPeriods.at(-1) ?? null, payments: await localDb.payments.toArray() };
  }, []);
  const [months, setMonths] = useState(1);
  const [withJht, setWithJht] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (data === undefined) return <div class="card skeleton" aria-busy="true" />;
  if (!data.card) return (<><h1>{t.title}</h1><p class="notice notice--info">{t.onlyBpu}</p></>);

  const card = data.card;
  const first = data.lastPaid ? addPeriods(data.lastPaid, 1) : periodOf(jakartaDateOf(Date.now()));
  const bill = bpuContribution(card.declaredIncome ?? 0, withJht, months);
  const pending = data.payments.find((p) => p.status === 'PENDING' && Date.parse(p.expiresAt) > Date.now());
  const paid = data.payments.filter((p) => p.status === 'PAID').sort((a, b) => (b.paidAt ?? '').localeCompare(a.paidAt ?? ''));

  async function create() {
    setBusy(true);
    setError(null);
    // The same request id is reused until the server answers, so a retry never makes a second bill.
    const requestId = localStorage.getItem(REQUEST_KEY) ?? crypto.randomUUID();
    localStorage.setItem(REQUEST_KEY, requestId);
    const result = await callApi<{ payment: PaymentRecord }>('POST', '/api/payments', { requestId, kpj: card.kpj, months, withJht });
    setBusy(false);
    if (result.ok || result.status === 409) localStorage.removeItem(REQUEST_KEY);
    const payment = result.ok ? result.body.payment : (result.error as { payment?: PaymentRecord }).payment;
    if (payment) await localDb.payments.put(payment);
    if (!result.ok && !payment) setError(result.error.message);
  }

  return (
    <>
      <h1>{t.title}</h1>
      {pending ? (
        <section class="card notice--info" aria-labelledby="pending-heading">
          <h2 id="pending-heading">{t.pendingTitle}</h2>
          <p>{t.va}</p>
          <p class="amount" data-testid="virtual-account">{pending.virtualAccount.replace(/(\d{4})(?=\d)/g, '$1 ')}</p>
          <CopyButton value={pending.virtualAccount} selectTarget={() => document.querySelector('[data-testid="virtual-account"]')} />
          <p>
            <strong>{formatRupiah(pending.amount, language)}</strong> · {t.periods(formatPeriodRange(pending.periods[0]!, pending.periods.at(-1)!, language))}
          </p>
          <p>{t.expires(formatAsOf(Date.parse(pending.expiresAt), language).replace(/^Data (per|as of) /, ''))}</p>
        </section>
      ) : (
        <form class="card" onSubmit={(e) => (e.preventDefault(), void create())}>
          <div class="field">
            <label for="months">{t.months}</label>
            <select id="months" value={months} onChange={(e) => setMonths(Number(e.currentTarget.value))}>
              {Array.from({ length: 12 }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {t.monthCount(n)}
                </option>
              ))}
            </select>
          </div>
          <div class="check-list">
            <label>
              <input type="checkbox" checked={withJht} onChange={(e) => setWithJht(e.currentTarget.checked)} />
              <span>{t.withJht}</span>
            </label>
          </div>
          <p class="muted">{t.periods(formatPeriodRange(first, addPeriods(first, months - 1), language))}</p>
          <p class="card-row">
            <span>{t.total}</span>
            <strong class="amount">{formatRupiah(bill.total, language)}</strong>
          </p>
          <p class="muted">{t.perMonth(formatRupiah(bill.monthly, language))}</p>
          {error && <p class="notice notice--error" role="alert">{error}</p>}
          {!isOnline.value && <p class="notice notice--warning">{t.offline}</p>}
          <button type="submit" class="btn btn--primary btn--block" disabled={busy || !isOnline.value}>
            {busy ? t.creating : t.create}
          </button>
        </form>
      )}
      <section class="card" aria-labelledby="receipts-heading">
        <h2 id="receipts-heading">{t.receipts}</h2>
        {paid.length === 0 && <p class="muted">{t.noReceipts}</p>}
        <ul class="list">
          {paid.map((payment) => (
            <li key={payment.key} class="office">
              <p class="card-row">
                <strong>{payment.receiptNo}</strong>
                <span>{formatRupiah(payment.amount, language)}</span>
              </p>
              <p class="muted">
                {t.periods(formatPeriodRange(payment.periods[0]!, payment.periods.at(-1)!, language))} · {t.paidOn(formatAsOf(Date.parse(payment.paidAt ?? payment.createdAt), language).replace(/^Data (per|as of) /, ''))}
              </p>
            </li>
          ))}
        </ul>
        <FreshnessLabel />
      </section>
    </>
  );
}
