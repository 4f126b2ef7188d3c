import type { Note, NoteKind } from '../domain/note.ts';
import type { NoteCatalog } from '../catalog/note-catalog.ts';

export interface SearchFilters {
  kind?: NoteKind;
  category?: string;
  authorId?: string;
  language?: string;
  /** Inclusive creation-time bounds (ms). */
  since?: number;
  until?: number;
}

export interface SearchRequest {
  q: string;
  filters?: SearchFilters;
  offset?: number;
  limit?: number;
  /** Searcher, for personalisation. */
  userId?: string;
  /** 0 = pure text relevance, 1 = fully personalised blend. */
  personalize?: number;
}

export interface SearchHit {
  noteId: string;
  /** Final score (blended when personalised). */
  score: number;
  /** Raw text relevance. */
  relevance: number;
  /** Snippets with matches wrapped in <mark>…</mark>; text is HTML-escaped. */
  highlights: { title: string; body: string };
}

export interface SearchResponse {
  searchId: string;
  query: string;
  total: number;
  hits: SearchHit[];
}

export interface Suggestion {
  text: string;
  kind: 'title' | 'tag' | 'query';
  score: number;
}

/**
 * Full-text search over notes. The first implementation is a linear scan; the bilingual BM25F index
 * replaces it behind the same methods.
 */
export class SearchEngine {
  private readonly docs = new Map<string, Note>();
  constructor(private readonly catalog: NoteCatalog, private readonly nextId: () => string) {}

  upsert(note: Note): void {
    if (note.deleted) this.docs.delete(note.id);
    else this.docs.set(note.id, note);
  }

  remove(noteId: string): void {
    this.docs.delete(noteId);
  }

  search(req: SearchRequest): SearchResponse {
    const q = req.q.trim().toLowerCase();
    const hits: SearchHit[] = [];
    if (q.length > 0) {
      for (const n of this.docs.values()) {
        const text = `${n.title} ${n.body} ${n.tags.join(' ')}`.toLowerCase();
        if (!text.includes(q) || !this.catalog.get(n.id)) continue;
        hits.push({ noteId: n.id, score: 1, relevance: 1, highlights: { title: n.title, body: n.body.slice(0, 120) } });
      }
    }
    const offset = req.offset ?? 0;
    const limit = req.limit ?? 20;
    return { searchId: this.nextId(), query: req.q, total: hits.length, hits: hits.slice(offset, offset + limit) };
  }

  suggest(prefix: string, limit = 10): Suggestion[] {
    const p = prefix.trim().toLowerCase();
    if (!p) return [];
    const out: Suggestion[] = [];
    for (const n of this.docs.values()) {
      if (n.title.toLowerCase().startsWith(p)) out.push({ text: n.title, kind: 'title', score: 1 });
      if (out.length >= limit) break;
    }
    return out;
  }

  /** Records a submitted query for popular-query suggestions. */
  recordQuery(_query: string): void {}
}
