/** The office directory writes opening hours in Indonesian ('Senin–Jumat 08.00–16.00'). */
const ENGLISH_WORDS: Record<string, string> = {
  Senin: 'Monday',
  Selasa: 'Tuesday',
  Rabu: 'Wednesday',
  Kamis: 'Thursday',
  Jumat: 'Friday',
  Sabtu: 'Saturday',
  Minggu: 'Sunday',
  IGD: 'Emergency',
  jam: 'hours',
  Libur: 'Closed',
  libur: 'closed',
};

/** Opening hours in the reader's language: day names and words translated, 08.00 written 08:00. */
export function officeHoursIn(hours: string, language: 'id' | 'en'): string {
  if (language === 'id') return hours;
  return hours.replace(/\p{L}+/gu, (word) => ENGLISH_WORDS[word] ?? word).replace(/\b(\d{2})\.(\d{2})\b/g, '$1:$2');
}
