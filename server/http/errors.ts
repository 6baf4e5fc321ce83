import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import type { ValiError, BaseIssue } from 'valibot';
import { errorKind, isTransientDatabaseError, TRANSIENT_RETRY_AFTER_SEC } from '../db/transient-error.ts';
import { commonErrors, type ApiErrorBody, type CommonErrorCode } from '../../shared/api/errors.ts';
import type { Logger } from '../logging/logger.ts';

/** Answers a refusal in the one shape every client understands. */
export function apiError(
  c: Context,
  status: ContentfulStatusCode,
  code: string,
  message?: string,
  fields?: Record<string, string>,
) {
  const body: ApiErrorBody = {
    code,
    message: message ?? commonErrors[code as CommonErrorCode] ?? commonErrors.INVALID_INPUT,
  };
  if (fields) body.fields = fields;
  return c.json(body, status);
}

/** Field problems from a valibot failure, for `fields` in a 400 answer. */
export function issuesToFields(issues: readonly BaseIssue<unknown>[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const path = issue.path?.map((p) => String(p.key)).join('.') || '_';
    fields[path] ??= issue.message;
  }
  return fields;
}

/** The hook given to vValidator: a refused body answers 400 INVALID_INPUT with its fields. */
export function rejectInvalid(
  result: { success: boolean; issues?: readonly BaseIssue<unknown>[] },
  c: Context,
) {
  if (!result.success) {
    return apiError(c, 400, 'INVALID_INPUT', undefined, issuesToFields(result.issues ?? []));
  }
  return undefined;
}

export type { ValiError };

/** Last line of defence: never a stack trace on the wire, never a secret in the log. */
export function handleUncaught(error: Error, c: Context, log: Logger) {
  if (error instanceof HTTPException) {
    // Basic auth's challenge must reach the browser as is, or it never asks for the password.
    if (error.res?.headers.has('WWW-Authenticate')) return error.getResponse();
    if (error.status === 400 && /JSON/i.test(error.message)) return apiError(c, 400, 'MALFORMED_JSON');
    if (error.status === 413) return apiError(c, 413, 'PAYLOAD_TOO_LARGE');
    if (error.status === 401) return apiError(c, 401, 'UNAUTHENTICATED');
    return apiError(c, error.status as ContentfulStatusCode, 'INVALID_INPUT', error.message);
  }
  if (isTransientDatabaseError(error)) {
    // Nothing was applied and the same request can succeed shortly: a retry, not a failure.
    log.warn({ kind: errorKind(error), method: c.req.method, path: c.req.path }, 'database busy');
    c.header('Retry-After', String(TRANSIENT_RETRY_AFTER_SEC));
    return apiError(c, 503, 'SERVER_BUSY');
  }
  log.error({ err: error, method: c.req.method, path: c.req.path }, 'unhandled error');
  return apiError(c, 500, 'INTERNAL_ERROR');
}
