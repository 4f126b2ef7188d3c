import type { NoteCatalog } from '../catalog/note-catalog.ts';
import type { Note, NoteKind } from '../domain/note.ts';
import { EngineError } from '../errors.ts';
import { Analyzer, type NoteTerms, type NoteText } from './analyzer.ts';
import { DocTable, noFilters } from './doc-table.ts';
import { DEFAULT_BM25F, InvertedIndex, type Bm25fParams } from './inverted-index.ts';
import { foldText, includesSimplified } from './normalize.ts';
import { blendRankings, FEEDBACK_DOCS, feedbackTerms } from './feedback.ts';
import { executeAnd, executeOr } from './query-executor.ts';
import { parseQuery, type ParsedQuery } from './query-parser.ts';
import { below, joinHighlights, partialClauses, type Matched } from './merged-results.ts';
import { adjacentPairs, nearerFirst, PROXIMITY_DEPTH } from './proximity.ts';
import { planQuery, type Clause, type QueryPlan } from './query-plan.ts';
import type { Romanizer } from './romanizer.ts';
import { displayText, highlight } from './snippet.ts';
import { Suggester } from './suggester.ts';
import { TopK } from './top-k.ts';
import { correctWord } from './typo.ts';

export interface SearchFilters {
  kind?: NoteKind;
  /** A leaf (`beauty/skincare`) or a top-level id (`beauty`, matching all its leaves). */
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
  /** False leaves the hits' highlights empty, for callers that only rank notes (the feed's search-intent source). */
  highlights?: boolean;
}

export interface SearchHit {
  noteId: string;
  /** Final score (blended when personalised). */
  score: number;
  /** Raw text relevance (BM25F). */
  relevance: number;
  /** Snippets with matches wrapped in <mark>…</mark>; text is HTML-escaped. */
  highlights: { title: string; body: string };
}

export interface SearchResponse {
  searchId: string;
  query: string;
  total: number;
  /** True when `total` was extrapolated because the query matched more notes than one search scans. */
  totalIsEstimate?: boolean;
  hits: SearchHit[];
}

export interface Suggestion {
  text: string;
  kind: 'title' | 'tag' | 'query';
  score: number;
}

/** How much a note suits this user, in [0, 1]. */
export type Personalizer = (userId: string, noteIx: number) => number;

/**
 * The ranking a signed-in user's unfiltered first page was cut from, before personalisation, best first: what a search
 * without a user would rank. Given to the ranking listener (see `setRankingListener`).
 */
export interface SearchRanking {
  /** The query as it was typed and as the search read it (the search event may carry either). */
  queries: readonly string[];
  /** Catalog indices, best first. */
  docs: ArrayLike<number>;
  /** Relevance (times the prior, when one is used), in the same order. */
  scores: ArrayLike<number>;
  length: number;
  /** True when it holds every note the query matched. */
  complete: boolean;
}
/** A query-independent prior for a note (quality, freshness), in [0, 1]. */
export type NotePrior = (noteIx: number) => number;

export interface SearchOptions {
  analyzer?: Analyzer;
  bm25f?: Bm25fParams;
  personalizer?: Personalizer;
  /** Default blend weight when a request names a user but no `personalize`. */
  personalizeWeight?: number;
  /** Defaults to freshness: halves every `freshnessHalfLifeMs` before the newest note. */
  prior?: NotePrior;
  /** How far the prior may scale relevance down: 0 ignores it, 1 lets it decide alone. */
  priorWeight?: number;
  freshnessHalfLifeMs?: number;
  /** How many relevance-ranked hits are re-scored by the personal blend. */
  rerankDepth?: number;
  /** Body snippet length in characters. */
  snippetChars?: number;
  /** Most candidates one query scores (the newest matches); bounds latency for very common words. */
  scanBudget?: number;
  /** Pinyin readings, so typed pinyin finds and completes Chinese tags and queries (`lying`, `ly` → 露营). */
  romanizer?: Romanizer;
}

const MAX_LIMIT = 100;
const MAX_OFFSET = 10_000;
const DAY = 86_400_000;
const MAX_TEXT_CHECKS = 2000;
const HAN_ONLY = /^\p{Script=Han}+$/u;
// Queries of this many words or more (a phrase or a question) get partial matches below their full ones.
const MIN_FILL_WORDS = 2;
// Queries of this many words or more may be expanded by pseudo-relevance feedback when they match weakly.
const MIN_FEEDBACK_WORDS = 2;
// Tags whose analysis is kept for feedback; the cache starts over when full.
const TAG_CACHE = 50_000;

