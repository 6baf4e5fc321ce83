import type { JSX } from 'preact';

interface FieldProps extends Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'label'> {
  id: string;
  label: string;
  hint?: string;
  error?: string;
}

/** A labelled input whose hint and error are announced with it by screen readers. */
export function Field({ id, label, hint, error, ...input }: FieldProps) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {hint && (
        <span class="field__hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <input id={id} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} {...input} />
      {error && (
        <span class="field__error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}
