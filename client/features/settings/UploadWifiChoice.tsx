import { useEffect, useState } from 'preact/hooks';
import { useText } from '../../i18n/language.ts';
import { deviceDb } from '../../data/device-db-instance.ts';
import { readUploadWifiOnly, writeUploadWifiOnly } from '../../data/upload-settings.ts';
import { canTellWifi } from '../../uploads/upload-policy.ts';
import { requestSync } from '../../sync/sync-client.ts';
import { settingsText } from './settings-text.ts';

/** The connection type where the browser tells it (Chromium on Android); undefined elsewhere. */
const connectionType = () => (globalThis.navigator as (Navigator & { connection?: { type?: string } }) | undefined)?.connection?.type;

/**
 * "Unggah foto hanya lewat Wi-Fi". Offered only where the browser says whether the phone is on
 * Wi-Fi: elsewhere the choice could not be kept, and a switch that does nothing misleads.
 */
export function UploadWifiChoice() {
  const t = useText(settingsText);
  const [wifiOnly, setWifiOnly] = useState<boolean | null>(null);
  useEffect(() => void readUploadWifiOnly(deviceDb).then(setWifiOnly), []);
  if (!canTellWifi(connectionType())) return null;

  async function choose(on: boolean) {
    setWifiOnly(on); // shown at once, so the box does not spring back while the choice is stored
    await writeUploadWifiOnly(deviceDb, on);
    // Photos held back for Wi-Fi may go now (or stop waiting for a choice that was just undone).
    requestSync();
  }

  return (
    <>
      <label class="choice">
        <input type="checkbox" checked={wifiOnly === true} disabled={wifiOnly === null} onChange={(e) => void choose(e.currentTarget.checked)} aria-describedby="upload-wifi-meaning" />
        <span>{t.uploadWifiOnly}</span>
      </label>
      <p id="upload-wifi-meaning" class="muted">
        {t.uploadWifiOnlyMeaning}
      </p>
    </>
  );
}
