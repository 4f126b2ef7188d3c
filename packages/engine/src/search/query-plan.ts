import type { Analyzer } from './analyzer.ts';
import { TAG_MARK } from './analyzer.ts';
import { QueryBridge } from './bridge.ts';
import type { InvertedIndex } from './inverted-index.ts';
import { foldText } from './normalize.ts';
import type { ParsedQuery } from './query-parser.ts';
import { isQuestionWord, isSoftWord } from './query-words.ts';
import type { HighlightTerms } from './snippet.ts';
import { stem } from './stemmer.ts';

/**
 * One query requirement: a document satisfies it by containing any of its terms or, when `text` is set, by
 * containing that folded text anywhere (a one-character word that the segmenter glued to a neighbour, 猫 in 带猫).
 */
export interface Clause {
  tids: number[];
  weights: number[];
  text?: string;
  /** Made optional when few notes have every clause, left out of partial matches (推荐, lone short numbers). */
  soft?: boolean;
  /** Scored where it matches, required nowhere. */
  optional?: boolean;
  /** The last word typed: the head of a Chinese or English noun phrase (小店 in 宝藏小店). */
  head?: boolean;
  /**
   * Terms of `tids` reached through the bridge (basketball for 篮球): another way to say the word, so a note scores
   * by the better of them and the typed terms, never by both added up.
   */
  bridged?: number[];
}

export interface QueryPlan {
  /** Every clause must match: the words as typed. */
  clauses: Clause[];
  /**
   * A looser conjunction tried when `clauses` find few notes: long words also accept their parts apart
   * (防晒霜 reaches 防晒…霜), one-character words match inside longer words. Null when nothing loosens.
   */
  relaxed: Clause[] | null;
  /** Folded phrases that must occur verbatim (in AND mode). */
  phrases: string[];
  highlight: HighlightTerms;
  /** The free-text words searched for, question words left out. */
  words: readonly string[];
  /**
   * Words unknown to the index that split only into single characters (戴久 of
   * 黄金戴久了会变色吗), when a word beside others: `planQuery(…, true)` lets such words match their characters.
   */
  unsplit: readonly string[];
}

// Completions of the word being typed count for less than the exact word.
const PREFIX_WEIGHT = 0.6;
const PREFIX_EXPANSIONS = 8;
// A hashtag query also accepts the bare word in text, a little below the tag itself.
const TAG_WORD_WEIGHT = 0.6;
// A part of a word found apart from the rest counts for less than the whole word.
const PART_WEIGHT = 0.5;
const MAX_PART = 6;
// A character that is a term of more than one note in this many (and of 20 notes at least) is common.
const COMMON_CHAR = 50;
const MIN_COMMON = 20;
const HAN = /\p{Script=Han}/u;
const LATIN_TAIL = /[a-z0-9]+$/;
const SHORT_NUMBER = /^\d{1,2}$/;
// A word reached through the bridge (camping → 露营, 矮个子 → 小个子) counts for at most this share of the word as
// typed, and never for more than the typed word's own weight would give a note that has it.
const BRIDGE_WEIGHT = 0.5;
const BRIDGE = new QueryBridge();

/**
 * Resolves a parsed query's words to index terms, clause by clause. With `charsOfUnknown`, a word the index does not
 * know that splits only into single characters, typed beside other words, matches any of its characters (each at its
 * share of the word's weight); otherwise it matches nothing and leaves the query to partial matches or correction.
 */
