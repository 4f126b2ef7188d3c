import { NoteCatalog } from '../../catalog/note-catalog.ts';
import type { Note } from '../../domain/note.ts';
import { Analyzer } from '../analyzer.ts';
import type { Romanizer } from '../romanizer.ts';
import { SearchEngine } from '../search-engine.ts';
import { jiebaLikeSegmenter } from './jieba-like-segmenter.ts';

/** An image note with the given text and defaults for the rest. */
export function note(id: string, title: string, body = '', extra: Partial<Note> = {}): Note {
  return {
    id, authorId: 'u1', kind: 'image', title, body, tags: [], category: 'life/daily', language: 'zh',
    media: { images: [] }, createdAt: 0, editedAt: null, deleted: false, ...extra,
  };
}

/** A search engine segmenting with a dictionary of `words`, holding `notes`. */
export function searchOver(words: readonly string[], notes: readonly Note[], romanizer?: Romanizer): SearchEngine {
  let n = 0;
  const s = new SearchEngine(new NoteCatalog(), () => `s${n++}`, { analyzer: new Analyzer(jiebaLikeSegmenter(words)), ...(romanizer ? { romanizer } : {}) });
  for (const x of notes) s.upsert(x);
  return s;
}

/** The note ids a query returns, in order. */
export const ids = (s: SearchEngine, q: string): string[] => s.search({ q }).hits.map((h) => h.noteId);