/**
 * Bilingual full-text search over live notes: a BM25F inverted index keyed by the catalog's dense
 * note index, AND queries with an OR fallback, quoted phrases, prefix matching of the word being
 * typed, filters, snippets and an optional personal blend. Every change is visible to the next query.
 */
export class SearchEngine {
  readonly analyzer: Analyzer;
  private readonly index: InvertedIndex;
  private readonly docs = new DocTable();
  private readonly suggester: Suggester;
  private readonly romanizer: Romanizer | undefined;
  private readonly tagTermCache = new Map<string, readonly string[]>();
  private personalizer: Personalizer | undefined;
  private rankingListener: ((r: SearchRanking) => void) | undefined;
  private rankingDepth = 100;
  private prior: NotePrior;
  private readonly opts: Required<Pick<SearchOptions, 'personalizeWeight' | 'priorWeight' | 'rerankDepth' | 'snippetChars' | 'scanBudget'>>;

  constructor(private readonly catalog: NoteCatalog, private readonly nextId: () => string, options: SearchOptions = {}) {
    this.analyzer = options.analyzer ?? new Analyzer();
    this.index = new InvertedIndex(options.bm25f ?? DEFAULT_BM25F);
    this.suggester = new Suggester(options.romanizer);
    this.romanizer = options.romanizer;
    this.personalizer = options.personalizer;
    const halfLife = options.freshnessHalfLifeMs ?? 30 * DAY;
    this.prior = options.prior ?? ((ix) => Math.pow(0.5, Math.max(0, this.docs.newestAt - this.docs.createdAt(ix)) / halfLife));
    this.opts = {
      personalizeWeight: options.personalizeWeight ?? 0.3,
      priorWeight: options.priorWeight ?? 0,
      rerankDepth: options.rerankDepth ?? 200,
      snippetChars: options.snippetChars ?? 120,
      scanBudget: options.scanBudget ?? 10_000,
    };
  }

  /** Installs the user-profile scorer used when a request carries a userId. */
  setPersonalizer(p: Personalizer | undefined): void {
    this.personalizer = p;
  }

  /**
   * Receives the ranking behind each signed-in user's unfiltered first page, so what follows a search (the feed's
   * search-intent source) can reuse it rather than run the query again. The listener is given at most `depth` hits.
   */
  setRankingListener(l: ((r: SearchRanking) => void) | undefined, depth = 100): void {
    this.rankingListener = l;
    this.rankingDepth = depth;
  }

  /** Replaces the quality/freshness prior. */
  setPrior(p: NotePrior, weight?: number): void {
    this.prior = p;
    if (weight !== undefined) this.opts.priorWeight = weight;
  }

  /** Number of notes currently searchable. */
  get size(): number {
    return this.index.docCount;
  }

  /** Distinct terms in the index. */
  get termCount(): number {
    return this.index.termCount;
  }

  /** Releases spare posting capacity; worth calling after a bulk import. */
  compact(): void {
    this.index.compact();
  }

  /** The note's index terms per field, stamped so they can be stored and handed back to `upsert`. */
  analyze(note: NoteText): NoteTerms {
    return this.analyzer.analyzeNote(note);
  }

  /**
   * Indexes a new note or re-indexes an edited one; a deleted note is removed. `terms`, when given and made
   * by this analyser from this very text, are indexed as they are; otherwise the text is analysed here and
   * the fresh terms are returned (for the caller to store). Null when the given terms were used.
   */
  upsert(note: Note, terms?: NoteTerms | null): NoteTerms | null {
    if (note.deleted) {
      this.remove(note.id);
      return null;
    }
    return this.upsertAt((this.catalog.get(note.id) ?? this.catalog.upsert(note)).ix, note, terms);
  }

  /** `upsert` for a live note whose catalog index the caller already holds. */
  upsertAt(ix: number, note: Note, terms?: NoteTerms | null): NoteTerms | null {
    this.unindex(ix);
    const fresh = this.analyzer.fits(note, terms) ? null : this.analyzer.analyzeNote(note);
    const t = fresh ?? (terms as NoteTerms);
    this.index.add(ix, [t.title, t.tags, t.body]);
    this.docs.put(ix, note);
    this.suggester.addNote(note.title, note.tags, 1);
    return fresh;
  }

