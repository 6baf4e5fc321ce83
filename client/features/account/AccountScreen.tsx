import { useText } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { readSignedInEmail } from '../../data/session-state.ts';
import { SignOutSection } from '../auth/SignOutSection.tsx';
import { accountText } from './account-text.ts';
import { ProfileForm } from './ProfileForm.tsx';
import { OnlineAccountSections } from './OnlineAccountSections.tsx';
import { FreshnessLabel } from '../../sync/FreshnessLabel.tsx';

export function AccountScreen() {
  const t = useText(accountText);
  useDocumentTitle(t.title);
  const data = useLiveQuery(async () => ({ owner: (await readSignedInEmail()) ?? null, profile: (await localDb.profile.get('me')) ?? null }), []);
  if (data === undefined) return <div class="card skeleton" aria-busy="true" />;
  if (!data.owner) {
    return (
      <>
        <h1>{t.title}</h1>
        <section class="card stack">
          <p>{t.signedOut}</p>
          <a class="btn btn--primary btn--block" href="/masuk">
            {t.signIn}
          </a>
          <a class="btn btn--block" href="/daftar">
            {t.register}
          </a>
        </section>
        <a class="link-row" href="/pengaturan">
          {t.settings} <span aria-hidden="true">›</span>
        </a>
      </>
    );
  }
  return (
    <>
      <h1>{t.title}</h1>
      {data.profile && <ProfileForm profile={data.profile} />}
      {data.profile && <FreshnessLabel />}
      <OnlineAccountSections />
      <a class="link-row" href="/pengaturan">
        {t.settings} <span aria-hidden="true">›</span>
      </a>
      <SignOutSection />
    </>
  );
}
