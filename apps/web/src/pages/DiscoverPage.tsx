import type { FeedItem } from '@notewave/api-client';
import { useCallback, useRef } from 'preact/hooks';
import { api, session } from '../lib/api.ts';
import { events } from '../lib/events.ts';
import { useI18n } from '../lib/i18n.ts';
import { useStore } from '../lib/store.ts';
import { toast } from '../lib/toast.ts';
import { useInfinite, useSentinel } from '../lib/use-infinite.ts';
import { Masonry, NoteCard } from '../components/NoteCard.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';
import { NotInterested, type NotInterestedTarget } from '../components/NotInterested.tsx';

const SURFACE = 'discover';

/** The funnel feed: one feed session paged by infinite scroll, a reason on every card. */
export function DiscoverPage() {
  const i = useI18n();
  const user = useStore(session);
  const feedSession = useRef<string | undefined>(undefined);
  const feed = useInfinite<FeedItem, number>(async (page) => {
    if (page === null) feedSession.current = undefined;
    // Flushing first makes what was just read or liked count for this page.
    await events.flush();
    const res = await api.feed({ surface: SURFACE, limit: 20, ...(feedSession.current ? { sessionId: feedSession.current } : {}) });
    feedSession.current = res.sessionId;
    return { items: res.items, next: res.items.length > 0 ? (page ?? 0) + 1 : null };
  }, [user?.user.id]);
  const sentinel = useSentinel(feed.more, !feed.done && !feed.error, feed.items.length);

  const notInterested = useCallback((item: FeedItem, t: NotInterestedTarget) => {
    events.track('not_interested', { ...t, surface: SURFACE, recId: item.recId });
    void events.flush();
    const hidden = (x: FeedItem) =>
      x === item || (t.targetKind === 'author' && x.note.author.id === t.target) || (t.targetKind === 'tag' && x.note.tags.includes(t.target));
    feed.setItems((items) => items.filter((x) => !hidden(x)));
    toast(i.t('niDone'));
  }, [i.lang]);

  return (
    <section class="page discover" aria-labelledby="discover-title">
      <h1 id="discover-title" class="visually-hidden">{i.t('discover')}</h1>
      {!user && <p class="banner">{i.t('signInWhy')} <a href="/signin">{i.t('signIn')}</a></p>}
      <Masonry>
        {feed.items.map((item, position) => (
          <NoteCard
            key={item.recId}
            note={item.note}
            href={`/note/${encodeURIComponent(item.note.id)}?rec=${encodeURIComponent(item.recId)}&surface=${SURFACE}`}
            reasons={item.reasons}
            exploration={item.exploration}
            onVisible={() => events.impression({ noteId: item.note.id, surface: SURFACE, position, recId: item.recId, exploration: item.exploration })}
            actions={user && <NotInterested item={item} onPick={(t) => notInterested(item, t)} />}
          />
        ))}
      </Masonry>
      {feed.error ? <ErrorState error={feed.error} onRetry={feed.more} /> : null}
      {feed.loading && <Loading />}
      {feed.done && feed.items.length === 0 && <Empty />}
      {feed.done && feed.items.length > 0 && <p class="state end">{i.t('endOfFeed')}</p>}
      <div ref={sentinel} class="sentinel" aria-hidden="true" />
    </section>
  );
}