  remove(noteId: string): void {
    const meta = this.catalog.get(noteId);
    if (meta) this.unindex(meta.ix);
  }

  search(req: SearchRequest): SearchResponse {
    const offset = req.offset ?? 0;
    const limit = req.limit ?? 20;
    if (!Number.isInteger(offset) || offset < 0 || offset > MAX_OFFSET) throw new EngineError('validation_failed', 'offset is out of range.');
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT) throw new EngineError('validation_failed', `limit must be 0..${MAX_LIMIT}.`);
    const parsed = parseQuery(req.q);
    let plan = planQuery(parsed, this.analyzer, this.index);
    const w = this.blendWeight(req);
    const usePrior = this.opts.priorWeight > 0;
    const depth = w > 0 || usePrior ? Math.max(offset + limit, this.opts.rerankDepth) : offset + limit;
    const filter = this.docs.predicate(req.filters);

    const wanted = offset + limit;
    let found = this.match(plan, filter, depth, wanted);
    let marks = plan.highlight;
    let rescued = false;
    // Letters may be pinyin for a Chinese tag or query (chuanda → 穿搭, ly → 露营). They are read so when they split
    // into whole syllables and a typed word is unknown to the index (it matched only through completions or the
    // bridge) or the page is short (guide → gui de); initials, which any letters are, only on a short page of words
    // the index does not know, or on an empty one.
    const literal = this.knowsAll(plan);
    const short = found.count.total < wanted;
    const readPinyin = found.count.total === 0 || (short && !literal) || ((short || !literal) && this.suggester.readsAsSyllables(parsed.words));
    const han = parsed.tags.length === 0 && parsed.phrases.length === 0 && readPinyin ? this.suggester.fromPinyin(parsed.words) : null;
    if (han) {
      const pinyinPlan = planQuery({ ...parsed, words: han, prefixLast: false }, this.analyzer, this.index);
      const read = this.match(pinyinPlan, filter, depth, wanted);
      if (read.count.total > 0) {
        // Known words (guide, long) keep their notes first and the reading follows; otherwise the reading leads.
        const literalFirst = literal && found.count.total > 0 && !found.partial;
        const [lead, next] = literalFirst ? [found, read] : [read, found];
        found = { ...below(lead.top, lead.count, next.top), partial: lead.partial };
        if (!literalFirst) plan = pinyinPlan;
        marks = joinHighlights(marks, pinyinPlan.highlight);
        rescued = true;
      }
    }
    // Few or only partial matches and a word the index does not know: try the nearest known spelling. It replaces a
    // partial match and follows the notes that had every word as typed (减肥餐 is a word, not a typo of 减肥操).
    const tryCorrect = !rescued && found.count.total < wanted;
    const corrected = tryCorrect ? this.correct(parsed, plan.words) : null;
    let fixedUsed = false;
    if (corrected) {
      const fixedPlan = planQuery(corrected.query, this.analyzer, this.index);
      const fixed = this.match(fixedPlan, filter, depth, wanted);
      const more = fixed.count.total > found.count.total;
      // A pair the segmenter split is rarely meant apart: the corrected word replaces it when it finds as many notes.
      const joinedWins = corrected.joined && fixed.count.total >= found.count.total;
      if (!fixed.partial && fixed.count.total > 0 && (found.partial || found.count.total === 0 || joinedWins)) {
        found = fixed;
        plan = fixedPlan;
        marks = fixedPlan.highlight;
        fixedUsed = true;
      } else if (!fixed.partial && more) {
        found = { ...below(found.top, found.count, fixed.top), partial: false };
        marks = joinHighlights(marks, fixedPlan.highlight);
        fixedUsed = true;
      }
    }
    // A word the index does not know that splits only into single characters (戴久 of 黄金戴久了会变色吗) and is no typo
    // of a known word: its characters stand in for it when that finds notes with every word where there were none.
    if (!rescued && !fixedUsed && plan.unsplit.length > 0 && (found.partial || found.count.total < wanted)) {
      const charPlan = planQuery(parsed, this.analyzer, this.index, true);
      const byChars = this.match(charPlan, filter, depth, wanted);
      if (!byChars.partial && byChars.count.total > (found.partial ? 0 : found.count.total)) {
        // Checked last, as it is the dearer test: a word with a correction of its own is a typo (健身达卡), not new.
        const typo = tryCorrect ? corrected : this.correct(parsed, plan.words);
        if (plan.unsplit.every((w) => !typo || typo.query.words.includes(w))) {
          found = byChars;
          plan = charPlan;
          marks = joinHighlights(marks, charPlan.highlight);
        }
      }
    }
    // A query that no or few notes match as typed, read neither as pinyin nor as a typo, likely says in its own words
    // what notes say in theirs: its best matches lend it theirs (pseudo-relevance feedback).
    const weak = !rescued && (found.partial || found.count.total < wanted) && parsed.tags.length === 0 && parsed.phrases.length === 0 && plan.words.length >= MIN_FEEDBACK_WORDS;
    const full = found.partial ? 0 : found.count.total;
    if (found.count.total < wanted) found = this.fill(plan, found, filter, depth, wanted);
    if (weak && found.count.total > 0) found = this.feedback(plan, found, full, filter, depth);
    const { top, count } = found;
    const ranked = top.drain();
    const maxRel = ranked[0]?.score ?? 1;
    const scored = ranked.map(({ doc, score: rel }) => {
      let norm = rel / maxRel;
      if (usePrior) norm *= 1 - this.opts.priorWeight + this.opts.priorWeight * clamp01(this.prior(doc));
      const personal = w > 0 && req.userId && this.personalizer ? clamp01(this.personalizer(req.userId, doc)) : 0;
      return { doc, rel, norm, score: (1 - w) * norm + w * personal };
    });
    if (this.rankingListener && req.userId && offset === 0 && noFilters(req.filters)) {
      // Before personalisation, in the order a search without a user sorts it (the sort is stable: ties stay in rank order).
      const base = (w > 0 || usePrior ? [...scored].sort((a, b) => b.norm - a.norm || b.rel - a.rel) : scored).slice(0, this.rankingDepth);
      this.rankingListener({
        queries: [req.q, parsed.text],
        docs: base.map((x) => x.doc),
        scores: base.map((x) => x.norm),
        length: base.length,
        complete: !count.estimated && base.length >= count.total,
      });
    }
    if (w > 0 || usePrior) scored.sort((a, b) => b.score - a.score || b.rel - a.rel);

