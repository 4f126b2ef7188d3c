/*
 * Stable sorts for the feed's short lists (tens to a few hundred items, often already in order). They give the same
 * order as `Array.prototype.sort` with the equivalent comparator (which is stable too) for keys that are not NaN,
 * but compare keys read once into a typed array instead of calling a comparator from the engine's built-in sort for
 * every comparison, and return at once when the list is already in order.
 *
 * The key buffers are scratch reused by every sort, so they belong to one engine (its `Sorter`), never to the module:
 * two engines in one process must not share them.
 */


const RUN = 16;

/** The feed's stable sorts over scratch buffers that grow to the longest list seen and are reused. One per engine. */
export class Sorter {
  private keys = new Float64Array(256);
  private ties = new Float64Array(256);
  private perm = new Int32Array(256);
  private tmp = new Int32Array(256);
  private copy: unknown[] = [];

  private reserve(n: number): void {
    if (this.keys.length >= n) return;
    let cap = this.keys.length;
    while (cap < n) cap *= 2;
    this.keys = new Float64Array(cap);
    this.ties = new Float64Array(cap);
    this.perm = new Int32Array(cap);
    this.tmp = new Int32Array(cap);
  }

  /** `arr.sort((a, b) => key(b) - key(a))`: highest key first, equal keys in their current order. In place. */
  sortByKeyDesc<T>(arr: T[], key: (t: T) => number): T[] {
    const n = arr.length;
    if (n < 2) return arr;
    this.reserve(n);
    const k = this.keys;
    const t = this.ties;
    let sorted = true;
    for (let i = 0; i < n; i++) {
      const v = key(arr[i] as T);
      k[i] = v;
      t[i] = i;
      if (i > 0 && v > (k[i - 1] as number)) sorted = false;
    }
    if (!sorted) this.permute(arr, n);
    return arr;
  }

  /**
   * `items.sort((a, b) => b.score - a.score)` for ranked items: as `sortByKeyDesc` with the score read in place (a key
   * function that is not inlined hands each score back boxed).
   */
  sortByScore<T extends { score: number }>(items: T[]): T[] {
    const n = items.length;
    if (n < 2) return items;
    this.reserve(n);
    const k = this.keys;
    const t = this.ties;
    let sorted = true;
    let prev = Infinity;
    for (let i = 0; i < n; i++) {
      const v = (items[i] as T).score;
      k[i] = v;
      t[i] = i;
      if (v > prev) sorted = false;
      prev = v;
    }
    if (!sorted) this.permute(items, n);
    return items;
  }

  /** `items.sort((a, b) => b.score - a.score || a.ix - b.ix)`, the pipeline's first order, read in place. */
  sortByScoreThenIx<T extends { score: number; ix: number }>(items: T[]): T[] {
    const n = items.length;
    if (n < 2) return items;
    this.reserve(n);
    const k = this.keys;
    const t = this.ties;
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
    if (!sorted) this.permute(items, n);
    return items;
  }

  /**
   * The positions 0..n-1 ordered by `byKey[i]`, highest first, equal keys by position: what sorting the positions with
   * `(a, b) => byKey[b] - byKey[a]` gives. The returned array is this sorter's buffer, valid until its next sort; its
   * first `n` entries are the order.
   */
  orderByKeyDesc(byKey: ArrayLike<number>, n: number): Int32Array {
    this.reserve(Math.max(n, 1));
    const k = this.keys;
    const t = this.ties;
    let sorted = true;
    for (let i = 0; i < n; i++) {
      const v = byKey[i] as number;
      k[i] = v;
      t[i] = i;
      if (i > 0 && v > (k[i - 1] as number)) sorted = false;
    }
    if (sorted) {
      const perm = this.perm;
      for (let i = 0; i < n; i++) perm[i] = i;
      return perm;
    }
    return this.sortPositions(n);
  }

  /** `arr.sort((a, b) => key(b) - key(a) || tie(a) - tie(b))`: highest key first, then lowest tie-breaker. In place. */
  sortByKeyDescTieAsc<T>(arr: T[], key: (t: T) => number, tie: (t: T) => number): T[] {
    const n = arr.length;
    if (n < 2) return arr;
    this.reserve(n);
    const keys = this.keys;
    const ties = this.ties;
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
    if (!sorted) this.permute(arr, n);
    return arr;
  }

  /**
   * Sorts positions 0..n-1 (higher key first, then lower tie value) with insertion-sorted runs and bottom-up merges,
   * then reorders `arr`. The buffers are read through locals: fields that may be reassigned are slower to read in a
   * hot loop.
   */
  private permute<T>(arr: T[], n: number): void {
    const order = this.sortPositions(n);
    if (this.copy.length < n) this.copy = new Array(n);
    const c = this.copy;
    for (let i = 0; i < n; i++) c[i] = arr[i];
    for (let i = 0; i < n; i++) arr[i] = c[order[i] as number] as T;
    for (let i = 0; i < n; i++) c[i] = undefined;
  }

  /** Sorts positions 0..n-1 by the loaded keys and ties; returns the buffer holding the order. */
  private sortPositions(n: number): Int32Array {
    const k = this.keys;
    const t = this.ties;
    let src = this.perm;
    let dst = this.tmp;
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
    // The buffers swap roles during merging; keep the fields pointing at two distinct arrays.
    this.perm = src;
    this.tmp = dst;
    return src;
  }
}

/** Common keys, shared so each call site passes the same function. */
export const scoreOf = (it: { score: number }): number => it.score;
export const retrievalKey = (c: { retrieval: number }): number => c.retrieval;
