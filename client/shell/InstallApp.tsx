import { defineText, useText } from '../i18n/language.ts';
import { acceptInstallOffer, installOffer, isInstalled, manualInstallKind } from './install-prompt.ts';

const text = defineText({
  id: {
    heading: 'Pasang di layar utama',
    why: 'Buka JMO Lite seperti aplikasi biasa, juga tanpa internet, tanpa mengunduh dari Play Store.',
    install: 'Pasang aplikasi',
    ios: 'Di Safari: ketuk Bagikan (kotak dengan panah ke atas) → Tambahkan ke Layar Utama → Tambah.',
    firefox: 'Di Firefox: buka menu ⋮ → Instal (atau Tambahkan ke layar utama).',
    other: 'Buka menu peramban (⋮) → Tambahkan ke layar utama atau Instal aplikasi.',
  },
  en: {
    heading: 'Add to home screen',
    why: 'Open JMO Lite like any app, also without internet, without downloading it from the Play Store.',
    install: 'Install the app',
    ios: 'In Safari: tap Share (the square with an arrow up) → Add to Home Screen → Add.',
    firefox: 'In Firefox: open the ⋮ menu → Install (or Add to Home screen).',
    other: 'Open the browser menu (⋮) → Add to Home screen or Install app.',
  },
});

/** An install button where the browser offers installation, the manual steps where it does not. */
export function InstallApp() {
  const t = useText(text);
  if (isInstalled.value) return null;
  return (
    <section class="card" aria-labelledby="install-heading">
      <h2 id="install-heading">{t.heading}</h2>
      <p>{t.why}</p>
      {installOffer.value ? (
        <button type="button" class="btn btn--primary btn--block" onClick={() => void acceptInstallOffer()}>
          {t.install}
        </button>
      ) : (
        <p class="muted">{t[manualInstallKind(navigator.userAgent)]}</p>
      )}
    </section>
  );
}
