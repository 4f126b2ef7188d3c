import { search, type InvertedIndex } from './inverted-index.ts';
import type { Clause } from './query-plan.ts';
import { TopK } from './top-k.ts';

/** Accepts or rejects a candidate (filters, phrase checks); runs only on text matches. */
export type DocCheck = (doc: number) => boolean;

/** Matches found, and whether that count was extrapolated from a bounded scan. */
export interface MatchCount {
  total: number;
  estimated: boolean;
}

// In a partial match the head word of the phrase (the last one: 小店 in 宝藏小店, shop in coffee shop) says what
// is wanted; the words before it only qualify it.
const HEAD_BOOST = 1.5;

/** Says whether a note's folded text contains a string: how `Clause.text` alternatives are checked. */
export type TextCheck = (doc: number, text: string) => boolean;

/**
 * Document-at-a-time conjunction: the rarest clause proposes candidates in doc order and every
 * clause is probed by galloping through its sorted postings, so cost follows the rarest term, not
 * the most common one. At most `budget` candidates are scored, the newest ones (dense indices grow
 * with creation time): a query for a very common word ranks the best of its recent matches and
 * extrapolates the total, which keeps the worst case flat at a million notes. A clause with a text
 * alternative that no posting satisfies is checked against the note's text last, on survivors only;
 * an optional clause adds to the score where it matches and rejects nothing. `groupsByList` false probes a driving group
 * per candidate like any other clause: the reference its list-by-list scoring is checked against.
 */
export function executeAnd(index: InvertedIndex, clauses: readonly Clause[], accept: DocCheck, top: TopK, budget: number, hasText: TextCheck, groupsByList = true): MatchCount {
  if (clauses.length === 0 || clauses.some((c) => c.tids.length === 0 && c.text === undefined && !c.optional)) return { total: 0, estimated: false };
  if (clauses.every((c) => c.optional)) return { total: 0, estimated: false };
  // The driver must be a clause that postings alone decide: required, and without a text alternative.
  const cost = (c: Clause) => (c.tids.length === 0 ? Infinity : c.optional ? 2e12 : c.text !== undefined ? 1e12 : 0) + c.tids.reduce((s, t) => s + index.df(t), 0);
  const ordered = [...clauses].sort((a, b) => cost(a) - cost(b));
  if ((ordered[0] as Clause).tids.length === 0) return { total: 0, estimated: false };
  const score = index.scorer();
  const lists: Int32Array[] = [];
  const lens: number[] = [];
  const idfs: number[] = [];
  const bridged: boolean[] = [];
  // Lists of clause ci are firsts[ci] .. firsts[ci + 1] - 1.
  const firsts: number[] = [];
  for (const c of ordered) {
    firsts.push(lists.length);
    c.tids.forEach((t, k) => {
      lists.push(index.postings(t));
      lens.push(index.df(t));
      idfs.push(index.idf(t) * (c.weights[k] as number));
      bridged.push(c.bridged?.includes(t) ?? false);
    });
  }
  firsts.push(lists.length);
  const { docs: candidates, of } = driverDocs(index, ordered[0] as Clause, budget);
  const cursors = new Int32Array(lists.length);
  if (candidates.length > 0) lists.forEach((l, li) => (cursors[li] = search(l, lens[li] as number, candidates[0] as number)));
  // A driver of several terms (a prefix's completions) is scored list by list over its candidates, which every one
  // of its lists' postings from the first candidate on belongs to, rather than by probing each list per candidate.
  // Each document's terms still add up in list order, so the scores are the same to the last bit.
  const driverScores = groupsByList && (ordered[0] as Clause).tids.length > 1 ? groupScores(lists, lens, idfs, bridged, firsts[1] as number, candidates, score) : null;
  const pending: string[] = [];
  let total = 0;
  outer: for (let i = 0; i < candidates.length; i++) {
    const doc = candidates[i] as number;
    let s = driverScores ? (driverScores[i] as number) : 0;
    if (pending.length > 0) pending.length = 0;
    for (let ci = driverScores ? 1 : 0; ci < ordered.length; ci++) {
      let matched = false;
      let own = 0;
      let alt = 0;
      for (let li = firsts[ci] as number; li < (firsts[ci + 1] as number); li++) {
        const list = lists[li] as Int32Array;
        const n = lens[li] as number;
        const at = gallop(list, n, doc, cursors[li] as number);
        cursors[li] = at;
        if (at < n && list[at * 2] === doc) {
          const v = score(idfs[li] as number, list[at * 2 + 1] as number, doc);
          if (bridged[li]) alt = Math.max(alt, v);
          else own += v;
          matched = true;
        }
      }
      s += Math.max(own, alt);
      if (matched) continue;
      const c = ordered[ci] as Clause;
      if (c.optional) continue;
      if (c.text === undefined) continue outer;
      pending.push(c.text);
    }
    if (!accept(doc)) continue;
    for (const text of pending) if (!hasText(doc, text)) continue outer;
    total++;
    top.push(s, doc);
  }
  return of > candidates.length ? { total: Math.round((total * of) / candidates.length), estimated: true } : { total, estimated: false };
}

