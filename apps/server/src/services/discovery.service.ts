import { TAXONOMY, type Clock, type Engine, type Note, type User } from '@notewave/engine';
import { reasonSentence, type FeedQuery, type FeedResponse, type NoteView, type ReasonLang, type SearchQuery, type SearchResponse, type SuggestQuery, type SuggestResponse, type Taxonomy } from '@notewave/api-client';
import type { NotesService } from './notes.service.ts';
import type { EventsService } from './events.service.ts';
import type { NoteViews } from './note-views.ts';
import type { ExperimentServing } from '../experiments/experiment-serving.ts';

/** Anonymous visitors share one profile, so they still get a (non-personal) feed. */
export const ANONYMOUS_USER = 'anonymous';

const TAXONOMY_VIEW: Taxonomy = { categories: TAXONOMY.map((c) => ({ ...c, children: [...c.children] })) };

/** Feed and search: the engine ranks ids in memory, storage supplies the notes, views add authors and stats. */
export class DiscoveryService {
  constructor(
    private readonly engine: Engine,
    private readonly notes: NotesService,
    private readonly views: NoteViews,
    private readonly events: EventsService,
    private readonly clock: Clock,
    private readonly experiments: ExperimentServing | null = null,
  ) {}

  /** `lang` is the language of the reasons' texts (the route settles it from the query and `Accept-Language`). */
  async feed(viewer: User | null, q: FeedQuery, lang: ReasonLang = q.lang ?? 'en'): Promise<FeedResponse> {
    const surface = q.surface ?? 'discover';
    // A request naming its strategy asked for that one; any other is served by the experiment it falls in, if any.
    const arm = q.strategy === undefined && this.experiments ? await this.experiments.arm(viewer, q.deviceId, surface) : null;
    const page = this.engine.feed({
      userId: viewer?.id ?? ANONYMOUS_USER,
      surface,
      strategy: arm?.strategy ?? q.strategy,
      sessionId: q.sessionId,
      limit: q.limit ?? 20,
      market: viewer?.market,
    });
    const byId = await this.load(page.items.map((i) => i.noteId));
    const items: FeedResponse['items'] = [];
    for (const i of page.items) {
      const note = byId.get(i.noteId);
      if (!note) continue;
      const context = { taxonomy: TAXONOMY_VIEW, authorName: note.author.displayName };
      const reasons = i.reasons.map((r) => ({ code: r.code, text: reasonSentence(r, context, lang), ...(r.params ? { params: r.params } : {}) }));
      items.push({ note, recId: i.recId, reasons, exploration: i.exploration });
    }
    // Exposure is what was shown: the items that reached the response, not all the engine ranked.
    if (arm) await this.experiments?.recordExposure(arm, { sessionId: page.sessionId, surface, items: items.map((i) => ({ recId: i.recId, noteId: i.note.id })) });
    return { sessionId: page.sessionId, strategy: page.strategy, items };
  }

  async search(viewer: User | null, q: SearchQuery): Promise<SearchResponse> {
    const res = this.engine.runSearch({
      q: q.q,
      filters: { kind: q.kind, category: q.category, authorId: q.authorId, language: q.language, since: q.since, until: q.until },
      offset: q.offset ?? 0,
      limit: q.limit ?? 20,
      userId: viewer?.id,
      personalize: viewer ? q.personalize : 0,
    });
    // Active search is the strongest interest signal: a signed-in user's first page of results is logged as a
    // `search` event (keyed by the search id, so it counts once) and reaches their profile before the next feed.
    if (viewer && (q.offset ?? 0) === 0) {
      await this.events.record([
        { type: 'search', userId: viewer.id, clientEventId: `search_${res.searchId}`, ts: this.clock.now(), query: res.query, resultIds: res.hits.map((h) => h.noteId), searchId: res.searchId, surface: 'search' },
      ]);
    }
    const byId = await this.load(res.hits.map((h) => h.noteId));
    const hits: SearchResponse['hits'] = [];
    for (const h of res.hits) {
      const note = byId.get(h.noteId);
      if (note) hits.push({ note, score: h.score, highlights: h.highlights });
    }
    return { searchId: res.searchId, query: res.query, total: res.total, hits };
  }

  suggest(q: SuggestQuery): SuggestResponse {
    return { suggestions: this.engine.suggest(q.q, q.limit ?? 10).map((s) => ({ text: s.text, kind: s.kind })) };
  }

  private async load(ids: string[]): Promise<Map<string, NoteView>> {
    const notes: Note[] = (await this.notes.getMany(ids)).filter((n) => !n.deleted);
    return new Map((await this.views.many(notes)).map((v) => [v.id, v]));
  }
}
