import { search, type InvertedIndex } from './inverted-index.ts';
import type { Clause } from './query-plan.ts';
import type { TopK } from './top-k.ts';

/** Accepts or rejects a candidate (filters, phrase checks); runs only on text matches. */
export type DocCheck = (doc: number) => boolean;

/** Matches found, and whether that count was extrapolated from a bounded scan. */
export interface MatchCount {
  total: number;
  estimated: boolean;
}

/**
 * Document-at-a-time conjunction: the rarest clause proposes candidates in doc order and every
 * clause is probed by galloping through its sorted postings, so cost follows the rarest term, not
 * the most common one. At most `budget` candidates are scored, the newest ones (dense indices grow
 * with creation time): a query for a very common word ranks the best of its recent matches and
 * extrapolates the total, which keeps the worst case flat at a million notes.
 */
export function executeAnd(index: InvertedIndex, clauses: readonly Clause[], accept: DocCheck, top: TopK, budget: number): MatchCount {
  if (clauses.length === 0 || clauses.some((c) => c.tids.length === 0)) return { total: 0, estimated: false };
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
  const { docs: candidates, of } = driverDocs(index, ordered[0] as Clause, budget);
  const cursors = new Int32Array(lists.length);
  if (candidates.length > 0) lists.forEach((l, li) => (cursors[li] = search(l, lens[li] as number, candidates[0] as number)));
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
  return of > candidates.length ? { total: Math.round((total * of) / candidates.length), estimated: true } : { total, estimated: false };
}

/**
 * Disjunction, used when no document has every clause: a k-way merge over the lists' recent tails
 * (all postings at or above one shared doc cutoff, at most `budget` per list), so every list is read
 * sequentially and no per-corpus accumulator is touched. Documents matching more clauses naturally
 * collect more score.
 */
export function executeOr(index: InvertedIndex, clauses: readonly Clause[], accept: DocCheck, top: TopK, budget: number): MatchCount {
  const score = index.scorer();
  const lists: Int32Array[] = [];
  const ends: number[] = [];
  const idfs: number[] = [];
  let cutoff = 0;
  let all = 0;
  for (const c of clauses) {
    c.tids.forEach((t, k) => {
      const list = index.postings(t);
      const n = index.df(t);
      if (n === 0) return;
      lists.push(list);
      ends.push(n);
      idfs.push(index.idf(t) * (c.weights[k] as number));
      all += n;
      if (n > budget) cutoff = Math.max(cutoff, list[(n - budget) * 2] as number);
    });
  }
  const cursors = lists.map((l, i) => search(l, ends[i] as number, cutoff));
  let seen = 0;
  let total = 0;
  for (;;) {
    let doc = 0x7fffffff;
    for (let i = 0; i < lists.length; i++) {
      const at = cursors[i] as number;
      if (at < (ends[i] as number)) doc = Math.min(doc, (lists[i] as Int32Array)[at * 2] as number);
    }
    if (doc === 0x7fffffff) break;
    let s = 0;
    for (let i = 0; i < lists.length; i++) {
      const list = lists[i] as Int32Array;
      const at = cursors[i] as number;
      if (at < (ends[i] as number) && list[at * 2] === doc) {
        s += score(idfs[i] as number, list[at * 2 + 1] as number, doc);
        cursors[i] = at + 1;
        seen++;
      }
    }
    if (!accept(doc)) continue;
    total++;
    top.push(s, doc);
  }
  return seen < all ? { total: Math.round((total * all) / Math.max(1, seen)), estimated: true } : { total, estimated: false };
}

/**
 * Candidates of the cheapest clause, ascending and unique: its newest `budget` documents, and `of`,
 * how many it has in all (for a group of terms, an upper bound).
 */
function driverDocs(index: InvertedIndex, c: Clause, budget: number): { docs: Int32Array; of: number } {
  if (c.tids.length === 1) {
    const t = c.tids[0] as number;
    const list = index.postings(t);
    const n = index.df(t);
    const from = Math.max(0, n - budget);
    const out = new Int32Array(n - from);
    for (let i = from; i < n; i++) out[i - from] = list[i * 2] as number;
    return { docs: out, of: n };
  }
  // A group (prefix completions): union the lists' recent tails through a bitmap over doc ids.
  let cutoff = 0;
  let maxDoc = -1;
  let of = 0;
  let truncated = false;
  for (const t of c.tids) {
    const list = index.postings(t);
    const n = index.df(t);
    of += n;
    if (n > budget) {
      truncated = true;
      cutoff = Math.max(cutoff, list[(n - budget) * 2] as number);
    }
    if (n > 0) maxDoc = Math.max(maxDoc, list[(n - 1) * 2] as number);
  }
  if (maxDoc < 0) return { docs: new Int32Array(0), of: 0 };
  const bits = new Uint32Array(((maxDoc - cutoff) >>> 5) + 1);
  let count = 0;
  for (const t of c.tids) {
    const list = index.postings(t);
    for (let i = index.df(t) - 1; i >= 0; i--) {
      const d = list[i * 2] as number;
      if (d < cutoff) break;
      const o = d - cutoff;
      const w = o >>> 5;
      const m = 1 << (o & 31);
      if (((bits[w] as number) & m) === 0) {
        bits[w] = (bits[w] as number) | m;
        count++;
      }
    }
  }
  const docs = new Int32Array(count);
  let k = 0;
  for (let w = 0; w < bits.length; w++) {
    let v = bits[w] as number;
    while (v !== 0) {
      const low = v & -v;
      docs[k++] = cutoff + (w << 5) + (31 - Math.clz32(low));
      v ^= low;
    }
  }
  // Beyond the cutoff the union's size is unknown; the sum of list lengths bounds it from above.
  return { docs, of: truncated ? Math.max(of, count) : count };
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
