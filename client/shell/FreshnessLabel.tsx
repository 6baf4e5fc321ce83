import { useLanguage, useText } from '../i18n/language.ts';
import { localDb } from '../data/local-db-instance.ts';
import { readFreshnessFacts, type FreshnessFacts } from '../data/meta.ts';
import { useLiveQuery } from '../data/use-live-query.ts';
import { isOnline } from './connection.ts';
import { useNow } from './use-now.ts';
import { freshnessWording } from './freshness-wording.ts';
import { syncText } from './sync-text.ts';
import { dataSaver } from '../data/device-db-instance.ts';
import { requestSync } from '../sync/sync-client.ts';

/** "Data per 12 Nov 2026 14.03 — belum diperbarui": when the server last confirmed what is shown. */
export function FreshnessLabel() {
  const facts = useLiveQuery(() => readFreshnessFacts(localDb), []);
  return facts ? <FreshnessLine facts={facts} /> : null;
}

/** The label for facts read together with the data they describe (the home reads both at once). */
export function FreshnessLine({ facts }: { facts: FreshnessFacts }) {
  const t = useText(syncText);
  const language = useLanguage();
  const now = useNow();
  const { text, isFresh } = freshnessWording(facts, { now, isOnline: isOnline.value, language, words: t });
  if (facts.confirmedAt === null) return <p class="freshness freshness--stale">{text}</p>;
  return (
    <p class={`freshness freshness--${isFresh ? 'fresh' : 'stale'}`}>
      {text}
      {/* Under data saver nothing refreshes on a timer: the user asks. */}
      {dataSaver.value && isOnline.value && (
        <button type="button" class="btn btn--quiet freshness__refresh" onClick={requestSync}>
          {t.refresh}
        </button>
      )}
    </p>
  );
}
