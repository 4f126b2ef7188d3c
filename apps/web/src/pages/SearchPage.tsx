import type { SearchHit } from '@notewave/api-client';
import { useState } from 'preact/hooks';
import { api } from '../lib/api.ts';
import { events } from '../lib/events.ts';
import { highlightSegments, snippetSegments } from '../lib/highlight.ts';
import { useI18n } from '../lib/i18n.ts';
import { addRecentSearch, clearRecentSearches, recentSearches } from '../lib/recent-searches.ts';
import { navigate } from '../lib/router.ts';
import { useStore } from '../lib/store.ts';
import { taxonomy } from '../lib/taxonomy.ts';
import { useInfinite, useSentinel } from '../lib/use-infinite.ts';
import { Masonry, NoteCard } from '../components/NoteCard.tsx';
import { SearchBox } from '../components/SearchBox.tsx';
import { Empty, ErrorState, Loading } from '../components/States.tsx';

const PAGE = 20;

function searchUrl(q: string, kind?: 'image' | 'video', category?: string): string {
  const p = new URLSearchParams({ q });
  if (kind) p.set('kind', kind);
  if (category) p.set('category', category);
  return `/search?${p}`;
}

export function SearchPage({ q, kind, category }: { q: string; kind?: 'image' | 'video'; category?: string }) {
  const i = useI18n();
  const tax = useStore(taxonomy);
  const [recent, setRecent] = useState(recentSearches);
  const [meta, setMeta] = useState<{ total: number; searchId: string } | null>(null);
  const results = useInfinite<SearchHit, number>(async (offset) => {
    if (q === '') return { items: [], next: null };
    const start = offset ?? 0;
    const r = await api.search({ q, limit: PAGE, offset: start, ...(kind ? { kind } : {}), ...(category ? { category } : {}) });
    if (start === 0) {
      setMeta({ total: r.total, searchId: r.searchId });
      // The server logs a signed-in search itself (keyed by its search id), so the client sends no search event.
      setRecent(addRecentSearch(q));
    }
    const next = start + r.hits.length;
    return { items: r.hits, next: r.hits.length === PAGE && next < r.total && next <= 1000 ? next : null };
  }, [q, kind, category]);
  const sentinel = useSentinel(results.more, q !== '' && !results.done && !results.error, results.items.length);

  return (
    <section class="page search-page" aria-labelledby="search-title">
      <h1 id="search-title" class="visually-hidden">{i.t('search')}</h1>
      <SearchBox initial={q} onSearch={(text) => navigate(searchUrl(text, kind, category))} />
      {q === '' ? (
        recent.length > 0 && (
          <div class="recent">
            <h2>{i.t('recentSearches')}</h2>
            <ul class="chips">
              {recent.map((r) => <li key={r}><a class="chip" href={searchUrl(r)}>{r}</a></li>)}
            </ul>
            <button type="button" class="link-btn" onClick={() => { clearRecentSearches(); setRecent([]); }}>{i.t('clearRecent')}</button>
          </div>
        )
      ) : (
        <>
          <div class="filter-row">
            <div class="filters segmented" role="radiogroup" aria-label={i.t('search')}>
              {([undefined, 'image', 'video'] as const).map((k) => (
                <a key={k ?? 'all'} role="radio" class="segment" aria-checked={kind === k} href={searchUrl(q, k, category)}>
                  {k === 'image' ? i.t('images') : k === 'video' ? i.t('videos') : i.t('all')}
                </a>
              ))}
            </div>
            <label class="visually-hidden" for="search-category">{i.t('category')}</label>
            <select id="search-category" class="input category-filter" value={category ?? ''}
              onChange={(e) => navigate(searchUrl(q, kind, e.currentTarget.value || undefined))}>
              <option value="">{i.t('allCategories')}</option>
              {tax?.categories.map((c) => <option key={c.id} value={c.id}>{c[i.lang]}</option>)}
            </select>
          </div>
          {meta && results.items.length > 0 && <p class="muted" role="status">{i.t('results', { n: i.count(meta.total), q })}</p>}
          <Masonry>
            {results.items.map((hit, position) => (
              <NoteCard key={hit.note.id} note={hit.note} titleSegments={highlightSegments(hit.highlights.title || hit.note.title)}
                snippet={snippetSegments(highlightSegments(hit.highlights.body), 80)}
                href={`/note/${encodeURIComponent(hit.note.id)}?surface=search`}
                onOpen={() => events.track('search_click', { noteId: hit.note.id, query: q, position, ...(meta ? { searchId: meta.searchId } : {}) })} />
            ))}
          </Masonry>
          {results.error ? <ErrorState error={results.error} onRetry={results.more} /> : null}
          {results.loading && <Loading />}
          {results.done && results.items.length === 0 && !results.error && <Empty text={i.t('noResults', { q })} />}
          <div ref={sentinel} class="sentinel" aria-hidden="true" />
        </>
      )}
    </section>
  );
}
