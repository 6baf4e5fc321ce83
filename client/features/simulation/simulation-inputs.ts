/** Reads a rupiah or number field as people type it ("5.000.000", "5 jt" is not accepted). */
function parseWholeNumber(text: string): number | null {
  const digits = text.replace(/[.\s]/g, '').replace(/^Rp/i, '');
  return /^\d{1,13}$/.test(digits) ? Number(digits) : null;
}

export interface RangeRule {
  min: number;
  max: number;
  message: string;
}

/** The value, or the Indonesian message that explains what is wrong with the field. */
export function checkField(text: string, rule: RangeRule): { value: number } | { error: string } {
  const value = parseWholeNumber(text);
  if (value === null || value < rule.min || value > rule.max) return { error: rule.message };
  return { value };
}
