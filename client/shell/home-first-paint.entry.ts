import { prepareHomeSnapshot, showHomeSnapshot } from './home-first-paint.ts';

// Inlined into index.html's head before the stylesheet link (see vite.config.ts), where it also
// starts the app. Placed there, it is not held back by the stylesheet: the picture is built while
// the stylesheet comes from the service worker, and is in the page before that arrives, so the
// first frame after it is the picture itself, as for a static page. After #app, this script had
// to wait for the stylesheet, and Chromium drew an empty frame before running it.
const script = document.currentScript as HTMLScriptElement | null;
const entry = script?.dataset.app;
let picture: HTMLElement | null = null;
try {
  picture = prepareHomeSnapshot(document, localStorage, Date.now(), navigator.onLine);
} catch {
  // No picture then: the app paints the home itself, as it always could.
}

const start = () => {
  if (!entry) return;
  const module = document.createElement('script');
  module.type = 'module';
  module.crossOrigin = '';
  module.src = entry;
  document.head.append(module);
};

/** Once the parser has put #app in the page: the picture goes in, then the app is started. */
const place = () => {
  const painted = picture !== null && showHomeSnapshot(document, picture);
  // The picture gets its frame before the app's modules are fetched and run; a hidden tab has no frames to wait for.
  if (painted && document.visibilityState === 'visible') requestAnimationFrame(() => setTimeout(start, 0));
  else start();
};

if (document.getElementById('app')) {
  place();
} else {
  // Called at the end of the parser's task that added #app: before any frame, which needs the stylesheet anyway.
  const watch = new MutationObserver(() => {
    if (!document.getElementById('app')) return;
    watch.disconnect();
    place();
  });
  watch.observe(document, { childList: true, subtree: true });
}