// The driver group's score per candidate: per document, typed terms add up in list order and a bridged term stands in
// for them when it scores higher, as `executeAnd` sums a clause.
function groupScores(lists: Int32Array[], lens: number[], idfs: number[], bridged: boolean[], count: number, candidates: Int32Array,
  score: (idf: number, packed: number, doc: number) => number): Float64Array {
  const own = new Float64Array(candidates.length);
  const alt = new Float64Array(candidates.length);
  if (candidates.length === 0) return own;
  for (let li = 0; li < count; li++) {
    const list = lists[li] as Int32Array;
    const n = lens[li] as number;
    const idf = idfs[li] as number;
    const isBridged = bridged[li] as boolean;
    let k = 0;
    for (let at = search(list, n, candidates[0] as number); at < n; at++) {
      const doc = list[at * 2] as number;
      while ((candidates[k] as number) < doc) k++;
      const v = score(idf, list[at * 2 + 1] as number, doc);
      if (isBridged) alt[k] = Math.max(alt[k] as number, v);
      else own[k] = (own[k] as number) + v;
    }
  }
  for (let k = 0; k < own.length; k++) own[k] = Math.max(own[k] as number, alt[k] as number);
  return own;
}

interface OrLists {
  score: (idf: number, packed: number, doc: number) => number;
  lists: Int32Array[];
  ends: number[];
  idfs: number[];
  owner: number[];
  /** Whether a list is a bridged term of its clause (see `Clause.bridged`). */
  bridged: boolean[];
  cutoff: number;
  all: number;
  nClauses: number;
  need: number;
}

// The lists an OR reads: every clause term's postings from one shared doc cutoff (at most `budget` per list).
function orLists(index: InvertedIndex, clauses: readonly Clause[], budget: number, minMatch: number): OrLists {
  // A note whose tags share one word with the query (宝藏 of 宝藏男孩 for 宝藏小店) is weak evidence when the
  // rest of the query is missing: tags weigh like body text here, not above the title.
  const score = index.scorer({ tags: Math.min(index.params.weight.tags, index.params.weight.body) });
  const lists: Int32Array[] = [];
  const ends: number[] = [];
  const idfs: number[] = [];
  const owner: number[] = [];
  const bridged: boolean[] = [];
  let cutoff = 0;
  let all = 0;
  let nClauses = 0;
  for (const c of clauses) {
    if (c.tids.length === 0) continue;
    c.tids.forEach((t, k) => {
      const list = index.postings(t);
      const n = index.df(t);
      if (n === 0) return;
      lists.push(list);
      ends.push(n);
      idfs.push(index.idf(t) * (c.weights[k] as number) * (c.head ? HEAD_BOOST : 1));
      owner.push(nClauses);
      bridged.push(c.bridged?.includes(t) ?? false);
      all += n;
      if (n > budget) cutoff = Math.max(cutoff, list[(n - budget) * 2] as number);
    });
    nClauses++;
  }
  // By ascending weighted idf, the order MaxScore needs; both evaluations sum a document's score from the last list
  // to the first, so they agree to the last bit.
  const order = Array.from({ length: lists.length }, (_, i) => i).sort((a, b) => (idfs[a] as number) - (idfs[b] as number) || a - b);
  const pick = <T>(xs: T[]) => order.map((i) => xs[i] as T);
  return { score, lists: pick(lists), ends: pick(ends), idfs: pick(idfs), owner: pick(owner), bridged: pick(bridged), cutoff, all, nClauses, need: Math.max(1, Math.min(minMatch, nClauses)) };
}

/**
 * A document's score as its lists' matches arrive: per clause, the typed terms add up and a bridged term stands in
 * for them when it scores higher. Both OR evaluations feed it in the same order, so they agree to the last bit.
 */
