import { useLocation, useRoute } from 'preact-iso';
import { defineText, useLanguage, useText } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { formatShortDate } from '../../../shared/rules/dates.ts';
import { FreshnessLabel } from '../../sync/FreshnessLabel.tsx';
import { qrPath } from './qr-path.ts';

const text = defineText({
  id: {
    title: 'Kartu digital',
    none: 'Belum ada kartu peserta di ponsel ini.',
    choose: 'Pilih kartu',
    participant: 'Peserta',
    status: { ACTIVE: 'Aktif', NONACTIVE: 'Nonaktif', LAPSED: 'Menunggak' },
    since: (d: string) => `Peserta sejak ${d}`,
    qrLabel: (kpj: string) => `Kode QR kartu peserta KPJ ${kpj}, ditandatangani BPJS Ketenagakerjaan`,
    signed: 'Kode QR ini ditandatangani server JMO Lite dan dapat diperiksa petugas atau PLKK tanpa internet. Tunjukkan kartu ini saat berobat karena kecelakaan kerja.',
    selfEmployed: 'Bukan Penerima Upah (BPU)',
  },
  en: {
    title: 'Digital card',
    none: 'There are no participant cards on this phone yet.',
    choose: 'Choose a card',
    participant: 'Participant',
    status: { ACTIVE: 'Active', NONACTIVE: 'Inactive', LAPSED: 'In arrears' },
    since: (d: string) => `Member since ${d}`,
    qrLabel: (kpj: string) => `QR code of participant card KPJ ${kpj}, signed by BPJS Ketenagakerjaan`,
    signed: 'This QR code is signed by the JMO Lite server and can be checked by an officer or a PLKK without internet. Show this card when treated for a work accident.',
    selfEmployed: 'Self-employed (BPU)',
  },
});

/** The membership card, fully offline: data and signed QR come from IndexedDB. */
export function DigitalCardScreen() {
  const t = useText(text);
  const language = useLanguage();
  const { params } = useRoute();
  const { route } = useLocation();
  useDocumentTitle(t.title);
  const data = useLiveQuery(async () => ({ memberships: await localDb.memberships.toArray(), profile: await localDb.profile.get('me') }), []);
  if (data === undefined) return <div class="card skeleton" aria-busy="true" />;
  if (data.memberships.length === 0) return <p class="empty-state">{t.none}</p>;
  const sorted = [...data.memberships].sort((a, b) => (a.status === 'ACTIVE' ? -1 : 1) - (b.status === 'ACTIVE' ? -1 : 1));
  const card = sorted.find((m) => m.key === params.key) ?? sorted[0]!;
  const qr = qrPath(card.cardToken);
  return (
    <>
      <h1>{t.title}</h1>
      {sorted.length > 1 && (
        <div class="field">
          <label for="card-choice">{t.choose}</label>
          <select id="card-choice" value={card.key} onChange={(e) => route(`/kartu/${e.currentTarget.value}`, true)}>
            {sorted.map((m) => (
              <option key={m.key} value={m.key}>
                KPJ {m.kpj} · {m.employerName ?? 'BPU'}
              </option>
            ))}
          </select>
        </div>
      )}
      <article class="member-card">
        <p class="member-card__brand">BPJS Ketenagakerjaan</p>
        <p class="member-card__name">{data.profile?.fullName}</p>
        <p class="member-card__kpj">KPJ {card.kpj.replace(/(\d{3})(\d{4})(\d{4})/, '$1 $2 $3')}</p>
        <p>{card.employerName ?? t.selfEmployed}</p>
        <p>
          {t.status[card.status]} · {card.programs.join(' · ')}
        </p>
        <p class="member-card__since">{t.since(formatShortDate(card.startDate, language))}</p>
        <svg class="member-card__qr" viewBox={`0 0 ${qr.size} ${qr.size}`} role="img" aria-label={t.qrLabel(card.kpj)} shape-rendering="crispEdges">
          <rect width={qr.size} height={qr.size} fill="#fff" />
          <path d={qr.path} fill="#000" />
        </svg>
      </article>
      {/* The card's status comes from the phone's copy, so say how old it is. */}
      <FreshnessLabel />
      <p class="muted">{t.signed}</p>
    </>
  );
}
