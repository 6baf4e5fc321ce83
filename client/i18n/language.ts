import { useEffect, useState } from 'preact/hooks';
import { LANGUAGE_STORAGE_KEY } from './language-key.ts';

export type Language = 'id' | 'en';

const listeners = new Set<(language: Language) => void>();

function readStoredLanguage(): Language {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

let current: Language = typeof localStorage === 'undefined' ? 'id' : readStoredLanguage();

export function getLanguage(): Language {
  return current;
}

/** Switches every mounted screen at once and remembers the choice on this phone. */
export function setLanguage(language: Language): void {
  current = language;
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Private mode or full storage: the switch still works for this visit.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = language;
  for (const listener of listeners) listener(language);
}

function onLanguageChange(listener: (language: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLanguage(): Language {
  const [language, setState] = useState(current);
  useEffect(() => onLanguageChange(setState), []);
  return language;
}

/**
 * A feature's texts in both languages. The English half must have exactly the Indonesian
 * half's shape, so a missing translation is a type error, not a blank on screen.
 */
export function defineText<T extends object>(texts: { id: T; en: NoInfer<T> }): { id: T; en: T } {
  return texts;
}

/** The current language's half of a feature's texts; re-renders on a switch. */
export function useText<T>(texts: { id: T; en: T }): T {
  return texts[useLanguage()];
}

/** '1 card', '3 cards': English counts need the singular for one, Indonesian never does. */
export function countOf(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
