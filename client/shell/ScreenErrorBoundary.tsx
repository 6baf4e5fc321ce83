import type { ComponentChildren } from 'preact';
import { useEffect, useErrorBoundary, useLayoutEffect } from 'preact/hooks';
import { dropHomeSnapshot } from './home-first-paint.ts';
import { useLocation } from 'preact-iso';
import { useText } from '../i18n/language.ts';
import { shellText } from './shell-text.ts';

/**
 * A screen that throws while rendering (or whose live query fails) shows this instead of
 * freezing on its loading skeleton; the rest of the app keeps working and moving to another
 * screen tries again.
 */
export function ScreenErrorBoundary({ children }: { children: ComponentChildren }) {
  const t = useText(shellText);
  const { path } = useLocation();
  const [error, resetError] = useErrorBoundary((caught: unknown) => console.error('screen failed', caught));
  useEffect(() => {
    if (error) resetError();
  }, [path]);
  // A failed home must show its error, not the picture of the last good one.
  useLayoutEffect(() => {
    if (error) dropHomeSnapshot();
  }, [error]);
  if (!error) return <>{children}</>;
  return (
    <div class="notice notice--error" role="alert">
      <p>{t.screenError}</p>
      <div class="row">
        <button type="button" class="btn" onClick={resetError}>
          {t.retry}
        </button>
        <a class="btn btn--quiet" href="/">
          {t.backHome}
        </a>
      </div>
    </div>
  );
}
