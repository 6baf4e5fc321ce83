import { signal } from '@preact/signals';

/** Chromium's install offer; not in TypeScript's DOM types because only Chromium has it. */
export interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/**
 * The offer arrives once, often before any screen that shows the button is mounted, so it is
 * caught at start-up and kept here; preventDefault keeps Chrome's own mini-bar from covering
 * the bottom navigation.
 */
export const installOffer = signal<InstallPromptEvent | null>(null);
export const isInstalled = signal(typeof window !== 'undefined' && window.matchMedia?.('(display-mode: standalone)').matches);

export function listenForInstallOffer(): void {
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    installOffer.value = event as InstallPromptEvent;
  });
  window.addEventListener('appinstalled', () => {
    installOffer.value = null;
    isInstalled.value = true;
  });
}

/** Shows the browser's install dialog; the offer can be used only once, whatever the answer. */
export async function acceptInstallOffer(): Promise<void> {
  const offer = installOffer.value;
  if (!offer) return;
  installOffer.value = null;
  await offer.prompt();
  if ((await offer.userChoice).outcome === 'accepted') isInstalled.value = true;
}

/** Which manual steps to show where the browser never offers installation itself. */
export function manualInstallKind(userAgent: string): 'ios' | 'firefox' | 'other' {
  if (/iPhone|iPad|iPod/.test(userAgent)) return 'ios';
  if (/Firefox\//.test(userAgent)) return 'firefox';
  return 'other';
}
