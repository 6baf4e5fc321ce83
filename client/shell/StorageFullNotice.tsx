import { storageFull } from '../data/storage-quota.ts';
import { useText } from '../i18n/language.ts';
import { shellText } from './shell-text.ts';

/** Shown on any screen when a write was refused for lack of space; what was saved before stays. */
export function StorageFullNotice() {
  const t = useText(shellText);
  if (!storageFull.value) return null;
  return (
    <div class="notice notice--error storage-full" role="alert">
      <p>
        <strong>{t.storageFullTitle}</strong> {t.storageFullBody}
      </p>
      <button type="button" class="btn" onClick={() => (storageFull.value = false)}>
        {t.storageFullDismiss}
      </button>
    </div>
  );
}
