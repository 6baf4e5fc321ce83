import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { fieldErrorsFrom } from '../../../client/ui/field-errors.ts';
import { ComplaintFileArgsSchema } from '../../../shared/complaints/complaint-schemas.ts';
import { ProfileUpdateArgsSchema } from '../../../shared/profile/profile-schemas.ts';

const help = { _: 'Periksa lagi.', name: 'Tulis nama Anda.' };
const schema = v.object({ name: v.pipe(v.string(), v.minLength(2, 'Nama minimal 2 huruf.')), age: v.number() });

describe('fieldErrorsFrom', () => {
  it.each([
    ['a missing field gets the form’s instruction, not valibot’s English', {}, 'id', { name: 'Tulis nama Anda.', age: 'Periksa lagi.' }],
    ['the shared schema’s own Indonesian message is kept', { name: 'A', age: 3 }, 'id', { name: 'Nama minimal 2 huruf.' }],
    ['English always reads the form’s English instruction', { name: 'A', age: 3 }, 'en', { name: 'Tulis nama Anda.' }],
  ] as const)('%s', (_title, input, language, expected) => {
    expect(fieldErrorsFrom(v.safeParse(schema, input).issues, help, language)).toEqual(expected);
  });

  it('prefixes nested paths so a sub-form’s fields keep their full key', () => {
    expect(fieldErrorsFrom(v.safeParse(schema, { age: 1 }).issues, { _: 'x', 'person.name': 'Tulis nama.' }, 'id', 'person')).toEqual({ 'person.name': 'Tulis nama.' });
  });

  it('never shows validator internals for an empty complaint or profile change', () => {
    const complaint = fieldErrorsFrom(v.safeParse(ComplaintFileArgsSchema, {}).issues, help, 'id');
    const profile = fieldErrorsFrom(v.safeParse(ProfileUpdateArgsSchema, { bankAccount: {} }).issues, help, 'id');
    for (const message of [...Object.values(complaint), ...Object.values(profile)]) expect(message).not.toMatch(/Invalid|Expected|received|undefined/);
  });
});