export function planQuery(q: ParsedQuery, analyzer: Analyzer, index: InvertedIndex, charsOfUnknown = false): QueryPlan {
  const clauses: Clause[] = [];
  const unsplit: string[] = [];
  const relaxed: Clause[] = [];
  let loosened = false;
  const stems = new Set<string>();
  const substrings: string[] = [...q.phrases];
  const prefixes: string[] = [];
  const both = (c: Clause) => {
    add(clauses, c);
    add(relaxed, c);
  };
  const note = (term: string) => (HAN.test(term) ? substrings.push(term) : stems.add(term));

  for (const tag of q.tags) {
    const c: Clause = { tids: [], weights: [] };
    const folded = foldText(tag);
    push(c, index.termId(TAG_MARK + folded), 1);
    const words = analyzer.queryTerms(tag);
    if (words.length === 1) push(c, index.termId(words[0] as string), TAG_WORD_WEIGHT);
    if (HAN.test(folded)) substrings.push(folded);
    else for (const w of words) stems.add(w);
    both(c);
  }
  for (const phrase of q.phrases) {
    for (const t of analyzer.queryTerms(phrase)) {
      note(t);
      both(single(index.termId(t)));
    }
  }
  const typed = analyzer.queryTerms(q.words);
  // Question and function words (什么, 怎么, 需要) say how something is asked, not what: they would make
  // every note that asks anything a match. Kept only when the query has nothing else.
  const content = typed.filter((t) => !isQuestionWord(t));
  const words = content.length > 0 ? content : typed;
  const lastTyped = q.prefixLast ? typed[typed.length - 1] : undefined;
  // Two English words that together name one thing (hong kong, coffee shop) each also reach its Chinese word.
  const pairs = new Map<number, string[]>();
  for (let i = 0; i + 1 < words.length; i++) {
    const zh = BRIDGE.expandPair(words[i] as string, words[i + 1] as string);
    if (zh.length === 0) continue;
    for (const at of [i, i + 1]) pairs.set(at, [...(pairs.get(at) ?? []), ...zh]);
  }
  for (const [at, term] of words.entries()) {
    note(term);
    const c = single(index.termId(term));
    if (isSoftWord(term) || SHORT_NUMBER.test(term)) c.soft = true;
    if (term === lastTyped) {
      const raw = foldText(q.words).match(LATIN_TAIL)?.[0];
      const stubs = new Set([term, ...(raw && raw.length >= 2 ? latinStubs(raw) : [])]);
      for (const stub of stubs) {
        // One Han character or two letters complete to too much to be useful (suggestions cover that), unless the
        // character is all that was typed (咖 on its way to 咖啡): then its most common words are the likely aim.
        if (HAN.test(stub) ? stub.length < 2 && words.length > 1 : stub.length < 3) continue;
        if (!HAN.test(stub)) prefixes.push(stub);
        for (const x of index.termsWithPrefix(stub, PREFIX_EXPANSIONS)) push(c, x, PREFIX_WEIGHT);
      }
    }
    bridge(c, term, index, note);
    const pairWords = pairs.get(at);
    if (pairWords) bridge(c, term, index, note, 1, pairWords);
    if (!HAN.test(term)) {
      both(c);
      continue;
    }
    const chars = [...term];
    if (chars.length === 1) {
      add(clauses, c);
      add(relaxed, textual(term, index) ? { ...c, text: term } : c);
      loosened ||= textual(term, index);
      continue;
    }
    const known = index.df(index.termId(term)) > 0;
    const parts = known && chars.length < 3 ? null : cover(chars, index);
    if (!parts) {
      // A word the index does not know and that splits only into single characters (戴久 of 黄金戴久了): a note holding
      // its characters is the nearest thing to it, so its clause accepts them, each at its share of the word's weight.
      if (!known && c.tids.length === 0 && words.length > 1) {
        unsplit.push(term);
        if (charsOfUnknown) for (const ch of chars) push(c, index.termId(ch), 1 / chars.length);
      }
      both(c);
      continue;
    }
    // Single characters would mark every occurrence of common characters; the longer parts are worth showing.
    for (const p of parts) if ([...p].length > 1) substrings.push(p);
    // A word the index never saw (precise segmentation made it; the documents were cut otherwise) is
    // replaced by its parts; a known word keeps matching whole and accepts its parts apart when loosened.
    const split = parts.map((p): Clause => {
      const pc: Clause = { tids: c.tids.slice(), weights: c.weights.map((w) => w / parts.length), ...(c.soft ? { soft: true } : {}), ...(c.bridged ? { bridged: c.bridged } : {}) };
      const partWeight = c.tids.length > 0 ? PART_WEIGHT : 1;
      push(pc, index.termId(p), partWeight);
      // A part reaches its own synonyms and translations too (香港旅游 → 香港 + 旅游 or 旅行), below the part itself.
      if ([...p].length > 1) bridge(pc, p, index, note, partWeight);
      if ([...p].length === 1 && textual(p, index)) pc.text = p;
      return pc;
    });
    if (c.tids.length > 0) {
      add(clauses, c);
      for (const pc of split) add(relaxed, pc);
      loosened = true;
    } else {
      for (const pc of split) {
        add(clauses, { tids: pc.tids, weights: pc.weights, ...(pc.soft ? { soft: true } : {}), ...(pc.bridged ? { bridged: pc.bridged } : {}) });
        add(relaxed, pc);
      }
      loosened ||= split.some((pc) => pc.text !== undefined);
    }
  }
  // Words come last, so with two or more of them the last clause is the last word's (its last part when split).
  if (words.length > 1) {
    for (const list of [clauses, relaxed]) {
      const last = list[list.length - 1];
      if (last && !last.soft) list[list.length - 1] = { ...last, head: true };
    }
  }
  return { clauses, relaxed: loosened ? relaxed : null, phrases: q.phrases, highlight: { stems, prefixes, substrings }, words, unsplit };
}

