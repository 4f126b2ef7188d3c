import { foldText } from './normalize.ts';
import { spells, type Romanizer } from './romanizer.ts';
import { SortedKeys } from './sorted-keys.ts';

export type SuggestionKind = 'title' | 'tag' | 'query';

const MAX_KEY = 60;
// Keys read per first letter when matching typed pinyin: tags and queries sharing an initial, most recent first.
const PINYIN_SCAN = 5000;
const ALL_HAN = /^\p{Script=Han}{2,12}$/u;
const LETTERS = /^[a-z]+$/;
// The longest pinyin syllable (zhuang, shuang).
const MAX_SYLLABLE = 6;
// Popular queries are what people actually typed, so they outrank tags; titles fill the rest.
const KIND_BOOST: Record<SuggestionKind, number> = { query: 1.5, tag: 1, title: 0.3 };

/** One source of completions: folded keys with live counts, original spelling kept when it differs. */
export class Source {
  readonly keys = new SortedKeys();
  readonly counts = new Map<string, number>();
  readonly display = new Map<string, string>();
  /** Chinese keys by the first letter of their pinyin, with their syllables (when a romanizer is given). */
  readonly byInitial = new Map<string, { key: string; syllables: string[] }[]>();
  constructor(private readonly romanize: ((key: string) => string[]) | null) {}
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
    if (prev === undefined) {
      this.keys.add(key);
      if (this.romanize && ALL_HAN.test(key)) {
        const syllables = this.romanize(key);
        const first = syllables[0]?.[0];
        if (first && syllables.length === [...key].length) (this.byInitial.get(first) ?? this.byInitial.set(first, []).get(first)!).push({ key, syllables });
      }
    }
    if (delta > 0 && shown !== key) this.display.set(key, shown);
  }
}

/** Prefix autocomplete over note titles, tags and recorded queries; Chinese prefixes work like any other. */
export class Suggester {
  private readonly sources: Record<SuggestionKind, Source>;
  // Syllables are a few hundred distinct strings: one copy each, shared by every key.
  private readonly syllableStrings = new Map<string, string>();

  /** With a romanizer, tags and popular queries also complete from typed pinyin (`ly`, `luy` → 露营). */
  constructor(romanizer?: Romanizer) {
    const romanize = romanizer ? (key: string) => romanizer.syllables(key).map((x) => this.syllableStrings.get(x) ?? (this.syllableStrings.set(x, x), x)) : null;
    this.sources = { title: new Source(null), tag: new Source(romanize), query: new Source(romanize) };
  }

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
    if (LETTERS.test(p)) {
      for (const kind of ['query', 'tag'] as const) {
        const src = this.sources[kind];
        for (const { key, count } of this.spelled(src, p, true)) {
          // Below a completion of the same letters typed as letters (cof → coffee), above a title.
          const score = KIND_BOOST[kind] * Math.log2(1 + count) * 0.9;
          const prev = best.get(key);
          if (!prev || prev.score < score) best.set(key, { text: src.display.get(key) ?? key, kind, score });
        }
      }
    }
    return [...best.values()].sort((a, b) => b.score - a.score || a.text.localeCompare(b.text)).slice(0, limit);
  }

  /** True when typed letters split into whole syllables of the tags and queries read so far (`guide` → gui de). */
  readsAsSyllables(typed: string): boolean {
    const p = foldText(typed).replace(/\s+/g, '');
    if (!LETTERS.test(p)) return false;
    const ok = new Uint8Array(p.length + 1);
    ok[0] = 1;
    for (let i = 1; i <= p.length; i++) {
      for (let j = Math.max(0, i - MAX_SYLLABLE); j < i && !ok[i]; j++) if (ok[j] && this.syllableStrings.has(p.slice(j, i))) ok[i] = 1;
    }
    return ok[p.length] === 1;
  }

  /** The most used tag or query that typed pinyin spells in full (`lying` → 露营), or null. */
  fromPinyin(typed: string): string | null {
    const p = foldText(typed).replace(/\s+/g, '');
    if (!LETTERS.test(p)) return null;
    let best: { key: string; count: number } | null = null;
    for (const kind of ['tag', 'query'] as const) {
      for (const hit of this.spelled(this.sources[kind], p, false)) if (!best || hit.count > best.count) best = hit;
    }
    return best?.key ?? null;
  }

  private *spelled(src: Source, typed: string, prefix: boolean): Generator<{ key: string; count: number }> {
    const entries = src.byInitial.get(typed[0] as string) ?? [];
    for (let i = entries.length - 1; i >= 0 && i >= entries.length - PINYIN_SCAN; i--) {
      const { key, syllables } = entries[i] as { key: string; syllables: string[] };
      const count = src.counts.get(key);
      if (count && spells(typed, syllables, prefix)) yield { key, count };
    }
  }
}
