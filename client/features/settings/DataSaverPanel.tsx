import { useEffect, useState } from 'preact/hooks';
import { useLanguage, useText } from '../../i18n/language.ts';
import { dataSaver, deviceDb, recordPageUsage, refreshDataSaver } from '../../data/device-db-instance.ts';
import { readDataSaverChoice, writeDataSaverChoice, type DataSaverChoice } from '../../data/data-saver.ts';
import { costInRupiah, readMonthUsage } from '../../net/network-usage.ts';
import { updatePeriodicSync } from '../../sync/periodic-sync.ts';
import { readSignedInEmail } from '../../data/session-state.ts';
import { formatRupiah } from '../../../shared/money/rupiah.ts';
import { formatBytes } from './format-bytes.ts';
import { settingsText } from './settings-text.ts';
import { UploadWifiChoice } from './UploadWifiChoice.tsx';

/** The "Hemat data" switch and what this app cost in data this month. */
export function DataSaverPanel() {
  const t = useText(settingsText);
  const language = useLanguage();
  const [choice, setChoice] = useState<DataSaverChoice | null>(null);
  const [usedBytes, setUsedBytes] = useState<number | null>(null);
  useEffect(() => {
    void readDataSaverChoice(deviceDb).then(setChoice);
    void recordPageUsage().then(async () => setUsedBytes(await readMonthUsage(deviceDb, Date.now())));
  }, []);

  async function toggle(on: boolean) {
    const next = on ? 'on' : 'off';
    // An explicit choice decides at once: re-rendered from the old value while the choice is
    // stored, the box would spring back to where it was before settling.
    dataSaver.value = on;
    await writeDataSaverChoice(deviceDb, next);
    setChoice(next);
    const saving = await refreshDataSaver();
    if (saving || (await readSignedInEmail())) await updatePeriodicSync(!saving);
  }

  const cost = usedBytes === null ? '' : costInRupiah(usedBytes) < 1 ? t.lessThanOneRupiah : formatRupiah(costInRupiah(usedBytes), language);
  return (
    <section class="card" aria-labelledby="data-saver-title">
      <h2 id="data-saver-title">{t.mobileData}</h2>
      <label class="choice">
        <input type="checkbox" checked={dataSaver.value} disabled={choice === null} onChange={(e) => void toggle(e.currentTarget.checked)} aria-describedby="data-saver-meaning" />
        <span>{t.dataSaver}</span>
      </label>
      <p id="data-saver-meaning" class="muted">
        {t.dataSaverMeaning}
      </p>
      {choice === 'auto' && dataSaver.value && <p class="muted">{t.dataSaverAuto}</p>}
      <UploadWifiChoice />
      <h3>{t.dataUse}</h3>
      <p class="data-use" data-bytes={usedBytes ?? undefined}>
        {usedBytes === null ? '…' : t.dataUseAmount(formatBytes(usedBytes, language), cost)}
      </p>
      <p class="muted">{t.dataUseNote}</p>
    </section>
  );
}
