/**
 * Failures that say nothing about the data being written, only that the database could not
 * take it right now: the same request can succeed a moment later, so they answer 503 and
 * never turn into a refusal of the participant's data.
 */
const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  '57014', // query_canceled (statement_timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
]);
// Class 08: connection exceptions; class 53: insufficient resources (disk, memory, connections).
const TRANSIENT_SQLSTATE_CLASSES = ['08', '53'];
const TRANSIENT_NODE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
// node-postgres signals a lost connection or an exhausted pool with these messages and no code.
const TRANSIENT_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed|Cannot use a pool after calling end/i;

/** Seconds a phone waits before resending after a transient failure. */
export const TRANSIENT_RETRY_AFTER_SEC = 5;

/** Drizzle wraps the driver's error in `cause`; the SQLSTATE lives on the innermost one. */
export function isTransientDatabaseError(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Object && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (TRANSIENT_SQLSTATES.has(code) || TRANSIENT_NODE_CODES.has(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code) && TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true;
    }
    // Only the driver's own innermost error: a wrapper's message quotes the query's parameters,
    // which a participant controls, and their text must never make a refusal look transient.
    const innermost = (current as { cause?: unknown }).cause === undefined;
    if (innermost && current instanceof Error && !current.message.startsWith('Failed query') && TRANSIENT_MESSAGES.test(current.message)) return true;
  }
  return false;
}

/** The SQLSTATE or error class, for a log line that must not carry the query's parameters. */
export function errorKind(error: unknown): string {
  for (let current = error, depth = 0; current instanceof Object && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return error instanceof Error ? error.constructor.name : typeof error;
}
