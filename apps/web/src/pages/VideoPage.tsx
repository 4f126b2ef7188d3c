import type { FeedItem } from '@notewave/api-client';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, session } from '../lib/api.ts';
import { events, onPageHide } from '../lib/events.ts';
import { useI18n } from '../lib/i18n.ts';
import { navigate } from '../lib/router.ts';
import { useStore } from '../lib/store.ts';
import { toast } from '../lib/toast.ts';
import { errorText } from '../lib/errors.ts';
import { FollowButton } from '../components/FollowButton.tsx';
import { Icon } from '../components/Icon.tsx';
import { ReasonChip } from '../components/ReasonChip.tsx';
import { watchPortion, type Watch } from '../lib/watch.ts';
import { Empty, ErrorState, Loading } from '../components/States.tsx';

const SURFACE = 'video';

/** The viral feed: one full-height clip at a time; swipe, wheel or arrow keys move between clips. */
export function VideoPage() {
  const i = useI18n();
  const user = useStore(session);
  const [items, setItems] = useState<FeedItem[]>([]);
  const [index, setIndex] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(false);
  const [done, setDone] = useState(false);
  const [muted, setMuted] = useState(true);
  const sessionId = useRef<string | undefined>(undefined);
  const busy = useRef(false);

  const load = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    setLoading(true);
    setError(null);
    try {
      await events.flush();
      const r = await api.feed({ surface: SURFACE, limit: 10, ...(sessionId.current ? { sessionId: sessionId.current } : {}) });
      sessionId.current = r.sessionId;
      if (r.items.length === 0) setDone(true);
      setItems((prev) => [...prev, ...r.items]);
    } catch (err) {
      setError(err);
    } finally {
      busy.current = false;
      setLoading(false);
    }
  }, []);

  useEffect(() => {
    sessionId.current = undefined;
    setItems([]);
    setIndex(0);
    setDone(false);
    void load();
  }, [user?.user.id]);

  useEffect(() => {
    if (items.length > 0 && index >= items.length - 3 && !done) void load();
  }, [index, items.length, done]);

  const go = useCallback((d: number) => setIndex((x) => Math.max(0, Math.min(items.length - 1, x + d))), [items.length]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || document.querySelector('dialog[open]')) return;
      if (e.key === 'ArrowDown' || e.key === 'j' || e.key === 'PageDown') { e.preventDefault(); go(1); }
      if (e.key === 'ArrowUp' || e.key === 'k' || e.key === 'PageUp') { e.preventDefault(); go(-1); }
      if (e.key === 'm') setMuted((m) => !m);
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [go]);

  const wheelAt = useRef(0);
  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    // A trackpad sends a burst of wheel events per gesture; one move per burst.
    if (Math.abs(e.deltaY) < 20 || performance.now() - wheelAt.current < 600) return;
    wheelAt.current = performance.now();
    go(e.deltaY > 0 ? 1 : -1);
  };
  const touchY = useRef<number | null>(null);
  const onTouchStart = (e: TouchEvent) => { touchY.current = e.touches[0]?.clientY ?? null; };
  const onTouchEnd = (e: TouchEvent) => {
    const start = touchY.current;
    const end = e.changedTouches[0]?.clientY;
    touchY.current = null;
    if (start == null || end == null || Math.abs(end - start) < 50) return;
    go(end < start ? 1 : -1);
  };

  const item = items[index];
  return (
    <section class="page video-feed" aria-label={i.t('video')} onWheel={onWheel} onTouchStart={onTouchStart} onTouchEnd={onTouchEnd}>
      {item ? (
        <Clip key={item.recId} item={item} position={index} muted={muted} onMuted={setMuted} onEnded={() => undefined} />
      ) : loading ? <Loading /> : error ? <ErrorState error={error} onRetry={load} /> : <Empty />}
      {error && item ? <ErrorState error={error} onRetry={load} /> : null}
      <div class="video-nav">
        <button type="button" class="icon-btn" onClick={() => go(-1)} disabled={index === 0} aria-label={i.t('prevClip')}>↑</button>
        <button type="button" class="icon-btn" onClick={() => go(1)} disabled={index >= items.length - 1} aria-label={i.t('nextClip')}>↓</button>
      </div>
      <p class="video-help muted">{i.t('videoHelp')}</p>
    </section>
  );
}

