import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import * as v from 'valibot';
import { useLanguage, useText } from '../../i18n/language.ts';
import { fieldErrorsFrom } from '../../ui/field-errors.ts';
import { useDocumentTitle } from '../../shell/use-document-title.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { useLiveQuery } from '../../data/use-live-query.ts';
import { isOnline } from '../../shell/connection.ts';
import { requestSync } from '../../sync/sync-client.ts';
import { COMPLAINT_CATEGORIES, ComplaintFileArgsSchema } from '../../../shared/complaints/complaint-schemas.ts';
import { complaintsText } from './complaints-text.ts';
import { createComplaintDraft, queueComplaint, saveComplaintDraft } from './complaint-drafts.ts';

/** Written offline if need be; kept on every keystroke; the ticket number comes after sending. */
export function ComplaintFormScreen() {
  const t = useText(complaintsText);
  const language = useLanguage();
  const { query, route } = useLocation();
  useDocumentTitle(t.newComplaint);
  const [draftId, setDraftId] = useState<string | null>(query.draf ?? null);
  const draft = useLiveQuery(async () => (draftId ? ((await localDb.drafts.get(draftId)) ?? null) : null), [draftId]);
  const cards = useLiveQuery(() => localDb.memberships.toArray(), []);
  const [form, setForm] = useState<{ category: string; description: string; kpj: string | null } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    if (draftId) return;
    void createComplaintDraft(localDb, Date.now(), () => crypto.randomUUID()).then((id) => {
      setDraftId(id);
      // The draft id in the address: a reload reopens this draft instead of starting a new one.
      route(`/pengaduan/baru?draf=${id}`, true);
    });
  }, [draftId]);
  useEffect(() => {
    if (draft && form === null) setForm(draft.data as { category: string; description: string; kpj: string | null });
  }, [draft]);

  if (!draft || !form) return <div class="card skeleton" aria-busy="true" />;
  if (draft.state !== 'editing') {
    return (
      <>
        <h1>{t.newComplaint}</h1>
        <p class={`notice ${draft.state === 'rejected' ? 'notice--error' : draft.state === 'sent' ? 'notice--success' : 'notice--warning'}`} role="status">
          {draft.state === 'sent' ? t.sent(draft.resultRef ?? '') : draft.state === 'rejected' ? t.rejected(draft.rejection?.message ?? '') : t.queued}
        </p>
        <a class="btn" href="/pengaduan">
          {t.title}
        </a>
      </>
    );
  }

  const update = (changes: Partial<typeof form>) => {
    const next = { ...form, ...changes };
    setForm(next);
    void saveComplaintDraft(localDb, draft.id, next, Date.now());
  };

  async function submit(event: Event) {
    event.preventDefault();
    const parsed = v.safeParse(ComplaintFileArgsSchema, { ...form, draftId: draft!.id, kpj: form!.kpj || null });
    if (!parsed.success) {
      setErrors(fieldErrorsFrom(parsed.issues, t.fieldHelp, language));
      return;
    }
    setErrors({});
    await queueComplaint(localDb, parsed.output, Date.now());
    requestSync();
  }

  return (
    <>
      <h1>{t.newComplaint}</h1>
      <form class="card" onSubmit={submit} noValidate>
        <div class="field">
          <label for="category">{t.category}</label>
          <select id="category" value={form.category} aria-invalid={errors.category ? 'true' : undefined} onChange={(e) => update({ category: e.currentTarget.value })}>
            <option value="">—</option>
            {COMPLAINT_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t.categories[category]}
              </option>
            ))}
          </select>
          {errors.category && <span class="field__error">{errors.category}</span>}
        </div>
        <div class="field">
          <label for="kpj">{t.card}</label>
          <select id="kpj" value={form.kpj ?? ''} onChange={(e) => update({ kpj: e.currentTarget.value || null })}>
            <option value="">{t.noCard}</option>
            {cards?.map((card) => (
              <option key={card.key} value={card.kpj}>
                KPJ {card.kpj} · {card.employerName ?? 'BPU'}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="description">{t.description}</label>
          <span class="field__hint" id="description-hint">
            {t.descriptionHint}
          </span>
          <textarea id="description" rows={6} aria-describedby="description-hint" aria-invalid={errors.description ? 'true' : undefined} value={form.description} onInput={(e) => update({ description: e.currentTarget.value })} />
          {errors.description && <span class="field__error">{errors.description}</span>}
        </div>
        <p class="muted">{t.saved}</p>
        <button type="submit" class="btn btn--primary btn--block">
          {isOnline.value ? t.send : t.sendOffline}
        </button>
      </form>
    </>
  );
}
