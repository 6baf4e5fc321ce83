import { paintHomeSnapshot } from './home-first-paint.ts';

// Inlined into index.html right after #app (see vite.config.ts), where it also starts the app.
const script = document.currentScript as HTMLScriptElement | null;
let painted = false;
try {
  painted = paintHomeSnapshot(document, localStorage, Date.now(), navigator.onLine);
} catch {
  // No picture then: the app paints the home itself, as it always could.
}
const entry = script?.dataset.app;
if (entry) {
  const start = () => {
    const module = document.createElement('script');
    module.type = 'module';
    module.crossOrigin = '';
    module.src = entry;
    document.head.append(module);
  };
  // The picture gets its frame before the app's modules are fetched and run; a hidden tab has no frames to wait for.
  if (painted && document.visibilityState === 'visible') requestAnimationFrame(() => setTimeout(start, 0));
  else start();
}
