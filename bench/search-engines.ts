/**
 * The search engines compared by the search benchmarks (bench/search.bench.ts and the hand-judged set in
 * bench/search-judged/): Notewave's BM25F index and the JavaScript peers MiniSearch, Orama and FlexSearch.
 *
 * Every peer runs in two configurations:
 *   - "jieba tokens": Notewave's analyzer (jieba cutForSearch with the lifestyle words, folding, stemming, stop
 *     words) is applied to title, tags and body, and the library gets the pre-tokenised text with a whitespace
 *     tokenizer, so relevance differences come from ranking alone;
 *   - "own": the library's own best setup for Chinese that needs no extra package: an `Intl.Segmenter` word
 *     tokenizer (lower-cased, punctuation dropped) and its prefix and typo options (MiniSearch prefix + fuzzy 0.2,
 *     Orama prefix matching + tolerance 1, FlexSearch forward tokenization).
 * All run AND first and OR when AND finds nothing, like Notewave, with field weights title 2.5 / tags 2 / body 1
 * wherever the library allows it.
 */
import MiniSearch from 'minisearch';
import { create, insertMultiple, search as oramaSearch, type AnyOrama } from '@orama/orama';
import FlexSearch from 'flexsearch';
import { NoteCatalog, type Note } from '@notewave/engine';
import { Analyzer, IntlSegmenter, SearchEngine } from '@notewave/engine/search/index.ts';
import { JiebaSegmenter } from '@notewave/server/engine/jieba-segmenter.ts';
import { PinyinRomanizer } from '@notewave/server/engine/pinyin-romanizer.ts';

export interface Contender {
  name: string;
  build(notes: Note[]): void | Promise<void>;
  query(q: string): string[] | Promise<string[]>;
}

export const analyzer = new Analyzer(new JiebaSegmenter());

const joinTerms = (terms: string[]) => terms.join(' ');
const split = (s: string) => (s ? s.split(' ') : []);
const jiebaFields = (n: Note) => ({
  id: n.id,
  title: joinTerms(analyzer.indexTerms(n.title)),
  tags: joinTerms(analyzer.tagTerms(n.tags)),
  body: joinTerms(analyzer.indexTerms(n.body)),
});

const wordSegmenter = new Intl.Segmenter('zh', { granularity: 'word' });
/** The peers' own tokenizer: Intl.Segmenter words, lower-cased, without punctuation and spaces. */
export function segmenterTokens(text: string): string[] {
  const out: string[] = [];
  for (const s of wordSegmenter.segment(text.toLowerCase())) if (s.isWordLike) out.push(s.segment);
  return out;
}
const rawFields = (n: Note) => ({ id: n.id, title: n.title, tags: n.tags.join(' '), body: n.body });

const FIELD_WEIGHT: Record<string, number> = { title: 2.5, tags: 2, body: 1 };

/** Notewave's engine as the server builds it: the given analyzer and the pinyin romanizer. */
export function notewave(name = 'Notewave', withAnalyzer = analyzer, romanizer = true): Contender {
  let se: SearchEngine;
  return {
    name,
    build(notes) {
      let i = 0;
      se = new SearchEngine(new NoteCatalog(), () => `s${i++}`, { analyzer: withAnalyzer, ...(romanizer ? { romanizer: new PinyinRomanizer() } : {}) });
      for (const n of notes) se.upsert(n);
      se.compact();
    },
    query(q) {
      return se.search({ q, limit: 10 }).hits.map((h) => h.noteId);
    },
  };
}

export function notewaveIntl(romanizer = true): Contender {
  return notewave('Notewave (Intl.Segmenter)', new Analyzer(new IntlSegmenter()), romanizer);
}

export function minisearch(own = false): Contender {
  let ms: MiniSearch<{ id: string }>;
  const searchOptions = own ? { boost: { title: 2.5, tags: 2 }, prefix: true, fuzzy: 0.2 } : { boost: { title: 2.5, tags: 2 } };
  return {
    name: own ? 'MiniSearch (own: Intl.Segmenter, prefix, fuzzy)' : 'MiniSearch (jieba tokens)',
    build(notes) {
      ms = new MiniSearch({
        fields: ['title', 'tags', 'body'],
        tokenize: own ? segmenterTokens : split,
        processTerm: (t) => t,
        searchOptions,
      });
      ms.addAll(notes.map(own ? rawFields : jiebaFields));
    },
    query(q) {
      const text = own ? q : joinTerms(analyzer.queryTerms(q));
      const and = ms.search(text, { combineWith: 'AND' });
      const hits = and.length > 0 ? and : ms.search(text, { combineWith: 'OR' });
      return hits.slice(0, 10).map((h) => String(h.id));
    },
  };
}

export function orama(own = false): Contender {
  let db: AnyOrama;
  return {
    name: own ? 'Orama (own: Intl.Segmenter, prefix, tolerance 1)' : 'Orama (jieba tokens)',
    async build(notes) {
      db = create({
        schema: { title: 'string', tags: 'string', body: 'string' } as const,
        components: { tokenizer: { language: 'custom', normalizationCache: new Map(), tokenize: own ? segmenterTokens : split } },
      });
      await insertMultiple(db, notes.map(own ? rawFields : jiebaFields), 1000);
    },
    async query(q) {
      const term = own ? q : joinTerms(analyzer.queryTerms(q));
      const run = (threshold: number) =>
        oramaSearch(db, { term, threshold, limit: 10, boost: { title: 2.5, tags: 2 }, ...(own ? { tolerance: 1 } : {}) });
      let r = await run(0);
      if (r.count === 0) r = await run(1);
      return r.hits.map((h) => String(h.id));
    },
  };
}

export function flexsearch(own = false): Contender {
  // FlexSearch ranks by term position, not BM25, and answers per field: fields are merged by
  // weighted reciprocal rank (title 2.5, tags 2, body 1), the closest it gets to field boosts.
  let index: InstanceType<typeof FlexSearch.Document>;
  return {
    name: own ? 'FlexSearch (own: Intl.Segmenter, forward)' : 'FlexSearch (jieba tokens)',
    build(notes) {
      index = new FlexSearch.Document({
        document: { id: 'id', index: ['title', 'tags', 'body'] },
        tokenize: own ? 'forward' : 'strict',
        encode: own ? segmenterTokens : split,
      } as ConstructorParameters<typeof FlexSearch.Document>[0]);
      // Typed as possibly asynchronous (for the worker mode); without a worker, add() returns the index itself.
      for (const n of notes) void index.add((own ? rawFields : jiebaFields)(n));
    },
    query(q) {
      const term = own ? q : joinTerms(analyzer.queryTerms(q));
      let res = index.search(term, { limit: 50 }) as { field: string; result: (string | number)[] }[];
      if (res.every((r) => r.result.length === 0)) res = index.search(term, { limit: 50, suggest: true }) as typeof res;
      const score = new Map<string, number>();
      for (const r of res) r.result.forEach((id, i) => score.set(String(id), (score.get(String(id)) ?? 0) + (FIELD_WEIGHT[r.field] ?? 1) / (i + 1)));
      return [...score.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([id]) => id);
    },
  };
}

/** Notewave (jieba and Intl.Segmenter) and both configurations of every peer. */
export function allContenders(): Contender[] {
  return [notewave(), notewaveIntl(), minisearch(), minisearch(true), orama(), orama(true), flexsearch(), flexsearch(true)];
}
