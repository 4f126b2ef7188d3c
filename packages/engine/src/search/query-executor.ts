import type { InvertedIndex } from './inverted-index.ts';
import type { Clause } from './query-plan.ts';
import type { TopK } from './top-k.ts';

/** Accepts or rejects a candidate (filters, phrase checks); runs only on text matches. */
export type DocCheck = (doc: number) => boolean;

/**
 * Document-at-a-time conjunction: the rarest clause proposes candidates in doc order and every
 * clause is probed by galloping through its sorted postings, so cost follows the rarest term, not
 * the most common one. Returns the number of matching documents; the best go into `top`.
 */
export function executeAnd(index: InvertedIndex, clauses: readonly Clause[], accept: DocCheck, top: TopK): number {
  if (clauses.length === 0 || clauses.some((c) => c.tids.length === 0)) return 0;
  const cost = (c: Clause) => c.tids.reduce((s, t) => s + index.df(t), 0);
  const ordered = [...clauses].sort((a, b) => cost(a) - cost(b));
  const score = index.scorer();
  const lists: Int32Array[] = [];
  const lens: number[] = [];
  const idfs: number[] = [];
  const owner: number[] = [];
  ordered.forEach((c, ci) =>
    c.tids.forEach((t, k) => {
      lists.push(index.postings(t));
      lens.push(index.df(t));
      idfs.push(index.idf(t) * (c.weights[k] as number));
      owner.push(ci);
    }),
  );
  const cursors = new Int32Array(lists.length);
  const candidates = driverDocs(index, ordered[0] as Clause);
  const nClauses = ordered.length;
  let total = 0;
  outer: for (let i = 0; i < candidates.length; i++) {
    const doc = candidates[i] as number;
    let s = 0;
    let ci = 0;
    let matched = false;
    for (let li = 0; li < lists.length; li++) {
      const o = owner[li] as number;
      if (o !== ci) {
        if (!matched) continue outer;
        ci = o;
        matched = false;
      }
      const list = lists[li] as Int32Array;
      const n = lens[li] as number;
      const at = gallop(list, n, doc, cursors[li] as number);
      cursors[li] = at;
      if (at < n && list[at * 2] === doc) {
        s += score(idfs[li] as number, list[at * 2 + 1] as number, doc);
        matched = true;
      }
    }
    if (!matched || ci !== nClauses - 1 || !accept(doc)) continue;
    total++;
    top.push(s, doc);
  }
  return total;
}

/**
 * Term-at-a-time disjunction into a dense accumulator, used when no document has every clause.
 * Documents matching more clauses naturally collect more score.
 */
export function executeOr(index: InvertedIndex, clauses: readonly Clause[], accept: DocCheck, top: TopK, acc: Float64Array): number {
  const score = index.scorer();
  const touched: number[] = [];
  for (const c of clauses) {
    c.tids.forEach((t, k) => {
      const list = index.postings(t);
      const n = index.df(t);
      const idf = index.idf(t) * (c.weights[k] as number);
      for (let i = 0; i < n; i++) {
        const doc = list[i * 2] as number;
        if (acc[doc] === 0) touched.push(doc);
        acc[doc] = (acc[doc] as number) + score(idf, list[i * 2 + 1] as number, doc);
      }
    });
  }
  let total = 0;
  for (const doc of touched) {
    const s = acc[doc] as number;
    acc[doc] = 0;
    if (!accept(doc)) continue;
    total++;
    top.push(s, doc);
  }
  return total;
}

// Candidates of the cheapest clause, ascending and unique.
function driverDocs(index: InvertedIndex, c: Clause): Int32Array {
  if (c.tids.length === 1) {
    const t = c.tids[0] as number;
    const list = index.postings(t);
    const n = index.df(t);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = list[i * 2] as number;
    return out;
  }
  const all: number[] = [];
  for (const t of c.tids) {
    const list = index.postings(t);
    const n = index.df(t);
    for (let i = 0; i < n; i++) all.push(list[i * 2] as number);
  }
  const sorted = Int32Array.from(all).sort();
  let w = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[w++] = sorted[i] as number;
  return sorted.subarray(0, w);
}

// Exponential then binary search from the cursor: cheap when the next match is near.
function gallop(list: Int32Array, n: number, doc: number, from: number): number {
  if (from >= n || (list[from * 2] as number) >= doc) return from;
  let step = 1;
  let lo = from;
  while (lo + step < n && (list[(lo + step) * 2] as number) < doc) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(n, lo + step);
  lo += 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid * 2] as number) < doc) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
