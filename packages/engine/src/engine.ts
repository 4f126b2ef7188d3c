import { NoteCatalog } from './catalog/note-catalog.ts';
import type { EngineEvent } from './domain/event.ts';
import type { Note } from './domain/note.ts';
import type { Follow } from './domain/social.ts';
import type { User } from './domain/user.ts';
import { Recommender, type FeedPage, type FeedRequest } from './recommend/recommender.ts';
import type { Clock } from './runtime/clock.ts';
import type { IdGenerator } from './runtime/ids.ts';
import type { Rng } from './runtime/rng.ts';
import { SearchEngine, type SearchRequest, type SearchResponse, type Suggestion } from './search/search-engine.ts';

export interface EngineDeps {
  clock: Clock;
  rng: Rng;
  ids: IdGenerator;
}

/** Per-note engagement counters kept live from events. */
export interface NoteStats {
  impressions: number;
  views: number;
  likes: number;
  saves: number;
  comments: number;
  shares: number;
}

/**
 * The engine facade: holds the live state (catalog, search index, recommender state) and is fed by
 * notes, follows and events. No IO: the server persists first, then applies here.
 */
export class Engine {
  readonly catalog = new NoteCatalog();
  readonly search: SearchEngine;
  readonly recommender: Recommender;
  private readonly users = new Map<string, { market: string; createdAt: number }>();
  private readonly stats = new Map<string, NoteStats>();

  constructor(readonly deps: EngineDeps) {
    this.search = new SearchEngine(this.catalog, () => deps.ids.next('srch'));
    this.recommender = new Recommender(this.catalog, (p) => deps.ids.next(p));
  }

  addUser(user: Pick<User, 'id' | 'market' | 'createdAt'>): void {
    this.users.set(user.id, { market: user.market, createdAt: user.createdAt });
  }

  hasUser(id: string): boolean {
    return this.users.has(id);
  }

  upsertNote(note: Note): void {
    this.catalog.upsert(note);
    this.search.upsert(note);
  }

  removeNote(noteId: string): void {
    this.catalog.markDeleted(noteId);
    this.search.remove(noteId);
  }

  addFollow(_f: Follow): void {}

  removeFollow(_followerId: string, _followeeId: string): void {}

  applyEvent(e: EngineEvent): void {
    if ('noteId' in e) this.bump(e);
    if (e.type === 'search') this.search.recordQuery(e.query);
    this.recommender.onEvent(e);
  }

  applyEvents(events: readonly EngineEvent[]): void {
    for (const e of events) this.applyEvent(e);
  }

  runSearch(req: SearchRequest): SearchResponse {
    return this.search.search(req);
  }

  suggest(prefix: string, limit?: number): Suggestion[] {
    return this.search.suggest(prefix, limit);
  }

  feed(req: FeedRequest): FeedPage {
    return this.recommender.feed(req);
  }

  noteStats(noteId: string): NoteStats {
    return this.stats.get(noteId) ?? { impressions: 0, views: 0, likes: 0, saves: 0, comments: 0, shares: 0 };
  }

  private bump(e: EngineEvent & { noteId: string }): void {
    let s = this.stats.get(e.noteId);
    if (!s) {
      s = { impressions: 0, views: 0, likes: 0, saves: 0, comments: 0, shares: 0 };
      this.stats.set(e.noteId, s);
    }
    switch (e.type) {
      case 'impression': s.impressions++; break;
      case 'view': s.views++; break;
      case 'like': s.likes++; break;
      case 'unlike': s.likes = Math.max(0, s.likes - 1); break;
      case 'save': s.saves++; break;
      case 'unsave': s.saves = Math.max(0, s.saves - 1); break;
      case 'comment': s.comments++; break;
      case 'share': s.shares++; break;
      default: break;
    }
  }
}
