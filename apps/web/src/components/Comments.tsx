import type { CommentView } from '@notewave/api-client';
import { useState } from 'preact/hooks';
import { api, session } from '../lib/api.ts';
import { errorText } from '../lib/errors.ts';
import { useI18n } from '../lib/i18n.ts';
import { useStore } from '../lib/store.ts';
import { toast } from '../lib/toast.ts';
import { useAsync } from '../lib/use-async.ts';
import { ErrorState, Loading } from './States.tsx';

/** Comments one level deep: top-level comments oldest first, each with its replies beneath it. */
export function Comments({ noteId, onCount }: { noteId: string; onCount?: (delta: number) => void }) {
  const i = useI18n();
  const user = useStore(session);
  const [state, reload, set] = useAsync(async () => {
    const all: CommentView[] = [];
    let after: string | undefined;
    for (let page = 0; page < 5; page++) {
      const p = await api.notes.comments(noteId, { limit: 100, ...(after ? { after } : {}) });
      all.push(...p.items);
      if (!p.nextCursor) break;
      after = p.nextCursor;
    }
    return all;
  }, [noteId]);
  const [replyTo, setReplyTo] = useState<CommentView | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    const body = text.trim();
    if (!body || state.status !== 'ok') return;
    setBusy(true);
    try {
      const c = await api.notes.comment(noteId, { body, ...(replyTo ? { parentId: replyTo.parentId ?? replyTo.id } : {}) });
      set([...state.value, c]);
      setText('');
      setReplyTo(null);
      onCount?.(1);
      toast(i.t('commentSent'));
    } catch (err) {
      toast(errorText(err, i));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">{i.t('comments')}</h2>
      {user ? (
        <form class="comment-form row" onSubmit={submit}>
          <label class="visually-hidden" for="comment-input">{i.t('addComment')}</label>
          <input id="comment-input" class="input wide" maxLength={2000} value={text} onInput={(e) => setText(e.currentTarget.value)}
            placeholder={replyTo ? i.t('replyTo', { name: replyTo.author.displayName }) : i.t('addComment')} />
          <button type="submit" class="primary-btn small" disabled={busy || !text.trim()}>{i.t('send')}</button>
        </form>
      ) : (
        <p class="muted"><a href="/signin">{i.t('signIn')}</a> · {i.t('needSignIn')}</p>
      )}
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ErrorState error={state.error} onRetry={reload} />}
      {state.status === 'ok' && (state.value.length === 0 ? <p class="muted">{i.t('noComments')}</p> : (
        <ol class="comment-list">
          {state.value.filter((c) => !c.parentId).map((c) => (
            <li key={c.id} class="comment">
              <CommentItem c={c} onReply={user ? () => setReplyTo(c) : undefined} />
              <ol class="replies">
                {state.value.filter((r) => r.parentId === c.id).map((r) => (
                  <li key={r.id} class="comment"><CommentItem c={r} onReply={user ? () => setReplyTo(r) : undefined} /></li>
                ))}
              </ol>
            </li>
          ))}
        </ol>
      ))}
    </section>
  );
}

function CommentItem({ c, onReply }: { c: CommentView; onReply: (() => void) | undefined }) {
  const i = useI18n();
  return (
    <div class="comment-item">
      <a class="comment-author" href={`/user/${encodeURIComponent(c.author.id)}`}>{c.author.displayName}</a>
      <p class="comment-body">{c.body}</p>
      <div class="comment-meta muted">
        <time dateTime={new Date(c.createdAt).toISOString()}>{i.date(c.createdAt)}</time>
        {onReply && <button type="button" class="link-btn" onClick={onReply}>{i.t('reply')}</button>}
      </div>
    </div>
  );
}
