// ISO calendar helpers with no time zone: dates are Asia/Jakarta calendar days already, so no Date objects are needed.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD = /^(\d{4})-(\d{2})$/;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** Month lengths decide both validity and end-of-month clamping. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Guards user and server input before any arithmetic, since '2026-02-30' must not roll over silently. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month);
}

function parse(date: string): Ymd {
  if (!isIsoDate(date)) throw new RangeError(`Invalid ISO date: ${date}`);
  return { y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function format({ y, m, d }: Ymd): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Waiting periods end on the same day next month, or on its last day when that day does not exist. */
export function addMonths(date: string, n: number): string {
  const { y, m, d } = parse(date);
  const index = y * 12 + (m - 1) + n;
  const ny = Math.floor(index / 12);
  const nm = index - ny * 12 + 1;
  return format({ y: ny, m: nm, d: Math.min(d, daysInMonth(ny, nm)) });
}

/** Counts only completed months so that "10 years of membership" is never reached a day early. */
export function monthsBetween(from: string, to: string): number {
  if (to < from) return -monthsBetween(to, from);
  const a = parse(from);
  const b = parse(to);
  let months = (b.y - a.y) * 12 + (b.m - a.m);
  if (addMonths(from, months) > to) months -= 1;
  return months;
}

/** Whole years, consistent with addMonths: someone born on 29 Feb turns a year older on 28 Feb. */
export function ageOn(birthDate: string, date: string): number {
  return Math.floor(monthsBetween(birthDate, date) / 12);
}

/** Contributions are booked per month, so a date maps to its 'YYYY-MM' period. */
export function periodOf(date: string): string {
  parse(date);
  return date.slice(0, 7);
}

/** Months since year 0 make period comparisons and gaps plain integer arithmetic. */
export function periodIndex(period: string): number {
  const m = PERIOD.exec(period);
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) throw new RangeError(`Invalid period: ${period}`);
  return Number(m[1]) * 12 + month - 1;
}

/** Moves a 'YYYY-MM' period, e.g. to find the month a BPU payment covers up to. */
export function addPeriods(period: string, n: number): string {
  const index = periodIndex(period) + n;
  const y = Math.floor(index / 12);
  return `${pad(y, 4)}-${pad(index - y * 12 + 1)}`;
}

/** Participants read membership as "7 tahun 3 bulan", not as a month count. */
export function membershipDuration(from: string, to: string): { years: number; months: number } {
  const total = Math.max(0, monthsBetween(from, to));
  return { years: Math.floor(total / 12), months: total % 12 };
}

/** The one list of month names; the short form is always the first three letters ('Agustus' → 'Agu'). */
const MONTH_NAMES = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
} as const;

/** The month's name, 'Desember' or (short) 'Des'; `month` is 1..12. */
function monthName(month: number, language: 'id' | 'en' = 'id', form: 'long' | 'short' = 'long'): string {
  const name = MONTH_NAMES[language][month - 1];
  if (!name) throw new RangeError(`Invalid month: ${month}`);
  return form === 'short' ? name.slice(0, 3) : name;
}

/** Messages name dates the way people write them ('12 Des 2026'), without relying on Intl locale data. */
export function formatShortDate(date: string, language: 'id' | 'en' = 'id'): string {
  const { y, m, d } = parse(date);
  return `${d} ${monthName(m, language, 'short')} ${y}`;
}

/** A 'YYYY-MM' period as people say it: 'November 2026', or short 'Nov 2026'. */
export function formatPeriod(period: string, language: 'id' | 'en' = 'id', form: 'long' | 'short' = 'long'): string {
  const index = periodIndex(period);
  return `${monthName((index % 12) + 1, language, form)} ${Math.floor(index / 12)}`;
}

/** Months covered by a payment: 'November–Desember 2026', 'Desember 2026–Januari 2027', or one month. */
export function formatPeriodRange(from: string, to: string, language: 'id' | 'en' = 'id'): string {
  if (from === to) return formatPeriod(from, language);
  if (from.slice(0, 4) === to.slice(0, 4)) return `${monthName(periodIndex(from) % 12 + 1, language)}–${formatPeriod(to, language)}`;
  return `${formatPeriod(from, language)}–${formatPeriod(to, language)}`;
}

/** The calendar day in Asia/Jakarta (fixed UTC+7, no daylight saving) at an instant. */
export function jakartaDateOf(ms: number): string {
  return new Date(ms + 7 * 60 * 60 * 1000).toISOString().slice(0, 10);
}
