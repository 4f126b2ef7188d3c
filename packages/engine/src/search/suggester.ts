import { foldText } from './normalize.ts';
import { SortedKeys } from './sorted-keys.ts';

export type SuggestionKind = 'title' | 'tag' | 'query';

const MAX_KEY = 60;
// Popular queries are what people actually typed, so they outrank tags; titles fill the rest.
const KIND_BOOST: Record<SuggestionKind, number> = { query: 1.5, tag: 1, title: 0.3 };

/** One source of completions: folded keys with live counts, original spelling kept when it differs. */
class Source {
  readonly keys = new SortedKeys();
  readonly counts = new Map<string, number>();
  readonly display = new Map<string, string>();
  add(text: string, delta: number): void {
    let key = foldText(text).replace(/\s+/g, ' ').trim().slice(0, MAX_KEY);
    if (!key) return;
    const prev = this.counts.get(key);
    const shown = delta > 0 || prev === undefined ? text.replace(/\s+/g, ' ').trim().slice(0, MAX_KEY) : '';
    // When folding changed nothing (most Chinese titles), keep the caller's string, which the note
    // holds anyway, rather than a second copy of the same text.
    if (shown === key) key = shown;
    // Keys stay (at zero) once seen, so the sorted key list never holds duplicates.
    this.counts.set(key, Math.max(0, (prev ?? 0) + delta));
    if (prev === undefined) this.keys.add(key);
    if (delta > 0 && shown !== key) this.display.set(key, shown);
  }
}

/** Prefix autocomplete over note titles, tags and recorded queries; Chinese prefixes work like any other. */
export class Suggester {
  private readonly sources: Record<SuggestionKind, Source> = { title: new Source(), tag: new Source(), query: new Source() };

  addNote(title: string, tags: readonly string[], delta: 1 | -1): void {
    this.sources.title.add(title, delta);
    for (const t of tags) this.sources.tag.add(t, delta);
  }

  addQuery(q: string): void {
    this.sources.query.add(q, 1);
  }

  suggest(prefix: string, limit: number): { text: string; kind: SuggestionKind; score: number }[] {
    const p = foldText(prefix).replace(/^#+/, '').replace(/\s+/g, ' ').trimStart();
    if (!p.trim()) return [];
    const best = new Map<string, { text: string; kind: SuggestionKind; score: number }>();
    for (const kind of ['query', 'tag', 'title'] as const) {
      const src = this.sources[kind];
      // Titles all weigh about the same, so a short scan suffices; tags and queries are ranked by count.
      const scan = kind === 'title' ? limit * 4 : 5000;
      for (const key of src.keys.withPrefix(p, scan)) {
        const count = src.counts.get(key);
        if (!count) continue;
        const score = KIND_BOOST[kind] * Math.log2(1 + count) + (key === p ? 0.5 : 0);
        const prev = best.get(key);
        if (!prev || prev.score < score) best.set(key, { text: src.display.get(key) ?? key, kind, score });
      }
    }
    return [...best.values()].sort((a, b) => b.score - a.score || a.text.localeCompare(b.text)).slice(0, limit);
  }
}