/**
 * Splits a word into pieces the index knows, fewest pieces first, never the word itself. Single characters are
 * always allowed (they can match as text) but cost more than a known piece, so 减肥餐 becomes 减肥 + 餐.
 * Null when the only split is into single characters.
 */
function cover(chars: readonly string[], index: InvertedIndex): string[] | null {
  const n = chars.length;
  const cost = new Float64Array(n + 1).fill(Infinity);
  const from = new Int32Array(n + 1);
  cost[0] = 0;
  for (let i = 1; i <= n; i++) {
    for (let j = Math.max(0, i - MAX_PART); j < i; j++) {
      if (j === 0 && i === n) continue;
      const c = i - j === 1 ? 1.5 : index.df(index.termId(chars.slice(j, i).join(''))) > 0 ? 1 : Infinity;
      if ((cost[j] as number) + c < (cost[i] as number)) {
        cost[i] = (cost[j] as number) + c;
        from[i] = j;
      }
    }
  }
  const parts: string[] = [];
  for (let i = n; i > 0; i = from[i] as number) parts.unshift(chars.slice(from[i] as number, i).join(''));
  return parts.every((p) => [...p].length === 1) ? null : parts;
}

/**
 * Whether a one-character word may also match inside other words. Not for common characters (来, 好): reading note
 * text for them is dear, and a note containing one somewhere says little.
 */
function textual(ch: string, index: InvertedIndex): boolean {
  return index.df(index.termId(ch)) < Math.max(MIN_COMMON, index.docCount / COMMON_CHAR);
}

/**
 * Adds the words a term reaches in the other language or as synonyms to its clause, below the term itself: the
 * weight is scaled by the ratio of the two words' idf, so a rare translation cannot outrank the common word typed,
 * and by `scale`, the term's own weight in the clause (a part of a word counts for less than the word). `reached`
 * defaults to the term's own expansion.
 */
function bridge(c: Clause, term: string, index: InvertedIndex, note: (t: string) => void, scale = 1, reached: readonly string[] = BRIDGE.expand(term)): void {
  const own = index.termId(term);
  const ownIdf = own >= 0 && index.df(own) > 0 ? index.idf(own) : Infinity;
  for (const x of reached) {
    const tid = index.termId(x);
    if (tid < 0 || index.df(tid) === 0 || c.tids.includes(tid)) continue;
    push(c, tid, scale * BRIDGE_WEIGHT * Math.min(1, ownIdf / index.idf(tid)));
    (c.bridged ??= []).push(tid);
    note(x);
  }
}

function add(list: Clause[], c: Clause): void {
  const key = (x: Clause) => `${x.tids.join(',')}|${x.text ?? ''}`;
  const k = key(c);
  if (!list.some((x) => key(x) === k)) list.push(c);
}

function single(tid: number): Clause {
  return tid >= 0 ? { tids: [tid], weights: [1] } : { tids: [], weights: [] };
}

function push(c: Clause, tid: number, w: number): void {
  if (tid >= 0 && !c.tids.includes(tid)) {
    c.tids.push(tid);
    c.weights.push(w);
  }
}

// A half-typed inflection ("runn", "runni") is no prefix of its indexed stem ("run"): complete it
// as an -ing form and stem that, alongside the raw prefix.
function latinStubs(raw: string): string[] {
  const out = [raw, stem(raw), stem(raw + 'ing')];
  if (raw.endsWith('in')) out.push(stem(raw + 'g'));
  else if (raw.endsWith('i')) out.push(stem(raw + 'ng'));
  return out;
}
