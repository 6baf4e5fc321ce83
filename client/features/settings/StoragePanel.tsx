import { useEffect, useState } from 'preact/hooks';
import { useLanguage, useText } from '../../i18n/language.ts';
import { readStorageReport, type StorageReport } from '../../data/storage-quota.ts';
import { formatBytes } from './format-bytes.ts';
import { settingsText } from './settings-text.ts';

const NEARLY_FULL = 0.9;

/** Whether the browser may evict this app's data, and how much room it has, in plain words. */
export function StoragePanel() {
  const t = useText(settingsText);
  const language = useLanguage();
  const [report, setReport] = useState<StorageReport | null>(null);
  useEffect(() => {
    void readStorageReport().then(setReport);
  }, []);
  if (!report) return <section class="card skeleton" aria-busy="true" />;
  const share = report.usage !== null && report.quota ? report.usage / report.quota : null;
  return (
    <section class="card storage-panel" aria-labelledby="storage-title">
      <h2 id="storage-title">{t.storage}</h2>
      {report.persisted === null ? (
        <p>{t.unknownPersistence}</p>
      ) : (
        <p data-persisted={String(report.persisted)}>
          <strong>{report.persisted ? t.persistent : t.notPersistent}.</strong> {report.persisted ? t.persistentMeaning : t.notPersistentMeaning}
        </p>
      )}
      {report.usage !== null && report.quota ? (
        <p class="storage-usage">
          {t.used(formatBytes(report.usage, language), formatBytes(report.quota, language))} {share !== null && share >= NEARLY_FULL ? t.nearlyFull : t.plenty}
        </p>
      ) : (
        <p>{t.usedUnknown}</p>
      )}
    </section>
  );
}
