import { settleHomeSnapshot } from './home-first-paint.ts';

// Inlined as index.html's last element (see vite.config.ts), where it starts the app. When the service
// worker answered with the last home already in the page, the app's modules are fetched and run
// only after that picture had its frame: fetched and compiled alongside, they held the paint back.
const script = document.currentScript as HTMLScriptElement | null;
const entry = script?.dataset.app;

const start = () => {
  if (!entry) return;
  const module = document.createElement('script');
  module.type = 'module';
  module.crossOrigin = '';
  module.src = entry;
  document.head.append(module);
};

/** Run as the body's last element: the picture and #app are parsed, nothing is painted yet. */
const place = () => {
  let picture: HTMLElement | null = null;
  try {
    picture = settleHomeSnapshot(document, navigator.onLine);
  } catch {
    // The picture stays as the service worker wrote it; the app replaces it soon anyway.
  }
  // A hidden tab has no frames to wait for.
  if (picture && document.visibilityState === 'visible') startAfterFirstPaint();
  else start();
};

/**
 * The app's modules are fetched and compiled only once the picture is on the screen: started as
 * soon as its frame was drawn, they still held its presentation back on a slow phone. Where the
 * browser does not report paints, after the picture's frame; never later than a second.
 */
const startAfterFirstPaint = () => {
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    start();
  };
  setTimeout(once, 1_000);
  if (!PerformanceObserver.supportedEntryTypes?.includes('paint')) {
    requestAnimationFrame(() => setTimeout(once, 0));
    return;
  }
  new PerformanceObserver((entries, observer) => {
    if (!entries.getEntriesByName('first-contentful-paint').length) return;
    observer.disconnect();
    once();
  }).observe({ type: 'paint', buffered: true });
};

place();
