import { isOnline } from './connection.ts';
import { waitingUpdate } from './service-worker-registration.ts';
import { shellText } from './shell-text.ts';
import { useText } from '../i18n/language.ts';

/** The strip under the header: offline state and a waiting app update, announced politely. */
export function ConnectionBar() {
  const t = useText(shellText);
  const applyUpdate = waitingUpdate.value;
  return (
    <div class="connection-bar" aria-live="polite">
      {!isOnline.value && (
        <p class="status-bar status-bar--offline" role="status">
          {t.offline}
        </p>
      )}
      {applyUpdate && (
        <div class="status-bar status-bar--update" role="status">
          <span>{t.updateReady}</span>
          <button type="button" class="btn btn--primary" onClick={applyUpdate}>
            {t.updateReload}
          </button>
        </div>
      )}
    </div>
  );
}
