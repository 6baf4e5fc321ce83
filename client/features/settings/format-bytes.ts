import type { Language } from '../../i18n/language.ts';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** "1,2 MB" in Indonesian, "1.2 MB" in English; binary units, as phone data plans count them. */
export function formatBytes(bytes: number, language: Language): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  const number = value.toFixed(digits);
  return `${language === 'id' ? number.replace('.', ',') : number} ${UNITS[unit]}`;
}
