import { maskEmail } from '../../shared/ids/email.ts';
import { maskDigits } from '../../shared/ids/mask-digits.ts';

// Free text that reaches a log line (an error message, a path) may carry what callers never
// meant to log: drizzle appends a failed query's parameters, PostgreSQL quotes the value it
// refused. Masked here, whatever the caller did.
const QUERY_PARAMS = /\nparams: [\s\S]*$/;
const URL_PASSWORD = /(\/\/[^\s/:@]+:)[^\s/@]+@/g;
const TOKEN = /[A-Za-z0-9_-]{40,}/g;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}/g;
const DIGIT_RUN = /\d{6,}/g;

export function scrubText(text: string): string {
  return text
    .replace(QUERY_PARAMS, '\nparams: [redacted]')
    .replace(URL_PASSWORD, '$1•••@')
    .replace(TOKEN, '[token]')
    .replace(EMAIL, (email) => maskEmail(email))
    .replace(DIGIT_RUN, (digits) => maskDigits(digits));
}

/** Every string inside a logged object, scrubbed; errors are left to `serializeError`. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object' || value instanceof Error || depth > 5) return value;
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scrubValue(item, depth + 1)]));
}

/**
 * Name, scrubbed message, SQLSTATE and stack frames only. pino's default would copy every own
 * property, and drizzle's errors carry `params`, PostgreSQL's a `detail` quoting the row.
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: scrubText(String(error)) };
  const sqlState = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: scrubText(error.message),
    ...(typeof sqlState === 'string' && /^[0-9A-Z]{5}$/.test(sqlState) ? { sqlState } : {}),
    stack: (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 10).join('\n'),
    ...(error.cause instanceof Error ? { cause: serializeError(error.cause) } : {}),
  };
}
