import type { ComponentChildren } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { dropHomeSnapshot } from './home-first-paint.ts';
import { useText } from '../i18n/language.ts';
import { BottomNav } from './BottomNav.tsx';
import { ConnectionBar } from './ConnectionBar.tsx';
import { StorageFullNotice } from './StorageFullNotice.tsx';
import { shellText } from './shell-text.ts';
import { useLiveQuery } from '../data/use-live-query.ts';
import { readSignedInEmail } from '../data/session-state.ts';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';

export function AppShell({ children }: { children: ComponentChildren }) {
  const t = useText(shellText);
  const owner = useLiveQuery(async () => (await readSignedInEmail()) ?? null, []);
  const { path } = useLocation();
  // The first-paint picture is of the home only.
  useLayoutEffect(() => {
    if (path !== '/') dropHomeSnapshot();
  }, [path]);
  return (
    <div class="app">
      <a class="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header class="app-header">
        <p class="app-header__title">
          <a href="/">{t.appName}</a>
        </p>
        {owner && <NotificationBell />}
      </header>
      <ConnectionBar />
      <main id="main" class="app-main" tabIndex={-1}>
        <StorageFullNotice />
        {children}
      </main>
      <BottomNav />
    </div>
  );
}
