import { defineText, setLanguage, useLanguage, useText, type Language } from '../../i18n/language.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { InstallApp } from '../../shell/InstallApp.tsx';

const text = defineText({
  id: { title: 'Pengaturan', language: 'Bahasa', indonesian: 'Bahasa Indonesia', english: 'English' },
  en: { title: 'Settings', language: 'Language', indonesian: 'Bahasa Indonesia', english: 'English' },
});

const languages: Language[] = ['id', 'en'];

export function SettingsScreen() {
  const t = useText(text);
  const current = useLanguage();
  useDocumentTitle(t.title);
  return (
    <>
      <h1>{t.title}</h1>
      <section class="card">
        <fieldset class="choice-group">
          <legend>{t.language}</legend>
          {languages.map((language) => (
            <label key={language} class="choice">
              <input
                type="radio"
                name="language"
                value={language}
                checked={current === language}
                onChange={() => setLanguage(language)}
              />
              <span lang={language}>{language === 'id' ? t.indonesian : t.english}</span>
            </label>
          ))}
        </fieldset>
      </section>
      <InstallApp />
    </>
  );
}
