import { useText } from '../i18n/language.ts';
import { localDb } from '../data/local-db-instance.ts';
import { readMeta } from '../data/meta.ts';
import { useLiveQuery } from '../data/use-live-query.ts';
import { requestSync, signInRequired } from '../sync/sync-client.ts';
import { syncText } from './sync-text.ts';

/** What the sync loop is doing, in words, with progress while sending. Silent when all is well. */
export function SyncStatus() {
  const t = useText(syncText);
  const state = useLiveQuery(async () => ({ pending: await localDb.outbox.count(), status: await readMeta(localDb, 'status') }), []);
  if (!state) return null;
  const { pending, status } = state;
  if (signInRequired.value || status?.state === 'signed-out') {
    return (
      <div class="notice notice--warning sync-status" role="status">
        <span>{t.signInAgain}</span>
        <a class="btn" href="/masuk">
          {t.signIn}
        </a>
      </div>
    );
  }
  if (status?.state === 'syncing' && status.progress && status.progress.total > 0) {
    const { done, total } = status.progress;
    return (
      <div class="notice notice--info sync-status" role="status">
        <span>{t.sending(done, total)}</span>
        <div class="progress" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
          <span style={{ width: `${Math.round((done / total) * 100)}%` }} />
        </div>
      </div>
    );
  }
  if (pending > 0) {
    return (
      <div class={`notice ${status?.state === 'error' ? 'notice--error' : 'notice--warning'} sync-status`} role="status">
        <span>{status?.state === 'error' ? t.failed : t.waiting(pending)}</span>
        <button type="button" class="btn" onClick={requestSync}>
          {t.retryNow}
        </button>
      </div>
    );
  }
  return null;
}
