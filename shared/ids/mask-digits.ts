/**
 * Identity numbers (NIK, KPJ, phone) wherever they are shown or logged: the first 4 and last 2
 * digits, enough to recognise one's own number, too few to use someone else's. Short numbers
 * (a 6-digit code) are hidden entirely.
 */
export function maskDigits(digits: string): string {
  if (digits.length < 10) return '•'.repeat(digits.length);
  return `${digits.slice(0, 4)}${'•'.repeat(digits.length - 6)}${digits.slice(-2)}`;
}
