import type { CollectionView, NoteView, PublicUser, UserView } from '@notewave/api-client';
import { useState } from 'preact/hooks';
import { api, session } from '../lib/api.ts';
import { useI18n } from '../lib/i18n.ts';
import { useStore } from '../lib/store.ts';
import { useAsync } from '../lib/use-async.ts';
import { useInfinite, useSentinel } from '../lib/use-infinite.ts';
import { FollowButton } from '../components/FollowButton.tsx';
import { Masonry, NoteCard } from '../components/NoteCard.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';

type Tab = 'notes' | 'saved' | 'followers' | 'following';

export function ProfilePage({ id, tab }: { id: string; tab: Tab }) {
  const i = useI18n();
  const me = useStore(session);
  // Signing in or out changes whether the viewer follows this user, so the profile is fetched again.
  const [state, reload] = useAsync(() => api.users.get(id), [id, me?.user.id]);
  const [followers, setFollowers] = useState(0);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorState error={state.error} onRetry={reload} />;
  const user: UserView = state.value;
  const own = me?.user.id === user.id;
  const tabs: Tab[] = ['notes', 'saved', 'followers', 'following'];
  const base = `/user/${encodeURIComponent(user.id)}`;
  return (
    <section class="page profile-page" aria-labelledby="profile-title">
      <header class="profile-head">
        <span class="avatar large" aria-hidden="true">{user.displayName.slice(0, 1)}</span>
        <div class="profile-names">
          <h1 id="profile-title">{user.displayName}</h1>
          <p class="muted">@{user.handle} · {i.t('joined', { date: i.date(user.createdAt) })}</p>
        </div>
        {own ? <a class="ghost-btn" href="/settings">{i.t('editProfile')}</a> : <FollowButton userId={user.id} following={user.viewer?.following ?? false} onChange={(f) => setFollowers((n) => n + (f ? 1 : -1))} />}
      </header>
      <nav class="profile-tabs" aria-label={user.displayName}>
        {tabs.map((t) => (
          <a key={t} class="tab" aria-current={t === tab ? 'page' : undefined} href={t === 'notes' ? base : `${base}/${t}`}>
            {t === 'notes' ? i.t('notes') : t === 'saved' ? i.t('collections') : t === 'followers' ? i.t('followers') : i.t('following')}
          </a>
        ))}
      </nav>
      {tab === 'notes' && <AuthorNotes userId={user.id} />}
      {tab === 'saved' && <Saved key={user.id} userId={user.id} own={own} />}
      {(tab === 'followers' || tab === 'following') && <People userId={user.id} which={tab} bump={followers} />}
    </section>
  );
}

function AuthorNotes({ userId }: { userId: string }) {
  const list = useInfinite<NoteView, string>(async (after) => {
    const p = await api.notes.list({ authorId: userId, limit: 20, ...(after ? { after } : {}) });
    return { items: p.items, next: p.nextCursor };
  }, [userId]);
  const sentinel = useSentinel(list.more, !list.done && !list.error, list.items.length);
  return (
    <>
      <Masonry>{list.items.map((n) => <NoteCard key={n.id} note={n} />)}</Masonry>
      {list.error ? <ErrorState error={list.error} onRetry={list.more} /> : null}
      {list.loading && <Loading />}
      {list.done && list.items.length === 0 && <Empty />}
      <div ref={sentinel} class="sentinel" aria-hidden="true" />
    </>
  );
}

/** A user's collections (收藏夹), each opening its saved notes; collections are public, so anyone may browse them. */
function Saved({ userId, own }: { userId: string; own: boolean }) {
  const i = useI18n();
  // The own list also makes sure the default collection exists; someone else's is read as it is.
  const [collections] = useAsync(() => (own ? api.collections.list() : api.users.collections(userId)), [userId, own]);
  const [current, setCurrent] = useState<CollectionView | null>(null);
  const [notes] = useAsync(async () => {
    if (collections.status !== 'ok') return [];
    const c = current ?? collections.value.items[0];
    if (!c) return [];
    return (await api.collections.notes(c.id, { limit: 100 })).items;
  }, [current?.id, collections.status, userId]);
  if (collections.status === 'loading') return <Loading />;
  if (collections.status === 'error') return <ErrorState error={collections.error} />;
  if (collections.value.items.length === 0) return <Empty text={i.t('nothingSaved')} />;
  const selected = current ?? collections.value.items[0];
  return (
    <div class="saved">
      <ul class="chips" aria-label={i.t('collections')}>
        {collections.value.items.map((c) => (
          <li key={c.id}>
            <button type="button" class="chip" aria-pressed={selected?.id === c.id} onClick={() => setCurrent(c)}>
              {c.name === 'default' ? i.t('defaultCollection') : c.name}
            </button>
          </li>
        ))}
      </ul>
      {notes.status === 'loading' && <Loading />}
      {notes.status === 'error' && <ErrorState error={notes.error} />}
      {notes.status === 'ok' && (notes.value.length === 0 ? <Empty text={i.t('nothingSaved')} /> : (
        <Masonry>{notes.value.map((n) => <NoteCard key={n.id} note={n} />)}</Masonry>
      ))}
    </div>
  );
}

function People({ userId, which, bump }: { userId: string; which: 'followers' | 'following'; bump: number }) {
  const list = useInfinite<PublicUser, string>(async (after) => {
    const q = { limit: 50, ...(after ? { after } : {}) };
    const p = which === 'followers' ? await api.users.followers(userId, q) : await api.users.following(userId, q);
    return { items: p.items, next: p.nextCursor };
  }, [userId, which, bump]);
  const sentinel = useSentinel(list.more, !list.done && !list.error, list.items.length);
  return (
    <>
      <ul class="people">
        {list.items.map((u) => (
          <li key={u.id} class="person">
            <a class="author-link" href={`/user/${encodeURIComponent(u.id)}`}>
              <span class="avatar" aria-hidden="true">{u.displayName.slice(0, 1)}</span>
              <span>{u.displayName}</span> <span class="muted">@{u.handle}</span>
            </a>
            <FollowButton userId={u.id} />
          </li>
        ))}
      </ul>
      {list.error ? <ErrorState error={list.error} onRetry={list.more} /> : null}
      {list.loading && <Loading />}
      {list.done && list.items.length === 0 && <Empty />}
      <div ref={sentinel} class="sentinel" aria-hidden="true" />
    </>
  );
}
