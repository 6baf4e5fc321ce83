import { useEffect, useLayoutEffect } from 'preact/hooks';
import type { Language } from '../../i18n/language.ts';
import { forgetLegacyHomeSnapshot, pageStorage, writeHomeSnapshot, type SnapshotWords } from '../../data/home-snapshot.ts';
import { localDb } from '../../data/local-db-instance.ts';
import type { FreshnessFacts } from '../../data/meta.ts';
import { captureHomeShell, dropHomeSnapshot } from '../../shell/home-first-paint.ts';
import { shellText } from '../../shell/shell-text.ts';
import { syncText } from '../../shell/sync-text.ts';

/** Long enough for the header and the rest of the shell to finish their own reads, short enough to be kept on a brief look. */
const SETTLE_MS = 250;

/**
 * The home has rendered its own data: the first-paint picture goes before the browser paints
 * again (same layout, so nothing moves), and a moment later the screen is kept as the next
 * cold start's snapshot, with the freshness facts read together with the balances.
 */
export function useHomeSnapshot(shown: { owner: string; facts: FreshnessFacts } | null | undefined, language: Language): void {
  const loaded = shown !== undefined;
  useLayoutEffect(() => {
    if (loaded) dropHomeSnapshot();
  }, [loaded]);
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => {
      const app = document.getElementById('app');
      const html = app && captureHomeShell(app);
      if (!html) return;
      void writeHomeSnapshot(localDb, { owner: shown.owner, language, html, ...shown.facts, words: snapshotWords(language) });
      forgetLegacyHomeSnapshot(pageStorage());
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [shown, language]);
}

function snapshotWords(language: Language): SnapshotWords {
  const { fresh, stale, offline, unreachable, sessionEnded, outdated, never } = syncText[language];
  return { fresh, stale, offline, unreachable, sessionEnded, outdated, never, offlineNotice: shellText[language].offline };
}
