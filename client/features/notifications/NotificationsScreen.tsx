import { useEffect } from 'preact/hooks';
import { defineText, useLanguage, useText } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { FreshnessLabel } from '../../sync/FreshnessLabel.tsx';
import { formatAsOf } from '../../../shared/rules/freshness.ts';
import { markNotificationsRead } from './notification-actions.ts';

const text = defineText({
  id: { title: 'Notifikasi', none: 'Belum ada notifikasi.', unread: 'Baru', open: 'Buka' },
  en: { title: 'Notifications', none: 'No notifications yet.', unread: 'New', open: 'Open' },
});

export function NotificationsScreen() {
  const t = useText(text);
  const language = useLanguage();
  useDocumentTitle(t.title);
  const items = useLiveQuery(() => localDb.notifications.orderBy('createdAt').reverse().toArray(), []);
  const unreadKeys = items?.filter((n) => !n.readAt).map((n) => n.key) ?? [];
  // Opening the inbox reads what is in it; the mark is queued like any change, offline too.
  useEffect(() => {
    if (unreadKeys.length > 0) void markNotificationsRead(localDb, unreadKeys, Date.now());
  }, [unreadKeys.join(',')]);
  return (
    <>
      <h1>{t.title}</h1>
      {items === undefined ? (
        <div class="card skeleton" aria-busy="true" />
      ) : items.length === 0 ? (
        <p class="empty-state">{t.none}</p>
      ) : (
        <ul class="list card">
          {items.map((item) => (
            <li key={item.key} class="office">
              <p class="card-row">
                <strong>{item.title}</strong>
                {!item.readAt && <span class="badge badge--waiting">{t.unread}</span>}
              </p>
              <p>{item.body}</p>
              <p class="muted">{formatAsOf(Date.parse(item.createdAt), language).replace(/^Data (per|as of) /, '')}</p>
              {item.link && (
                <a class="link-row" href={item.link}>
                  {t.open} <span aria-hidden="true">›</span>
                </a>
              )}
            </li>
          ))}
        </ul>
      )}
      <FreshnessLabel />
    </>
  );
}
