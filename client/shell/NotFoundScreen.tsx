import { useText } from '../i18n/language.ts';
import { shellText } from './shell-text.ts';
import { useDocumentTitle } from './use-document-title.ts';

export function NotFoundScreen() {
  const t = useText(shellText);
  useDocumentTitle(t.notFoundTitle);
  return (
    <section class="empty-state">
      <h1>{t.notFoundTitle}</h1>
      <p>{t.notFoundBody}</p>
      <a class="btn btn--primary" href="/">
        {t.backHome}
      </a>
    </section>
  );
}
