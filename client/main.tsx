import { render } from 'preact';
import './ui/theme.css';
import { App } from './app.tsx';
import { getLanguage } from './i18n/language.ts';
import { registerServiceWorker } from './shell/service-worker-registration.ts';
import { readSignedInEmail } from './data/session-state.ts';
import { startSync } from './sync/sync-client.ts';
import { listenForInstallOffer } from './shell/install-prompt.ts';
import { updatePeriodicSync } from './sync/periodic-sync.ts';
import { requestPersistentStorage, watchQuotaFailures } from './data/storage-quota.ts';
import { dataSaverKnown, recordPageUsage } from './data/device-db-instance.ts';

document.documentElement.lang = getLanguage();
listenForInstallOffer();
watchQuotaFailures(window);
performance.setResourceTimingBufferSize(1000);
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') void recordPageUsage();
});
window.addEventListener('pagehide', () => void recordPageUsage());
render(<App />, document.getElementById('app')!);

// The dev server has no service worker (Vite serves /sw.js as HTML there).
if (import.meta.env.PROD && 'serviceWorker' in navigator) void registerServiceWorker();

// Sync only for a signed-in phone; the first screen renders from IndexedDB meanwhile.
// Data saver is known before the first sync decides whether to set a timer.
void Promise.all([readSignedInEmail(), dataSaverKnown]).then(([owner, saving]) => {
  if (owner) {
    startSync();
    void requestPersistentStorage();
    void updatePeriodicSync(!saving);
  }
});
