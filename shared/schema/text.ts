// Every string a person or a phone sends passes here once, at the edge, so a database text
// column never sees a value PostgreSQL refuses (NUL) or one that breaks on the way (a lone surrogate).
import * as v from 'valibot';

export const textErrors = {
  CONTROL_CHARACTER: 'Ada karakter tak terlihat di isian ini. Ketik ulang bagian yang disalin, lalu coba lagi.',
  BROKEN_CHARACTER: 'Ada huruf atau emoji yang rusak di isian ini. Hapus lalu ketik ulang bagian itu.',
} as const;

// C0 controls and DEL, except tab and newline which a typed text may hold.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasControlCharacter(s: string): boolean {
  return CONTROL.test(s);
}

export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

/**
 * A string safe to store: no control characters (tab and newline aside), no lone surrogates,
 * NFC so 'é' typed two ways is one value. Identifiers with their own pattern add it after this.
 */
export function safeString(required = 'Isian ini wajib diisi.') {
  return v.pipe(
    v.string(required),
    v.check((s) => !hasControlCharacter(s), textErrors.CONTROL_CHARACTER),
    v.check((s) => !hasLoneSurrogate(s), textErrors.BROKEN_CHARACTER),
    v.transform((s) => s.normalize('NFC')),
  );
}

interface TextOptions {
  max: number;
  min?: number;
  required?: string;
  tooShort?: string;
  tooLong?: string;
}

/** Free text typed by a person: safe, trimmed, and bounded (lengths in UTF-16 units, like the inputs' maxlength). */
export function text({ max, min = 0, required, tooShort, tooLong }: TextOptions) {
  return v.pipe(
    safeString(required),
    v.trim(),
    v.minLength(min, tooShort ?? required ?? `Isi minimal ${min} huruf.`),
    v.maxLength(max, tooLong ?? `Paling banyak ${max} huruf.`),
  );
}
