import type { EngineEvent } from '../domain/event.ts';
import type { NoteCatalog } from '../catalog/note-catalog.ts';

export interface FeedRequest {
  userId: string;
  /** `discover` (image-first, funnel by default) or `video` (viral by default). */
  surface: string;
  /** Pipeline name; defaults to the surface's configured strategy. */
  strategy?: string;
  /** Feed session: pages of one session never repeat an item. */
  sessionId?: string;
  limit?: number;
  market?: string;
}

export interface Explanation {
  /** Machine-readable reason, e.g. `search`, `topic`, `saved`, `trending`, `new_creator`, `following`, `similar`, `explore`. */
  code: string;
  /** Human-readable, e.g. "you searched 'DeepSeek'". */
  text: string;
}

export interface FeedItem {
  noteId: string;
  recId: string;
  score: number;
  sources: string[];
  reasons: Explanation[];
  /** True when the item came from the exploration slice (logged for unbiased evaluation). */
  exploration: boolean;
}

export interface FeedPage {
  sessionId: string;
  strategy: string;
  items: FeedItem[];
}

/**
 * Turns the live state into feed pages. The first implementation serves newest notes not yet shown in the
 * session; the named pipelines (funnel, viral) replace it behind the same methods.
 */
export class Recommender {
  private readonly shown = new Map<string, Set<string>>();
  constructor(private readonly catalog: NoteCatalog, private readonly nextId: (prefix: string) => string) {}

  onEvent(_e: EngineEvent): void {}

  feed(req: FeedRequest): FeedPage {
    const sessionId = req.sessionId ?? this.nextId('fs');
    const shown = this.shown.get(sessionId) ?? new Set<string>();
    this.shown.set(sessionId, shown);
    const want = req.surface === 'video' ? 'video' : 'image';
    const items = [...this.catalog.live()]
      .filter((m) => m.kind === want && !shown.has(m.id))
      .sort((a, b) => b.createdAt - a.createdAt)
      .slice(0, req.limit ?? 20)
      .map((m) => {
        shown.add(m.id);
        return { noteId: m.id, recId: this.nextId('rec'), score: 0, sources: ['fresh'], reasons: [{ code: 'fresh', text: 'new note' }], exploration: false };
      });
    return { sessionId, strategy: req.strategy ?? (want === 'video' ? 'viral' : 'funnel'), items };
  }
}
