// Pseudo-relevance feedback (after RM3): a query whose words are not the words of its notes (适合上班穿的衣服 for notes
// tagged 通勤穿搭) matches only partly, and its best partial matches still share the vocabulary of what is wanted.
// The words that several of them carry in their tags, and that few notes carry overall, are searched for
// too, at a reduced weight, and the second ranking is blended with the first.
import type { InvertedIndex } from './inverted-index.ts';
import { isQuestionWord, isSoftWord } from './query-words.ts';
import { TopK } from './top-k.ts';

/** How many of the first ranking's notes are read for feedback. */
export const FEEDBACK_DOCS = 10;
/** How many feedback words are added to the query. */
export const FEEDBACK_TERMS = 4;
/** A feedback word must occur in this many feedback notes: one note's vocabulary is its own topic, not the query's. */
export const MIN_FEEDBACK_DOCS = 3;
/**
 * A feedback word must be held by one of this many best notes: words that only the lower notes share pull the
 * ranking towards them, away from what matched best (宝藏男孩 tags below the shops of 宝藏小店).
 */
export const FEEDBACK_LEAD = 2;
/** The share of the blended score that comes from the expanded query. */
export const FEEDBACK_MIX = 0.3;
/** A feedback word's weight in the expanded query, relative to a typed word, for the best-supported feedback word. */
export const FEEDBACK_WEIGHT = 0.5;
// Words carried by more than this share of all notes say nothing about a topic.
const MAX_DF_SHARE = 0.05;
const WORD = /^(?:\p{Script=Han}{2,}|[a-z][a-z0-9]{2,})$/u;

/** A note of the first ranking: its score there and its tags' words (repeats allowed). */
export interface FeedbackDoc {
  score: number;
  terms: readonly string[];
}

export interface FeedbackTerm {
  tid: number;
  term: string;
  /** Relative to a typed word's weight (at most FEEDBACK_WEIGHT). */
  weight: number;
}

/**
 * Feedback words from the first ranking's best notes (`docs`, best first): each word's relevance-model weight (the
 * sum over the notes holding it of the note's share of the ranking's score) times its idf, for words held by at least
 * MIN_FEEDBACK_DOCS notes, one of them among the FEEDBACK_LEAD best, that are no query term (`exclude`) and contain
 * no query word of two characters or more (宝藏男孩 for 宝藏 is the typed word in context, already scored through it),
 * no question or intent word, of two Han characters or three letters or more, and rare enough to be specific. Best
 * first, at most FEEDBACK_TERMS.
 */
export function feedbackTerms(docs: readonly FeedbackDoc[], index: InvertedIndex, exclude: ReadonlySet<number>, queryWords: readonly string[] = []): FeedbackTerm[] {
  const within = queryWords.filter((w) => [...w].length >= 2);
  const total = docs.reduce((s, d) => s + Math.max(0, d.score), 0);
  if (total <= 0) return [];
  const support = new Map<string, { mass: number; docs: number; lead: boolean }>();
  for (const [rank, d] of docs.entries()) {
    const share = Math.max(0, d.score) / total;
    for (const t of new Set(d.terms)) {
      if (!WORD.test(t) || isQuestionWord(t) || isSoftWord(t) || within.some((w) => t.includes(w))) continue;
      const s = support.get(t) ?? { mass: 0, docs: 0, lead: false };
      s.mass += share;
      s.docs++;
      if (rank < FEEDBACK_LEAD) s.lead = true;
      support.set(t, s);
    }
  }
  const maxDf = Math.max(MIN_FEEDBACK_DOCS, index.docCount * MAX_DF_SHARE);
  const scored: { tid: number; term: string; w: number }[] = [];
  for (const [term, s] of support) {
    if (s.docs < MIN_FEEDBACK_DOCS || !s.lead) continue;
    const tid = index.termId(term);
    const df = index.df(tid);
    if (df === 0 || df > maxDf || exclude.has(tid)) continue;
    scored.push({ tid, term, w: s.mass * index.idf(tid) });
  }
  scored.sort((a, b) => b.w - a.w || (a.term < b.term ? -1 : 1));
  const chosen = scored.slice(0, FEEDBACK_TERMS);
  const top = chosen[0]?.w ?? 1;
  return chosen.map((c) => ({ tid: c.tid, term: c.term, weight: (FEEDBACK_WEIGHT * c.w) / top }));
}

/**
 * The first ranking and the expanded query's ranking blended: each note's score is (1 − FEEDBACK_MIX) times its
 * first score and FEEDBACK_MIX times its expanded score, each scaled to the best of its ranking; a note absent from a
 * ranking scores 0 there. The best `k` are kept.
 */
export function blendRankings(first: readonly { score: number; doc: number }[], expanded: readonly { score: number; doc: number }[], k: number): TopK {
  const maxA = first[0]?.score || 1;
  const maxB = expanded[0]?.score || 1;
  const blended = new Map<number, number>();
  for (const e of first) blended.set(e.doc, ((1 - FEEDBACK_MIX) * e.score) / maxA);
  for (const e of expanded) blended.set(e.doc, (blended.get(e.doc) ?? 0) + (FEEDBACK_MIX * e.score) / maxB);
  const out = new TopK(k);
  for (const [doc, s] of blended) out.push(s, doc);
  return out;
}