function Clip({ item, position, muted, onMuted }: { item: FeedItem; position: number; muted: boolean; onMuted: (m: boolean) => void; onEnded: () => void }) {
  const i = useI18n();
  const note = item.note;
  const video = useRef<HTMLVideoElement>(null);
  const watch = useRef<Watch>({ playedSec: 0, durationSec: note.media.durationSec ?? 0, loops: 0 });
  const lastTime = useRef(0);
  const [liked, setLiked] = useState(false);
  const [likes, setLikes] = useState(note.stats.likes);
  const me = useStore(session)?.user.id;

  // Feed items stay lean, so a signed-in viewer's like state comes from the clip's own note view.
  useEffect(() => {
    setLiked(false);
    if (!me) return;
    let live = true;
    api.notes.get(note.id).then((n) => live && setLiked(n.viewer?.liked ?? false), () => undefined);
    return () => {
      live = false;
    };
  }, [note.id, me]);

  useEffect(() => {
    const shownAt = performance.now();
    const context = { noteId: note.id, surface: SURFACE, recId: item.recId };
    events.impression({ ...context, position, exploration: item.exploration });
    let reported = false;
    const report = () => {
      if (reported) return;
      reported = true;
      const portion = watchPortion(watch.current);
      const ms = Math.round(performance.now() - shownAt);
      events.track('view', { ...context, portion, ms: Math.round(watch.current.playedSec * 1000) });
      events.track('dwell', { ...context, ms });
    };
    const off = onPageHide(report);
    const v = video.current;
    if (v) void v.play().catch(() => undefined);
    return () => {
      off();
      report();
    };
  }, [item.recId]);

  const onTime = () => {
    const v = video.current;
    if (!v) return;
    const t = v.currentTime;
    if (Number.isFinite(v.duration) && v.duration > 0) watch.current.durationSec = v.duration;
    const dt = t - lastTime.current;
    if (dt > 0 && dt < 1.5) watch.current.playedSec += dt;
    else if (dt < -0.5 && lastTime.current > watch.current.durationSec * 0.8) watch.current.loops++;
    lastTime.current = t;
  };

  async function like() {
    if (!session.get()) {
      toast(i.t('needSignIn'));
      navigate('/signin');
      return;
    }
    try {
      const r = liked ? await api.notes.unlike(note.id) : await api.notes.like(note.id);
      setLiked(r.liked);
      setLikes(r.likes);
    } catch (err) {
      toast(errorText(err, i));
    }
  }
  async function share() {
    events.track('share', { noteId: note.id, surface: SURFACE, recId: item.recId });
    try {
      await navigator.clipboard.writeText(`${location.origin}/note/${encodeURIComponent(note.id)}`);
      toast(i.t('linkCopied'));
    } catch {
      // Clipboard refused (insecure origin); nothing else to do.
    }
  }
  const noteHref = `/note/${encodeURIComponent(note.id)}?rec=${encodeURIComponent(item.recId)}&surface=${SURFACE}`;

  return (
    <div class="clip" data-note-id={note.id}>
      {note.media.videoUrl ? (
        <video ref={video} class="clip-video" src={note.media.videoUrl} poster={note.media.images[0]?.url} autoplay muted={muted} loop playsInline
          preload="auto" onTimeUpdate={onTime} onClick={() => onMuted(!muted)} aria-label={note.title} />
      ) : (
        <img class="clip-video" src={note.media.images[0]?.url} alt="" />
      )}
      {muted && note.media.videoUrl && (
        <button type="button" class="unmute" onClick={() => onMuted(false)}><Icon name="muted" size={18} /> {i.t('tapUnmute')}</button>
      )}
      <div class="clip-info">
        <a class="clip-author" href={`/user/${encodeURIComponent(note.author.id)}`}>@{note.author.displayName}</a>
        <a class="clip-title" href={noteHref}>{note.title}</a>
        <ReasonChip reasons={item.reasons} exploration={item.exploration} authorName={note.author.displayName} />
      </div>
      <div class="clip-rail" role="group">
        <FollowButton userId={note.author.id} />
        <button type="button" class={liked ? 'rail-btn on' : 'rail-btn'} aria-pressed={liked} onClick={like} aria-label={liked ? i.t('unlike') : i.t('like')}>
          <Icon name="heart" size={28} /><span>{i.count(likes)}</span>
        </button>
        <a class="rail-btn" href={noteHref} aria-label={i.t('comments')}><Icon name="comment" size={28} /><span>{i.count(note.stats.comments)}</span></a>
        <button type="button" class="rail-btn" onClick={share} aria-label={i.t('share')}><Icon name="share" size={28} /><span>{i.count(note.stats.shares)}</span></button>
        <button type="button" class="rail-btn" onClick={() => onMuted(!muted)} aria-label={muted ? i.t('unmute') : i.t('mute')}>
          <Icon name={muted ? 'muted' : 'sound'} size={24} />
        </button>
      </div>
    </div>
  );
}