    const withHighlights = req.highlights !== false;
    const hits = scored.slice(offset, offset + limit).map(({ doc, rel, score }): SearchHit => {
      const t = this.docs.text(doc) as { id: string; title: string; body: string };
      return {
        noteId: t.id,
        score,
        relevance: rel,
        highlights: withHighlights ? { title: highlight(displayText(t.title), marks), body: highlight(displayText(t.body), marks, this.opts.snippetChars) } : { title: '', body: '' },
      };
    });
    const res: SearchResponse = { searchId: this.nextId(), query: parsed.text, total: count.total, hits };
    if (count.estimated) res.totalIsEstimate = true;
    return res;
  }

  /** Completions for a typed prefix from titles, tags and popular queries. */
  suggest(prefix: string, limit = 10): Suggestion[] {
    if (typeof prefix !== 'string' || prefix.length > 200) return [];
    return this.suggester.suggest(prefix, Math.max(0, Math.min(limit, 50)));
  }

  /** Records a submitted query for popular-query suggestions. */
  recordQuery(query: string): void {
    if (typeof query !== 'string' || query.length > 200) return;
    this.suggester.addQuery(query);
  }

  /**
   * The notes a plan matches, best first: every clause as typed; while that finds fewer than `wanted`, the
   * loosened clauses (parts of words apart, one-character words inside others), then with soft words
   * (推荐, 攻略) optional; when nothing has every clause, the notes matching most of them (minimum should
   * match), without soft words.
   */
  private match(plan: QueryPlan, filter: (ix: number) => boolean, depth: number, wanted: number): Matched {
    const budget = this.opts.scanBudget;
    const phraseOk = (ix: number) => plan.phrases.every((p) => this.containsPhrase(ix, p));
    const accept = plan.phrases.length ? (ix: number) => filter(ix) && phraseOk(ix) : filter;
    // Reading note text is dear next to postings: past a few thousand checks, text alternatives stop matching.
    let textChecks = 0;
    const hasText = (ix: number, text: string) => ++textChecks <= MAX_TEXT_CHECKS && this.containsText(ix, text);
    let top = new TopK(depth);
    let count = executeAnd(this.index, plan.clauses, accept, top, budget, hasText);
    const loose = plan.relaxed ?? plan.clauses;
    const looser = [plan.relaxed, loose.some((c) => c.soft) ? loose.map((c) => (c.soft ? { ...c, optional: true } : c)) : null];
    for (const clauses of looser) {
      if (!clauses || count.total >= wanted) continue;
      const t = new TopK(depth);
      const c = executeAnd(this.index, clauses, accept, t, budget, hasText);
      if (c.total > count.total) {
        top = t;
        count = c;
      }
    }
    if (count.total > 0) return { top, count, partial: false };
    const fallback = partialClauses(plan);
    if (!fallback.some((c) => c.tids.length > 0)) return { top, count, partial: false };
    // Notes with only some of the words: those holding two neighbouring words together come first.
    const pairs = adjacentPairs(plan.words);
    top = new TopK(pairs.length > 0 ? Math.max(depth, PROXIMITY_DEPTH) : depth);
    count = executeOr(this.index, fallback, filter, top, budget, minimumShouldMatch(fallback.length));
    return { top: pairs.length > 0 ? nearerFirst(top, pairs, depth, (ix, p) => this.togetherShare(ix, p)) : top, count, partial: true };
  }

  /**
   * A short page of a query of several words made longer, each step ranked below everything before it: after notes
   * with every word, the notes matching most of the words (minimum should match); then notes with the head word alone
   * (美甲 of 适合新手的美甲), which says what is wanted when its qualifiers are found only elsewhere. One word's parts
   * (防晒霜 → 防晒 + 霜) stay a conjunction, and quoted phrases stay required.
   */
  private fill(plan: QueryPlan, found: Matched, filter: (ix: number) => boolean, depth: number, wanted: number): Matched {
    const clauses = partialClauses(plan);
    if (clauses.length < 2 || plan.words.length < MIN_FILL_WORDS || plan.phrases.length > 0) return found;
    let { top, count } = found;
    const pairs = adjacentPairs(plan.words);
    if (!found.partial) {
      const more = new TopK(pairs.length > 0 ? Math.max(depth, PROXIMITY_DEPTH) : depth);
      executeOr(this.index, clauses, filter, more, this.opts.scanBudget, minimumShouldMatch(clauses.length));
      const near = pairs.length > 0 ? nearerFirst(more, pairs, depth, (ix, p) => this.togetherShare(ix, p)) : more;
      ({ top, count } = below(top, count, near));
    }
    const head = clauses.find((c) => c.head);
    if (head && count.total < wanted && head.tids.length > 0) {
      const more = new TopK(depth);
      executeAnd(this.index, [{ ...head, text: undefined }], filter, more, this.opts.scanBudget, () => false);
      ({ top, count } = below(top, count, more));
    }
    return { top, count, partial: found.partial };
  }

  /**
   * `found` re-ranked with pseudo-relevance feedback: the words that its best notes share in their tags
   * (`feedbackTerms`) are searched for with the query's own (partial-match) clauses, and that ranking is blended with
   * the first one. The first `full` notes, which had every word, stay first and in their order.
   */
  private feedback(plan: QueryPlan, found: Matched, full: number, filter: (ix: number) => boolean, depth: number): Matched {
    const ranked = found.top.drain();
    const docs = ranked.slice(0, FEEDBACK_DOCS).map(({ doc, score }) => {
      const t = this.docs.text(doc) as { tags: readonly string[] };
      return { score, terms: t.tags.flatMap((tag) => this.tagWords(tag)) };
    });
    const clauses = partialClauses(plan);
    const exclude = new Set<number>();
    for (const c of [...plan.clauses, ...(plan.relaxed ?? [])]) for (const t of c.tids) exclude.add(t);
    const extra = feedbackTerms(docs, this.index, exclude, plan.words);
    if (extra.length === 0 || clauses.every((c) => c.tids.length === 0)) return found;
    const expanded = new TopK(depth);
    executeOr(this.index, [...clauses, ...extra.map((e): Clause => ({ tids: [e.tid], weights: [e.weight] }))], filter, expanded, this.opts.scanBudget, 1);
    const pinned = new TopK(found.top.k);
    for (const e of ranked.slice(0, full)) pinned.push(e.score, e.doc);
    const blended = blendRankings(ranked.slice(full), expanded.drain(), depth);
    if (full === 0) return { top: blended, count: { ...found.count, total: Math.max(found.count.total, blended.size) }, partial: found.partial };
    const { top, count } = below(pinned, found.count, blended);
    return { top, count: { ...count, total: Math.max(found.count.total, count.total) }, partial: found.partial };
  }

  /** A tag's index terms, analysed once: tags recur across notes, and feedback reads them on every weak query. */
  private tagWords(tag: string): readonly string[] {
    let words = this.tagTermCache.get(tag);
    if (!words) {
      if (this.tagTermCache.size >= TAG_CACHE) this.tagTermCache.clear();
      words = this.analyzer.tagTerms([tag]);
      this.tagTermCache.set(tag, words);
    }
    return words;
  }

  /**
   * The query with every word the index does not know replaced by its nearest known spelling, or null when none is.
   * A typo can also split a word for the segmenter (广场午 → 广场 + 午), so a word and a neighbouring single
   * character are also tried together; `joined` says such a pair was corrected.
   */
  private correct(q: ParsedQuery, terms: readonly string[]): { query: ParsedQuery; joined: boolean } | null {
    let words = foldText(q.words);
    let changed = false;
    let joined = false;
    const sounds = this.romanizer ? (text: string) => (this.romanizer as Romanizer).syllables(text) : undefined;
    for (const w of terms) {
      const fix = correctWord(w, this.index, sounds);
      if (fix && words.includes(w)) {
        words = words.split(w).join(fix);
        changed = true;
      }
    }
    for (let i = 0; i + 1 < terms.length; i++) {
      const a = terms[i] as string;
      const b = terms[i + 1] as string;
      const pair = a + b;
      if (!HAN_ONLY.test(pair) || ([...a].length > 1 && [...b].length > 1) || !words.includes(pair)) continue;
      const fix = correctWord(pair, this.index, sounds);
      if (fix) {
        words = words.split(pair).join(fix);
        changed = joined = true;
      }
    }
    return changed ? { query: { ...q, words }, joined } : null;
  }

  /** True when every word of the plan is a term of some note, as typed. */
  private knowsAll(plan: QueryPlan): boolean {
    return plan.words.length > 0 && plan.words.every((w) => this.index.df(this.index.termId(w)) > 0);
  }

  private blendWeight(req: SearchRequest): number {
    if (!req.userId || !this.personalizer) return 0;
    return clamp01(req.personalize ?? this.opts.personalizeWeight);
  }

  private fieldTerms(title: string, tags: readonly string[], body: string): string[][] {
    return [this.analyzer.textTerms(title, tags), this.analyzer.tagTerms(tags), this.analyzer.textTerms(body, tags)];
  }

  private unindex(ix: number): void {
    const old = this.docs.text(ix);
    if (!old || !this.docs.isAlive(ix)) return;
    this.index.remove(ix, this.fieldTerms(old.title, old.tags, old.body));
    this.suggester.addNote(old.title, old.tags, -1);
    this.docs.drop(ix);
  }

  private containsPhrase(ix: number, phrase: string): boolean {
    const t = this.docs.text(ix);
    if (!t) return false;
    const hay = (s: string) => foldText(s).replace(/\s+/g, ' ').includes(phrase);
    return hay(t.title) || hay(t.body) || t.tags.some(hay);
  }

  /** The share of `pairs` (Han text) that occur verbatim in the note's title, tags or body. */
  private togetherShare(ix: number, pairs: readonly string[]): number {
    const t = this.docs.text(ix);
    if (!t || pairs.length === 0) return 0;
    const fields = [t.title, ...t.tags, t.body];
    let found = 0;
    for (const p of pairs) if (fields.some((f) => includesSimplified(f, p))) found++;
    return found / pairs.length;
  }

  // Text alternatives are Han characters: of the folding, only traditional → simplified can matter.
  private containsText(ix: number, text: string): boolean {
    const t = this.docs.text(ix);
    if (!t) return false;
    const hay = (s: string) => includesSimplified(s, text);
    return hay(t.title) || hay(t.body) || t.tags.some(hay);
  }
}

/** How many of n clauses a partial match needs: any one of two, 2 of 3, 3 of 4 or 5, then 60%. */
export function minimumShouldMatch(n: number): number {
  return n <= 2 ? 1 : Math.ceil(n * 0.6);
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}
