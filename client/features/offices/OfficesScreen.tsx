import { useEffect, useState } from 'preact/hooks';
import { defineText, useLanguage, useText, countOf } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { isOnline } from '../../shell/connection.ts';
import { mapLink, searchOffices, telLink, type GeoPoint, type Office } from '../../../shared/offices/office-search.ts';
import { refreshOffices } from './office-cache.ts';
import { officeHoursIn } from './office-hours.ts';
import { dataSaver, dataSaverKnown } from '../../data/device-db-instance.ts';

const text = defineText({
  id: {
    title: 'Kantor cabang & PLKK',
    search: 'Cari nama atau kota',
    all: 'Semua',
    branch: 'Kantor cabang',
    plkk: 'Klinik/RS PLKK',
    nearest: 'Urutkan dari yang terdekat',
    locating: 'Mencari lokasi Anda…',
    locationDenied: 'Lokasi tidak diizinkan atau tidak tersedia. Cari dengan nama kota.',
    noCopy: 'Daftar kantor belum tersimpan di ponsel. Sambungkan ke internet sekali untuk mengambilnya.',
    noMatch: 'Tidak ada yang cocok dengan pencarian ini.',
    call: 'Telepon',
    map: 'Peta',
    km: (n: number) => `${n < 10 ? n.toFixed(1).replace('.', ',') : Math.round(n)} km`,
    count: (shown: number, total: number) => `${shown} dari ${total} tempat`,
    typeFilter: 'Jenis tempat',
    download: 'Unduh daftar kantor (±3 KB)',
    checkUpdate: 'Periksa pembaruan daftar',
    savingData: 'Hemat data aktif: daftar kantor diunduh hanya jika Anda minta.',
  },
  en: {
    title: 'Branch offices & PLKK',
    search: 'Search by name or city',
    all: 'All',
    branch: 'Branch offices',
    plkk: 'PLKK clinics/hospitals',
    nearest: 'Sort by nearest',
    locating: 'Finding your location…',
    locationDenied: 'Location not allowed or unavailable. Search by city instead.',
    noCopy: 'The office list is not on this phone yet. Connect once to fetch it.',
    noMatch: 'Nothing matches this search.',
    call: 'Call',
    map: 'Map',
    km: (n: number) => `${n < 10 ? n.toFixed(1) : Math.round(n)} km`,
    count: (shown: number, total: number) => `${shown} of ${countOf(total, 'place')}`,
    typeFilter: 'Kind of place',
    download: 'Download the office list (about 3 KB)',
    checkUpdate: 'Check the list for updates',
    savingData: 'Data saver is on: the office list is downloaded only when you ask.',
  },
});

const MAX_SHOWN = 40;

export function OfficesScreen() {
  const t = useText(text);
  const language = useLanguage();
  useDocumentTitle(t.title);
  const offices = useLiveQuery(() => localDb.offices.toArray(), []);
  const [query, setQuery] = useState('');
  const [type, setType] = useState<Office['type'] | undefined>(undefined);
  const [near, setNear] = useState<GeoPoint | undefined>(undefined);
  const [locating, setLocating] = useState<'idle' | 'busy' | 'denied'>('idle');

  const [fetching, setFetching] = useState(false);
  const fetchOffices = () => {
    setFetching(true);
    void refreshOffices(localDb).finally(() => setFetching(false));
  };
  // Under data saver the directory is optional data: fetched only on request.
  useEffect(() => {
    void dataSaverKnown.then(() => {
      if (isOnline.value && !dataSaver.value) void refreshOffices(localDb);
    });
  }, []);

  function locate() {
    if (!('geolocation' in navigator)) return setLocating('denied');
    setLocating('busy');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setNear({ lat: position.coords.latitude, lon: position.coords.longitude });
        setLocating('idle');
      },
      () => setLocating('denied'),
      { maximumAge: 10 * 60_000, timeout: 15_000 },
    );
  }

  const matches = offices ? searchOffices(offices, { text: query, type, near }) : [];
  return (
    <>
      <h1>{t.title}</h1>
      <div class="card">
        <div class="field">
          <label for="office-search">{t.search}</label>
          <input id="office-search" type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </div>
        <fieldset class="choice-group row" aria-label={t.typeFilter}>
          {([undefined, 'BRANCH', 'PLKK'] as const).map((option) => (
            <label key={option ?? 'all'} class="choice">
              <input type="radio" name="office-type" checked={type === option} onChange={() => setType(option)} />
              <span>{option === 'BRANCH' ? t.branch : option === 'PLKK' ? t.plkk : t.all}</span>
            </label>
          ))}
        </fieldset>
        <button type="button" class="btn btn--block" onClick={locate} disabled={locating === 'busy'}>
          {locating === 'busy' ? t.locating : t.nearest}
        </button>
        {locating === 'denied' && <p class="field__error">{t.locationDenied}</p>}
      </div>
      {dataSaver.value && isOnline.value && (
        <div class="card">
          <p class="muted">{t.savingData}</p>
          <button type="button" class="btn btn--block" onClick={fetchOffices} disabled={fetching}>
            {offices?.length ? t.checkUpdate : t.download}
          </button>
        </div>
      )}
      {offices === undefined ? (
        <div class="card skeleton" aria-busy="true" />
      ) : offices.length === 0 ? (
        <p class="notice notice--warning">{t.noCopy}</p>
      ) : matches.length === 0 ? (
        <p class="empty-state">{t.noMatch}</p>
      ) : (
        <>
          <p class="muted" aria-live="polite">
            {t.count(Math.min(MAX_SHOWN, matches.length), matches.length)}
          </p>
          <ul class="list card">
            {matches.slice(0, MAX_SHOWN).map(({ office, distanceKm }) => (
              <li key={office.id} class="office">
                <p class="card-row">
                  <strong>{office.name}</strong>
                  {distanceKm !== undefined && <span class="muted">{t.km(distanceKm)}</span>}
                </p>
                <p class="muted">
                  {office.address}, {office.city} · {officeHoursIn(office.hours, language)}
                </p>
                <div class="row">
                  <a class="btn" href={telLink(office.phone)}>
                    {t.call} {office.phone}
                  </a>
                  <a class="btn btn--quiet" href={mapLink(office)} target="_blank" rel="noopener noreferrer">
                    {t.map}
                  </a>
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
