import type { BaseIssue } from 'valibot';

/**
 * The first problem of each field of a valibot failure, keyed by the field's dotted path
 * (`bankAccount.number`, under `prefix` when the schema checked only part of a form); `_` for
 * a problem with the input as a whole. Server answers and client forms both key errors this way.
 */
export function firstIssuePerField(issues: readonly BaseIssue<unknown>[] | undefined, prefix?: string): Record<string, BaseIssue<unknown>> {
  const byField: Record<string, BaseIssue<unknown>> = {};
  for (const issue of issues ?? []) {
    const path = issue.path?.map((item) => String(item.key)).join('.');
    byField[[prefix, path].filter(Boolean).join('.') || '_'] ??= issue;
  }
  return byField;
}
