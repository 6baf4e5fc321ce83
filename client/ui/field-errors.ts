import type { BaseIssue } from 'valibot';
import type { Language } from '../i18n/language.ts';

/** Field key (dotted path, e.g. `bankAccount.number`) → the message shown under that field. */
export type FieldErrors = Record<string, string>;

/** A form's own instruction for each field in the language on screen; `_` for anything else. */
export type FieldHelp = { readonly _: string } & Readonly<Record<string, string>>;

// valibot's built-in messages ("Invalid key: Expected "bankCode" but received undefined")
// are developer English; the shared schemas give their own Indonesian message where it matters.
const VALIBOT_DEFAULT_MESSAGE = /^Invalid [a-z ]+:/i;

/**
 * The one place valibot issues become what a participant reads: the shared schema's own
 * Indonesian message when it has one, otherwise (and always in English) the form's own
 * instruction for that field. The first problem of each field wins.
 */
export function fieldErrorsFrom(issues: readonly BaseIssue<unknown>[] | undefined, help: FieldHelp, language: Language, prefix?: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues ?? []) {
    const path = issue.path?.map((item) => String(item.key)).join('.');
    const key = [prefix, path].filter(Boolean).join('.') || '_';
    const schemaMessage = language === 'id' && !VALIBOT_DEFAULT_MESSAGE.test(issue.message) ? issue.message : undefined;
    errors[key] ??= schemaMessage ?? help[key] ?? help._;
  }
  return errors;
}