class ClauseSums {
  private readonly at: Int32Array;
  private readonly own: Float64Array;
  private readonly alt: Float64Array;
  score = 0;
  matched = 0;
  constructor(nClauses: number) {
    this.at = new Int32Array(nClauses).fill(-1);
    this.own = new Float64Array(nClauses);
    this.alt = new Float64Array(nClauses);
  }
  reset(): void {
    this.score = 0;
    this.matched = 0;
  }
  add(doc: number, clause: number, v: number, bridged: boolean): void {
    if (this.at[clause] !== doc) {
      this.at[clause] = doc;
      this.own[clause] = 0;
      this.alt[clause] = 0;
      this.matched++;
    }
    const before = Math.max(this.own[clause] as number, this.alt[clause] as number);
    if (bridged) this.alt[clause] = Math.max(this.alt[clause] as number, v);
    else this.own[clause] = (this.own[clause] as number) + v;
    this.score += Math.max(this.own[clause] as number, this.alt[clause] as number) - before;
  }
}

type Level = { count: number; top: TopK | null };

// Documents matching at least `need` clauses answer; when there are none, the best-matching level does.
function answer(levels: readonly Level[], need: number, nClauses: number, top: TopK): number {
  let from = need;
  let total = 0;
  for (let l = need; l <= nClauses; l++) total += (levels[l] as Level).count;
  if (total === 0) {
    from = need - 1;
    while (from > 0 && (levels[from] as Level).count === 0) from--;
    total = from > 0 ? (levels[from] as Level).count : 0;
  }
  for (let l = Math.max(1, from); l <= nClauses; l++) for (const e of levels[l]?.top?.drain() ?? []) top.push(e.score, e.doc);
  return total;
}

/**
 * Disjunction with a minimum-should-match rule, used when no document has every clause, evaluated with MaxScore.
 * A document's score is scaled by the share of clauses it matches, and documents matching at least `minMatch`
 * clauses are the answer; when none does, those matching the most clauses are. Lists are read from their recent
 * tails (all postings at or above one shared doc cutoff, at most `budget` per list).
 *
 * Every list has an upper bound on what it adds to a score (its weighted idf: BM25's saturation is below one, and
 * the clause-share scaling only lowers a score). Once `top` is full, the lists whose bounds together stay below
 * the worst score kept are non-essential: a document found only in them cannot enter, so candidates come from the
 * other lists alone and the non-essential ones are probed by galloping, highest bound first, until the bound left
 * cannot lift the document in. Common terms (low idf) become non-essential first, so their long lists are skipped
 * rather than scanned. The top documents are exactly those of `executeOrExhaustive`; the total is extrapolated
 * once documents were skipped. While every list is essential, a document's clauses are counted before it is scored:
 * once some document has `minMatch` clauses, those with fewer cannot answer and are only counted. `countFirst` false
 * scores every document and keeps the lower levels' best until `top` is full, the reference this is checked against.
 */
