// Rupiah has no minor unit in practice: every stored and displayed amount is a whole rupiah.

/** Half away from zero; toPrecision(15) first so 1234.4999999999998 (a float artefact of 1234.5) rounds up. */
export function roundRupiah(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`Not a finite amount: ${x}`);
  const cleaned = Number(Math.abs(x).toPrecision(15));
  const rounded = Math.round(cleaned) * Math.sign(x);
  return rounded === 0 ? 0 : rounded;
}

/** Grouping done by hand because Node builds without full ICU format 'id' like 'en'. */
export function formatRupiah(amount: number, language: 'id' | 'en' = 'id'): string {
  const rounded = roundRupiah(amount);
  const separator = language === 'id' ? '.' : ',';
  const digits = String(Math.abs(rounded));
  let grouped = '';
  for (let i = 0; i < digits.length; i += 1) {
    if (i > 0 && (digits.length - i) % 3 === 0) grouped += separator;
    grouped += digits[i];
  }
  return `${rounded < 0 ? '-' : ''}Rp${grouped}`;
}

/** Rates have at most 2 decimals, so integer basis points keep 0.54% of a wage free of float error. */
export function percentOf(amount: number, ratePercent: number): number {
  const basisPoints = Math.round(ratePercent * 100);
  const product = amount * basisPoints;
  if (!Number.isInteger(amount) || !Number.isSafeInteger(product)) return roundRupiah((amount * basisPoints) / 10_000);
  const n = Math.abs(product);
  const whole = Math.floor(n / 10_000);
  const remainder = n - whole * 10_000;
  const rounded = (whole + (remainder * 2 >= 10_000 ? 1 : 0)) * Math.sign(product);
  return rounded === 0 ? 0 : rounded;
}
