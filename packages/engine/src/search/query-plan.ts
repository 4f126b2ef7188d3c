import type { Analyzer } from './analyzer.ts';
import { TAG_MARK } from './analyzer.ts';
import type { InvertedIndex } from './inverted-index.ts';
import { foldText } from './normalize.ts';
import type { ParsedQuery } from './query-parser.ts';
import type { HighlightTerms } from './snippet.ts';
import { stem } from './stemmer.ts';

/** One query requirement: a document satisfies it by containing any of its terms. */
export interface Clause {
  tids: number[];
  weights: number[];
}

export interface QueryPlan {
  clauses: Clause[];
  /** Folded phrases that must occur verbatim (in AND mode). */
  phrases: string[];
  highlight: HighlightTerms;
}

// Completions of the word being typed count for less than the exact word.
const PREFIX_WEIGHT = 0.6;
const PREFIX_EXPANSIONS = 8;
// A hashtag query also accepts the bare word in text, a little below the tag itself.
const TAG_WORD_WEIGHT = 0.6;
const HAN = /\p{Script=Han}/u;
const LATIN_TAIL = /[a-z0-9]+$/;

/** Resolves a parsed query's words to index terms, clause by clause. */
export function planQuery(q: ParsedQuery, analyzer: Analyzer, index: InvertedIndex): QueryPlan {
  const clauses: Clause[] = [];
  const stems = new Set<string>();
  const substrings: string[] = [...q.phrases];
  const prefixes: string[] = [];
  const add = (c: Clause) => {
    const key = c.tids.join(',');
    if (!clauses.some((x) => x.tids.join(',') === key)) clauses.push(c);
  };
  const note = (term: string) => (HAN.test(term) ? substrings.push(term) : stems.add(term));

  for (const tag of q.tags) {
    const c: Clause = { tids: [], weights: [] };
    push(c, index.termId(TAG_MARK + foldText(tag)), 1);
    const words = analyzer.queryTerms(tag);
    if (words.length === 1) push(c, index.termId(words[0] as string), TAG_WORD_WEIGHT);
    substrings.push(foldText(tag));
    add(c);
  }
  for (const phrase of q.phrases) {
    for (const t of analyzer.queryTerms(phrase)) {
      note(t);
      add(single(index.termId(t)));
    }
  }
  const words = analyzer.queryTerms(q.words);
  words.forEach((term, i) => {
    note(term);
    const last = q.prefixLast && i === words.length - 1;
    const tid = index.termId(term);
    // Precise segmentation can produce a word the fine-grained index never saw; fall back to its parts.
    if (tid < 0 && HAN.test(term) && term.length > 1 && !last) {
      const parts = analyzer.subTerms(term).filter((t) => index.termId(t) >= 0);
      if (parts.length > 0) {
        for (const p of parts) add(single(index.termId(p)));
        return;
      }
    }
    const c = single(tid);
    if (last) {
      const raw = foldText(q.words).match(LATIN_TAIL)?.[0];
      const stubs = new Set([term, ...(raw && raw.length >= 2 ? latinStubs(raw) : [])]);
      for (const stub of stubs) {
        // One Han character or two letters complete to too much to be useful (suggestions cover that).
        if (HAN.test(stub) ? stub.length < 2 : stub.length < 3) continue;
        if (!HAN.test(stub)) prefixes.push(stub);
        for (const x of index.termsWithPrefix(stub, PREFIX_EXPANSIONS)) {
          if (c.tids.includes(x)) continue;
          push(c, x, PREFIX_WEIGHT);
        }
      }
    }
    add(c);
  });
  return { clauses, phrases: q.phrases, highlight: { stems, prefixes, substrings } };
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