export function executeOr(index: InvertedIndex, clauses: readonly Clause[], accept: DocCheck, top: TopK, budget: number, minMatch = 1, countFirst = true): MatchCount {
  const o = orLists(index, clauses, budget, minMatch);
  const n = o.lists.length;
  const { score, need, nClauses, lists, bridged } = o;
  const ends = Int32Array.from(o.ends);
  const idfs = Float64Array.from(o.idfs);
  const owner = Int32Array.from(o.owner);
  // `bound[j]`: the most lists 0..j can add to a score.
  const bound = new Float64Array(n);
  for (let j = 0, acc = 0; j < n; j++) bound[j] = acc += Math.max(0, idfs[j] as number);
  const cursors = Int32Array.from(lists, (l, j) => search(l, ends[j] as number, o.cutoff));
  const sums = new ClauseSums(nClauses);
  // Matches below `need` clauses only answer when nothing reaches `need`: once one document does, they are only counted.
  const levels: Level[] = Array.from({ length: nClauses + 1 }, () => ({ count: 0, top: null }));
  const counts = new Int32Array(nClauses + 1);
  const best = new TopK(top.k);
  // A document's matches in the essential lists, in the order they are summed; its clauses are counted before any
  // is scored, so a document that cannot answer (too few clauses once `best` holds a document) is only counted. The
  // sums run in the same order either way.
  const hitList = new Int32Array(n);
  const hitAt = new Int32Array(n);
  const clauseSeen = new Int32Array(nClauses).fill(-1);
  let theta = -Infinity;
  let essential = 0;
  let seen = 0;
  let skipped = false;
  // Each essential list's document at its cursor (END once it is read to its end).
  const END = 0x7fffffff;
  const heads = Int32Array.from(cursors, (at, j) => (at < (ends[j] as number) ? ((lists[j] as Int32Array)[at * 2] as number) : END));
  for (;;) {
    let doc = END;
    for (let j = essential; j < n; j++) if ((heads[j] as number) < doc) doc = heads[j] as number;
    if (doc === END) break;
    let hits = 0;
    let matched = 0;
    for (let j = n - 1; j >= essential; j--) {
      if (heads[j] === doc) {
        const at = cursors[j] as number;
        hitList[hits] = j;
        hitAt[hits++] = at;
        cursors[j] = at + 1;
        heads[j] = at + 1 < (ends[j] as number) ? ((lists[j] as Int32Array)[at * 2 + 2] as number) : END;
        const c = owner[j] as number;
        if (clauseSeen[c] !== doc) {
          clauseSeen[c] = doc;
          matched++;
        }
      }
    }
    seen += hits;
    if (essential === 0) {
      if (!accept(doc)) continue;
      if (countFirst && matched < need && best.size > 0) {
        counts[matched] = (counts[matched] as number) + 1;
        continue;
      }
    }
    sums.reset();
    for (let h = 0; h < hits; h++) {
      const j = hitList[h] as number;
      sums.add(doc, owner[j] as number, score(idfs[j] as number, (lists[j] as Int32Array)[(hitAt[h] as number) * 2 + 1] as number, doc), bridged[j] as boolean);
    }
    let pruned = false;
    for (let j = essential - 1; j >= 0; j--) {
      // A tiny margin keeps rounding from pruning a document that would tie the worst kept one.
      if ((sums.score + (bound[j] as number)) * (1 + 1e-9) < theta) {
        pruned = true;
        break;
      }
      const list = lists[j] as Int32Array;
      const at = gallop(list, ends[j] as number, doc, cursors[j] as number);
      cursors[j] = at;
      if (at < (ends[j] as number) && list[at * 2] === doc) {
        sums.add(doc, owner[j] as number, score(idfs[j] as number, list[at * 2 + 1] as number, doc), bridged[j] as boolean);
        cursors[j] = at + 1;
        seen++;
      }
    }
    if (pruned) {
      skipped = true;
      continue;
    }
    if (essential > 0 && !accept(doc)) continue;
    const s = sums.score;
    matched = sums.matched;
    counts[matched] = (counts[matched] as number) + 1;
    if (matched >= need) {
      best.push((s * matched) / nClauses, doc);
      if (best.size === best.k) {
        theta = best.minScore();
        while (essential < n && (bound[essential] as number) * (1 + 1e-9) < theta) essential++;
      }
    } else if (countFirst ? best.size === 0 : theta === -Infinity) {
      ((levels[matched] as Level).top ??= new TopK(top.k)).push((s * matched) / nClauses, doc);
    }
  }
  for (let l = 0; l <= nClauses; l++) (levels[l] as Level).count = counts[l] as number;
  if (best.size > 0) for (const e of best.drain()) top.push(e.score, e.doc);
  const total = best.size > 0 ? levels.slice(need).reduce((a, l) => a + l.count, 0) : answer(levels, need, nClauses, top);
  return seen < o.all || skipped ? { total: Math.round((total * o.all) / Math.max(1, seen)), estimated: true } : { total, estimated: false };
}

/** `executeOr` without skipping: every posting at or above the cutoff is merged and scored. The reference it is checked against. */
export function executeOrExhaustive(index: InvertedIndex, clauses: readonly Clause[], accept: DocCheck, top: TopK, budget: number, minMatch = 1): MatchCount {
  const { score, lists, ends, idfs, owner, bridged, cutoff, all, nClauses, need } = orLists(index, clauses, budget, minMatch);
  // One heap per number of clauses matched: which levels answer is known only at the end.
  const levels: Level[] = Array.from({ length: nClauses + 1 }, () => ({ count: 0, top: null }));
  const sums = new ClauseSums(nClauses);
  const cursors = lists.map((l, i) => search(l, ends[i] as number, cutoff));
  let seen = 0;
  for (;;) {
    let doc = 0x7fffffff;
    for (let i = 0; i < lists.length; i++) {
      const at = cursors[i] as number;
      if (at < (ends[i] as number)) doc = Math.min(doc, (lists[i] as Int32Array)[at * 2] as number);
    }
    if (doc === 0x7fffffff) break;
    sums.reset();
    for (let i = lists.length - 1; i >= 0; i--) {
      const list = lists[i] as Int32Array;
      const at = cursors[i] as number;
      if (at < (ends[i] as number) && list[at * 2] === doc) {
        sums.add(doc, owner[i] as number, score(idfs[i] as number, list[at * 2 + 1] as number, doc), bridged[i] as boolean);
        cursors[i] = at + 1;
        seen++;
      }
    }
    if (!accept(doc)) continue;
    const { score: s, matched } = sums;
    const level = levels[matched] as Level;
    level.count++;
    (level.top ??= new TopK(top.k)).push((s * matched) / nClauses, doc);
  }
  const total = answer(levels, need, nClauses, top);
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
