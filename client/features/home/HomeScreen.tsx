import { useText } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { readSignedInEmail } from '../../data/session-state.ts';
import { homeText } from './home-text.ts';
import { MembershipSummary } from './MembershipSummary.tsx';
import { InstallApp } from '../../shell/InstallApp.tsx';
import { useLayoutEffect } from 'preact/hooks';
import { clearHomeSnapshot } from '../../data/home-snapshot.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { dropHomeSnapshot } from '../../shell/home-first-paint.ts';

export function HomeScreen() {
  const t = useText(homeText);
  useDocumentTitle(t.title);
  const owner = useLiveQuery(async () => (await readSignedInEmail()) ?? null, []);
  useLayoutEffect(() => {
    if (owner !== null) return;
    // Nobody is signed in on this phone: no picture of anyone's home, now or next time.
    void clearHomeSnapshot(localDb);
    dropHomeSnapshot();
  }, [owner]);
  if (owner === undefined) return null;
  if (owner) return <MembershipSummary />;
  return (
    <>
      <h1>{t.welcome}</h1>
      <section class="card stack">
        <p>{t.intro}</p>
        <a class="btn btn--primary btn--block" href="/masuk">
          {t.signIn}
        </a>
        <a class="btn btn--block" href="/layanan">
          {t.programs}
        </a>
      </section>
      <InstallApp />
    </>
  );
}
