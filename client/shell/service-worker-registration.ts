import { signal } from '@preact/signals';

/** Set when a new version is installed and waiting; the shell offers a reload. */
export const waitingUpdate = signal<null | (() => void)>(null);

export async function registerServiceWorker(): Promise<void> {
  try {
    // Loaded after the first render: registering (or finding) the worker is not needed to show the home.
    const { Workbox } = await import('workbox-window');
    const workbox = new Workbox('/sw.js', { type: 'module' });
    workbox.addEventListener('waiting', () => {
      waitingUpdate.value = () => {
        // Reload only once the new worker has taken over, so the page and its cache match.
        workbox.addEventListener('controlling', () => window.location.reload());
        workbox.messageSkipWaiting();
      };
    });
    await workbox.register();
  } catch {
    // No service worker (private mode, old browser): the app still works online.
  }
}
