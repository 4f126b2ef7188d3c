/*
 * Stable sorts for the feed's short lists (tens to a few hundred items, often already in order). They give the same
 * order as `Array.prototype.sort` with the equivalent comparator (which is stable too) for keys that are not NaN,
 * but compare keys read once into a typed array instead of calling a comparator from the engine's built-in sort for
 * every comparison, and return at once when the list is already in order.
 */

let keys = new Float64Array(256);
let ties = new Float64Array(256);
let perm = new Int32Array(256);
let tmp = new Int32Array(256);
let copy: unknown[] = [];

function reserve(n: number): void {
  if (keys.length >= n) return;
  let cap = keys.length;
  while (cap < n) cap *= 2;
  keys = new Float64Array(cap);
  ties = new Float64Array(cap);
  perm = new Int32Array(cap);
  tmp = new Int32Array(cap);
}

/** `arr.sort((a, b) => key(b) - key(a))`: highest key first, equal keys in their current order. In place. */
export function sortByKeyDesc<T>(arr: T[], key: (t: T) => number): T[] {
  const n = arr.length;
  if (n < 2) return arr;
  reserve(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const k = key(arr[i] as T);
    keys[i] = k;
    ties[i] = i;
    if (i > 0 && k > (keys[i - 1] as number)) sorted = false;
  }
  if (!sorted) permute(arr, n);
  return arr;
}

/**
 * `items.sort((a, b) => b.score - a.score)` for ranked items: as `sortByKeyDesc` with the score read in place (a key
 * function that is not inlined hands each score back boxed).
 */
export function sortByScore<T extends { score: number }>(items: T[]): T[] {
  const n = items.length;
  if (n < 2) return items;
  reserve(n);
  const k = keys;
  const t = ties;
  let sorted = true;
  let prev = Infinity;
  for (let i = 0; i < n; i++) {
    const v = (items[i] as T).score;
    k[i] = v;
    t[i] = i;
    if (v > prev) sorted = false;
    prev = v;
  }
  if (!sorted) permute(items, n);
  return items;
}

/** `items.sort((a, b) => b.score - a.score || a.ix - b.ix)`, the pipeline's first order, read in place. */
export function sortByScoreThenIx<T extends { score: number; ix: number }>(items: T[]): T[] {
  const n = items.length;
  if (n < 2) return items;
  reserve(n);
  const k = keys;
  const t = ties;
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const it = items[i] as T;
    const v = it.score;
    const x = it.ix;
    k[i] = v;
    t[i] = x;
    if (i > 0) {
      const pv = k[i - 1] as number;
      if (v > pv || (v === pv && x < (t[i - 1] as number))) sorted = false;
    }
  }
  if (!sorted) permute(items, n);
  return items;
}

/**
 * The positions 0..n-1 ordered by `byKey[i]`, highest first, equal keys by position: what sorting the positions with
 * `(a, b) => byKey[b] - byKey[a]` gives. The returned array is a shared buffer, valid until the next sort; its first
 * `n` entries are the order.
 */
export function orderByKeyDesc(byKey: ArrayLike<number>, n: number): Int32Array {
  reserve(Math.max(n, 1));
  const k = keys;
  const t = ties;
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const v = byKey[i] as number;
    k[i] = v;
    t[i] = i;
    if (i > 0 && v > (k[i - 1] as number)) sorted = false;
  }
  if (sorted) {
    for (let i = 0; i < n; i++) perm[i] = i;
    return perm;
  }
  return sortPositions(n);
}

/** `arr.sort((a, b) => key(b) - key(a) || tie(a) - tie(b))`: highest key first, then lowest tie-breaker. In place. */
export function sortByKeyDescTieAsc<T>(arr: T[], key: (t: T) => number, tie: (t: T) => number): T[] {
  const n = arr.length;
  if (n < 2) return arr;
  reserve(n);
  let sorted = true;
  for (let i = 0; i < n; i++) {
    const it = arr[i] as T;
    const k = key(it);
    const t = tie(it);
    keys[i] = k;
    ties[i] = t;
    if (i > 0) {
      const pk = keys[i - 1] as number;
      if (k > pk || (k === pk && t < (ties[i - 1] as number))) sorted = false;
    }
  }
  if (!sorted) permute(arr, n);
  return arr;
}

const RUN = 16;

/**
 * Sorts positions 0..n-1 (higher key first, then lower tie value) with insertion-sorted runs and bottom-up merges,
 * then reorders `arr`. The buffers are read through locals: module bindings that may be reassigned are slower to
 * read in a hot loop.
 */
function permute<T>(arr: T[], n: number): void {
  const order = sortPositions(n);
  if (copy.length < n) copy = new Array(n);
  const c = copy;
  for (let i = 0; i < n; i++) c[i] = arr[i];
  for (let i = 0; i < n; i++) arr[i] = c[order[i] as number] as T;
  for (let i = 0; i < n; i++) c[i] = undefined;
}

/** Sorts positions 0..n-1 by the loaded keys and ties; returns the buffer holding the order. */
function sortPositions(n: number): Int32Array {
  const k = keys;
  const t = ties;
  let src = perm;
  let dst = tmp;
  for (let i = 0; i < n; i++) src[i] = i;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(n, lo + RUN);
    for (let i = lo + 1; i < hi; i++) {
      const p = src[i] as number;
      const kp = k[p] as number;
      const tp = t[p] as number;
      let j = i - 1;
      for (; j >= lo; j--) {
        const q = src[j] as number;
        const kq = k[q] as number;
        if (!(kp > kq || (kp === kq && tp < (t[q] as number)))) break;
        src[j + 1] = q;
      }
      src[j + 1] = p;
    }
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      let o = lo;
      // Runs already in order (common after a reranker lowers a few scores) are copied without comparing.
      if (mid < hi) {
        const a = src[mid - 1] as number;
        const b = src[mid] as number;
        const ka = k[a] as number;
        const kb = k[b] as number;
        if (!(kb > ka || (kb === ka && (t[b] as number) < (t[a] as number)))) i = mid;
      }
      if (i === mid) {
        for (let x = lo; x < hi; x++) dst[x] = src[x] as number;
        continue;
      }
      while (i < mid && j < hi) {
        const a = src[i] as number;
        const b = src[j] as number;
        const ka = k[a] as number;
        const kb = k[b] as number;
        if (kb > ka || (kb === ka && (t[b] as number) < (t[a] as number))) {
          dst[o++] = b;
          j++;
        } else {
          dst[o++] = a;
          i++;
        }
      }
      while (i < mid) dst[o++] = src[i++] as number;
      while (j < hi) dst[o++] = src[j++] as number;
    }
    const swap = src;
    src = dst;
    dst = swap;
  }
  // The buffers swap roles during merging; keep the module's names pointing at two distinct arrays.
  perm = src;
  tmp = dst;
  return src;
}

/** Common keys, shared so each call site passes the same function. */
export const scoreOf = (it: { score: number }): number => it.score;
export const retrievalKey = (c: { retrieval: number }): number => c.retrieval;
