import { defineText, useText } from '../../i18n/language.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';

const text = defineText({
  id: { label: (n: number) => (n > 0 ? `Notifikasi, ${n} belum dibaca` : 'Notifikasi') },
  en: { label: (n: number) => (n > 0 ? `Notifications, ${n} unread` : 'Notifications') },
});

/** The header's inbox link with its unread count, straight from IndexedDB. */
export function NotificationBell() {
  const t = useText(text);
  const unread = useLiveQuery(() => localDb.notifications.filter((n) => !n.readAt).count(), []) ?? 0;
  return (
    <a class="header-icon" href="/notifikasi" aria-label={t.label(unread)}>
      <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">
        <path d="M6 8a6 6 0 1112 0c0 7 3 9 3 9H3s3-2 3-9M10 21h4" />
      </svg>
      {unread > 0 && <span class="header-icon__count">{unread > 99 ? '99+' : unread}</span>}
    </a>
  );
}
