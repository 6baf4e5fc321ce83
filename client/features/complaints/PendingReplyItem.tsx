import { useText } from '../../i18n/language.ts';
import { localDb } from '../../data/local-db-instance.ts';
import { complaintsText } from './complaints-text.ts';
import { deleteRefusedReply, type PendingReply } from './complaint-replies.ts';

/**
 * A reply the server has not brought back yet: queued, just sent, or refused with its reason.
 * `onEdit` is absent when the thread is closed: the reply could only be refused again.
 */
export function PendingReplyItem({ reply, onEdit }: { reply: PendingReply; onEdit?: (reply: PendingReply) => void }) {
  const t = useText(complaintsText);
  const badge = reply.state === 'rejected' ? ['badge--error', t.replyRejected] : reply.state === 'sent' ? ['badge--active', t.replySent] : ['badge--waiting', t.replyQueued];
  return (
    <li class="office" data-reply-state={reply.state}>
      <p class="card-row">
        <strong>{t.you}</strong>
        <span class={`badge ${badge[0]}`}>{badge[1]}</span>
      </p>
      <p>{reply.body}</p>
      {reply.state === 'rejected' && (
        <>
          <p class="notice notice--error">{reply.rejection?.message}</p>
          <div class="row">
            {onEdit && (
              <button type="button" class="btn" onClick={() => onEdit(reply)}>
                {t.resendReply}
              </button>
            )}
            <button type="button" class="btn btn--quiet" onClick={() => window.confirm(t.confirmDeleteReply) && void deleteRefusedReply(localDb, reply.id)}>
              {t.deleteReply}
            </button>
          </div>
        </>
      )}
    </li>
  );
}
