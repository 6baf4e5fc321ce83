import { useLanguage, useText } from '../i18n/language.ts';
import { localDb } from '../data/local-db-instance.ts';
import { readMeta } from '../data/meta.ts';
import { useLiveQuery } from '../data/use-live-query.ts';
import { isOnline } from '../shell/connection.ts';
import { useNow } from '../shell/use-now.ts';
import { formatAsOf, freshnessOf } from '../../shared/rules/freshness.ts';
import { syncText } from './sync-text.ts';
import { dataSaver } from '../data/device-db-instance.ts';
import { requestSync } from './sync-client.ts';

/** "Data per 12 Nov 2026 14.03 — belum diperbarui": when the server last confirmed what is shown. */
export function FreshnessLabel() {
  const t = useText(syncText);
  const language = useLanguage();
  const now = useNow();
  const meta = useLiveQuery(
    async () => ({
      confirmedAt: (await readMeta(localDb, 'lastConfirmedAt')) ?? null,
      offsetMs: (await readMeta(localDb, 'serverOffsetMs')) ?? 0,
      lastAttempt: (await readMeta(localDb, 'lastAttempt'))?.outcome ?? null,
    }),
    [],
  );
  if (!meta) return null;
  const { state } = freshnessOf({ confirmedAt: meta.confirmedAt, now: now + meta.offsetMs, isOnline: isOnline.value, lastAttempt: meta.lastAttempt });
  if (state === 'NEVER' || meta.confirmedAt === null) return <p class="freshness freshness--stale">{t.never}</p>;
  const qualifier = { FRESH: t.fresh, STALE: t.stale, OFFLINE: t.offline, UNREACHABLE: t.unreachable, SESSION_ENDED: t.sessionEnded, OUTDATED: t.outdated }[state];
  return (
    <p class={`freshness freshness--${state === 'FRESH' ? 'fresh' : 'stale'}`}>
      {formatAsOf(meta.confirmedAt, language)} — {qualifier}
      {/* Under data saver nothing refreshes on a timer: the user asks. */}
      {dataSaver.value && isOnline.value && (
        <button type="button" class="btn btn--quiet freshness__refresh" onClick={requestSync}>
          {t.refresh}
        </button>
      )}
    </p>
  );
}
