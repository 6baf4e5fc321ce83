import { paintHomeSnapshot } from './home-first-paint.ts';

// Inlined into index.html right after #app (see vite.config.ts), before the app's modules run.
try {
  paintHomeSnapshot(document, localStorage, Date.now(), navigator.onLine);
} catch {
  // No picture then: the app paints the home itself, as it always could.
}
