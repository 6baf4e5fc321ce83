import { setLanguage, useLanguage, useText, type Language } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { InstallApp } from '../../shell/InstallApp.tsx';
import { settingsText } from './settings-text.ts';
import { StoragePanel } from './StoragePanel.tsx';
import { DataSaverPanel } from './DataSaverPanel.tsx';
import { clearHomeSnapshot } from '../../data/home-snapshot.ts';
import { localDb } from '../../data/local-db-instance.ts';

const languages: Language[] = ['id', 'en'];

export function SettingsScreen() {
  const t = useText(settingsText);
  const current = useLanguage();
  useDocumentTitle(t.title);
  return (
    <>
      <h1>{t.title}</h1>
      <fieldset class="card choice-group">
        <legend>{t.language}</legend>
        {languages.map((language) => (
          <label key={language} class="choice">
            <input
              type="radio"
              name="language"
              value={language}
              checked={current === language}
              onChange={() => {
                setLanguage(language);
                // The last home was kept in the other language; the next start waits for the app instead.
                void clearHomeSnapshot(localDb);
              }}
            />
            <span lang={language}>{language === 'id' ? t.indonesian : t.english}</span>
          </label>
        ))}
      </fieldset>
      <InstallApp />
      <DataSaverPanel />
      <StoragePanel />
    </>
  );
}
