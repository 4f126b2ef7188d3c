import type { NoteDetail as NoteDetailView, NoteView, NoteViewerState } from '@notewave/api-client';
import { useRef, useState } from 'preact/hooks';
import { api, session } from '../lib/api.ts';
import { errorText } from '../lib/errors.ts';
import { events } from '../lib/events.ts';
import { useI18n } from '../lib/i18n.ts';
import { useReadProgress } from '../lib/read-progress.ts';
import { navigate } from '../lib/router.ts';
import { useStore } from '../lib/store.ts';
import { categoryName, taxonomy } from '../lib/taxonomy.ts';
import { toast } from '../lib/toast.ts';
import { useAsync } from '../lib/use-async.ts';
import { Body, TagList } from '../components/Body.tsx';
import { Carousel } from '../components/Carousel.tsx';
import { Comments } from '../components/Comments.tsx';
import { FollowButton } from '../components/FollowButton.tsx';
import { Icon } from '../components/Icon.tsx';
import { Masonry, NoteCard } from '../components/NoteCard.tsx';
import { SaveDialog } from '../components/SaveDialog.tsx';
import { ErrorState, Loading } from '../components/States.tsx';

export function NotePage({ id }: { id: string }) {
  const me = useStore(session)?.user.id;
  // Signing in or out changes the viewer's like and save state, so the note is fetched again.
  const [state, reload, set] = useAsync(() => api.notes.get(id), [id, me]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} />;
  return <NoteDetail note={state.value} onChange={set} />;
}

function NoteDetail({ note, onChange }: { note: NoteDetailView; onChange: (n: NoteDetailView) => void }) {
  const i = useI18n();
  const user = useStore(session);
  const tax = useStore(taxonomy);
  const params = new URLSearchParams(location.search);
  const context = { recId: params.get('rec') ?? undefined, surface: params.get('surface') ?? 'note' };
  const textRef = useRef<HTMLDivElement>(null);
  useReadProgress(note.id, textRef, note.title.length + note.body.length, context);
  // Whether the viewer liked and saved the note comes with the note itself.
  const liked = note.viewer?.liked ?? false;
  const saved = note.viewer?.saved ?? false;
  const [saving, setSaving] = useState(false);
  const own = user?.user.id === note.author.id;

  const stats = (patch: Partial<NoteView['stats']>, viewer?: Partial<NoteViewerState>) =>
    onChange({ ...note, stats: { ...note.stats, ...patch }, ...(viewer && { viewer: { liked, saved, ...viewer } }) });
  function requireUser(): boolean {
    if (user) return true;
    toast(i.t('needSignIn'));
    navigate('/signin');
    return false;
  }
  async function like() {
    if (!requireUser()) return;
    try {
      const r = liked ? await api.notes.unlike(note.id) : await api.notes.like(note.id);
      stats({ likes: r.likes }, { liked: r.liked });
    } catch (err) {
      toast(errorText(err, i));
    }
  }
  async function unsave() {
    try {
      const r = await api.notes.unsave(note.id);
      stats({ saves: r.saves }, { saved: r.saved });
    } catch (err) {
      toast(errorText(err, i));
    }
  }
  async function share() {
    const url = `${location.origin}/note/${encodeURIComponent(note.id)}`;
    events.track('share', { noteId: note.id, ...context });
    try {
      if (navigator.share) await navigator.share({ title: note.title, url });
      else {
        await navigator.clipboard.writeText(url);
        toast(i.t('linkCopied'));
      }
    } catch {
      // The reader closed the share sheet; nothing to report.
    }
  }

  return (
    <article class="page note-page">
      <div class="note-media">
        {note.kind === 'video' && note.media.videoUrl ? (
          <video class="note-video" src={note.media.videoUrl} poster={note.media.images[0]?.url} controls playsInline preload="metadata" />
        ) : (
          <Carousel note={note} />
        )}
      </div>
      <div class="note-side">
        <header class="note-author">
          <a class="author-link" href={`/user/${encodeURIComponent(note.author.id)}`}>
            <span class="avatar" aria-hidden="true">{note.author.displayName.slice(0, 1)}</span>
            <span>{note.author.displayName}</span>
          </a>
          {own ? <a class="ghost-btn small" href={`/post/${encodeURIComponent(note.id)}`}>{i.t('edit')}</a> : <FollowButton userId={note.author.id} />}
        </header>
        <div ref={textRef} class="note-text">
          <h1 class="note-title">{note.title}</h1>
          <Body text={note.body} />
          <TagList tags={note.tags.filter((tag) => !note.body.includes(`#${tag}`))} />
          <p class="muted small">
            <a href={`/search?q=${encodeURIComponent(categoryName(tax, note.category, i.lang))}`} class="category-link">{categoryName(tax, note.category, i.lang)}</a>
            {' · '}
            <time dateTime={new Date(note.createdAt).toISOString()}>{i.date(note.createdAt)}</time>
          </p>
        </div>
        <div class="note-actions" role="group">
          <button type="button" class={liked ? 'action on' : 'action'} aria-pressed={liked} onClick={like} aria-label={liked ? i.t('unlike') : i.t('like')}>
            <Icon name="heart" filled={liked} /> <span>{i.count(note.stats.likes)}</span>
          </button>
          <button type="button" class={saved ? 'action on' : 'action'} aria-pressed={saved} aria-label={saved ? i.t('saved') : i.t('save')}
            onClick={() => (saved ? unsave() : requireUser() && setSaving(true))}>
            <Icon name="star" filled={saved} /> <span>{i.count(note.stats.saves)}</span>
          </button>
          <a class="action" href="#comments-title" aria-label={i.t('comments')}>
            <Icon name="comment" filled={false} /> <span>{i.count(note.stats.comments)}</span>
          </a>
          <button type="button" class="action" onClick={share} aria-label={i.t('share')}>
            <Icon name="share" filled={false} /> <span>{i.count(note.stats.shares)}</span>
          </button>
        </div>
        <Comments noteId={note.id} onCount={(d) => stats({ comments: note.stats.comments + d })} />
      </div>
      {saving && (
        <SaveDialog noteId={note.id} onClose={() => setSaving(false)} onSaved={(c) => {
          setSaving(false);
          stats({ saves: note.stats.saves + (saved ? 0 : 1) }, { saved: true });
          toast(i.t('savedTo', { name: c.name === 'default' ? i.t('defaultCollection') : c.name }));
        }} />
      )}
      <Related note={note} />
    </article>
  );
}

/** Notes like this one: a search on its first tag (or its title), without the note itself. */
function Related({ note }: { note: NoteView }) {
  const i = useI18n();
  const [state] = useAsync(async () => {
    const r = await api.search({ q: note.tags[0] ?? note.title.slice(0, 40), limit: 13, personalize: 0 });
    return r.hits.map((h) => h.note).filter((n) => n.id !== note.id).slice(0, 12);
  }, [note.id]);
  if (state.status !== 'ok' || state.value.length === 0) return null;
  return (
    <section class="related" aria-labelledby="related-title">
      <h2 id="related-title">{i.t('related')}</h2>
      <Masonry>{state.value.map((n) => <NoteCard key={n.id} note={n} href={`/note/${encodeURIComponent(n.id)}?surface=related`} />)}</Masonry>
    </section>
  );
}
