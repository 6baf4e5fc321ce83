import { signal } from '@preact/signals';

/**
 * navigator.onLine only knows whether a network interface is up, not whether the server
 * answers; it is the right signal for "say you are offline", while the sync engine's own
 * results decide whether data is fresh.
 */
export const isOnline = signal(typeof navigator === 'undefined' ? true : navigator.onLine);

if (typeof window !== 'undefined') {
  window.addEventListener('online', () => (isOnline.value = true));
  window.addEventListener('offline', () => (isOnline.value = false));
}
