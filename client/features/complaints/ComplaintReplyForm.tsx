import { useEffect, useRef, useState } from 'preact/hooks';
import * as v from 'valibot';
import { useText } from '../../i18n/language.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { isOnline } from '../../shell/connection.ts';
import { requestSync } from '../../sync/sync-client.ts';
import { COMPLAINT_REPLY_MAX_LENGTH, ComplaintReplyArgsSchema } from '../../../shared/complaints/complaint-schemas.ts';
import { complaintsText } from './complaints-text.ts';
import { queueComplaintReply, type PendingReply } from './complaint-replies.ts';

interface Props {
  complaintKey: string;
  isAnswered: boolean;
  /** A refused reply the participant chose to edit; sending it again keeps its reply id. */
  editing: PendingReply | null;
  onEditDone: () => void;
}

/** The box under the thread: queued on the phone at once, delivered by the sync engine. */
export function ComplaintReplyForm({ complaintKey, isAnswered, editing, onEditDone }: Props) {
  const t = useText(complaintsText);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  // A ref, not state: two taps within one render would both read a stale `false` from state.
  const isQueueing = useRef(false);
  const textarea = useRef<HTMLTextAreaElement>(null);

  useEffect(() => {
    if (!editing) return;
    setBody(editing.body);
    setError(null);
    textarea.current?.focus();
  }, [editing]);

  async function send(event: Event) {
    event.preventDefault();
    // A second tap before the first is written would queue the same text under a new reply id.
    if (isQueueing.current) return;
    const parsed = v.safeParse(ComplaintReplyArgsSchema, { complaintKey, replyId: editing?.id ?? crypto.randomUUID(), body });
    if (!parsed.success) {
      setError(parsed.issues[0].message);
      textarea.current?.focus();
      return;
    }
    isQueueing.current = true;
    try {
      await queueComplaintReply(localDb, parsed.output, Date.now());
    } finally {
      isQueueing.current = false;
    }
    setBody('');
    setError(null);
    onEditDone();
    requestSync();
  }

  return (
    <form class="card" onSubmit={(e) => void send(e)} noValidate>
      <div class="field">
        <label for="reply">{editing ? t.editReply : t.reply}</label>
        <span class="field__hint" id="reply-hint">
          {t.replyHint(COMPLAINT_REPLY_MAX_LENGTH)} {isAnswered && t.replyReopens}
        </span>
        <textarea
          id="reply"
          ref={textarea}
          rows={3}
          maxLength={COMPLAINT_REPLY_MAX_LENGTH}
          aria-describedby={error ? 'reply-hint reply-error' : 'reply-hint'}
          aria-invalid={error ? 'true' : undefined}
          value={body}
          onInput={(e) => setBody(e.currentTarget.value)}
        />
        {error && (
          <span class="field__error" id="reply-error">
            {error}
          </span>
        )}
      </div>
      <div class="row">
        <button type="submit" class="btn btn--primary">
          {isOnline.value ? t.sendReply : t.sendReplyOffline}
        </button>
        {editing && (
          <button
            type="button"
            class="btn btn--quiet"
            onClick={() => {
              setBody('');
              onEditDone();
            }}
          >
            {t.cancelEdit}
          </button>
        )}
      </div>
    </form>
  );
}
