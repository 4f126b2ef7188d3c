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

/** True when position a goes before position b: higher key, then lower tie value (positions when no tie-breaker). */
function before(a: number, b: number): boolean {
  const ka = keys[a] as number;
  const kb = keys[b] as number;
  return ka > kb || (ka === kb && (ties[a] as number) < (ties[b] as number));
}

const RUN = 16;

/** Sorts positions 0..n-1 by `before` (insertion-sorted runs, then bottom-up merges), then reorders `arr`. */
function permute<T>(arr: T[], n: number): void {
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(n, lo + RUN);
    for (let i = lo + 1; i < hi; i++) {
      const p = perm[i] as number;
      let j = i - 1;
      while (j >= lo && before(p, perm[j] as number)) {
        perm[j + 1] = perm[j] as number;
        j--;
      }
      perm[j + 1] = p;
    }
  }
  let src = perm;
  let dst = tmp;
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(n, lo + width);
      const hi = Math.min(n, lo + 2 * width);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) dst[k++] = before(src[j] as number, src[i] as number) ? (src[j++] as number) : (src[i++] as number);
      while (i < mid) dst[k++] = src[i++] as number;
      while (j < hi) dst[k++] = src[j++] as number;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (copy.length < n) copy = new Array(n);
  for (let i = 0; i < n; i++) copy[i] = arr[i];
  for (let i = 0; i < n; i++) arr[i] = copy[src[i] as number] as T;
  for (let i = 0; i < n; i++) copy[i] = undefined;
  // The buffers swap roles during merging; keep the module's names pointing at two distinct arrays.
  perm = src;
  tmp = dst;
}

/** Common keys, shared so each call site passes the same function. */
export const scoreOf = (it: { score: number }): number => it.score;
export const retrievalKey = (c: { retrieval: number }): number => c.retrieval;
