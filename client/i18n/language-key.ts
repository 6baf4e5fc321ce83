/** Where the chosen language is kept; read before any module loads by the home's first paint too. */
export const LANGUAGE_STORAGE_KEY = 'jmo.lang';
