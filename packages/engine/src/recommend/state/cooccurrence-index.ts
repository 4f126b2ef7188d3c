/**
 * One note's neighbours: parallel typed arrays in insertion order, grown by doubling up to the trim
 * limit. A row holds at most ~100 entries, so a linear scan over its Int32Array of keys costs about
 * what a hash probe does (either way the time goes on fetching the row from memory), and a row is
 * no per-entry objects for the garbage collector.
 */
class Row {
  keys: Int32Array;
  vals: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Int32Array(capacity);
    this.vals = new Float64Array(capacity);
  }

  indexOf(key: number): number {
    const keys = this.keys;
    for (let i = 0, n = this.size; i < n; i++) if (keys[i] === key) return i;
    return -1;
  }

  /** Appends a key known to be absent. */
  push(key: number, v: number, maxCapacity: number): void {
    if (this.size === this.keys.length) {
      const cap = Math.min(maxCapacity, this.keys.length * 2);
      const keys = new Int32Array(cap);
      const vals = new Float64Array(cap);
      keys.set(this.keys);
      vals.set(this.vals);
      this.keys = keys;
      this.vals = vals;
    }
    this.keys[this.size] = key;
    this.vals[this.size] = v;
    this.size++;
  }
}

const INITIAL_ROW = 8;

/**
 * Item-to-item co-occurrence from positive actions (saves, likes, complete views) of the same user
 * within a window, updated on each event. Rows are capped, keeping the strongest neighbours, so the
 * index stays linear in the number of engaged notes. Similarity is cosine-normalised
 * (c(x,y) / √(n(x)·n(y))), the classic item-based CF normalisation (Sarwar et al., 2001).
 *
 * Rows and counts are indexed by catalog ix. A row may grow to 1.5× the cap; it is then cut back to
 * the cap strongest entries (ties: the earliest inserted) by a selection, not a sort, so trimming is
 * linear in the row and amortised over the cap/2 insertions between trims.
 */
export class CooccurrenceIndex {
  private rows: (Row | null)[] = [];
  private counts = new Float64Array(1024);
  /** Rows reach this many entries before a trim (the insertion that crosses it triggers one). */
  private readonly limit: number;
  /** Scratch for the trim's selection. */
  private readonly scratch: Float64Array;

  constructor(private readonly rowCap = 64) {
    this.limit = Math.floor(rowCap * 1.5) + 1;
    this.scratch = new Float64Array(this.limit);
  }

  /** Records that `ix` was engaged with after the user's earlier positives `history`. */
  record(ix: number, weight: number, history: readonly number[]): void {
    this.addCount(ix, weight);
    for (let i = 0; i < history.length; i++) {
      const y = history[i]!;
      if (y === ix) continue;
      this.bump(ix, y, weight);
      this.bump(y, ix, weight);
    }
  }

  /** Neighbours of one note, most similar first. */
  neighbours(ix: number, n: number): { ix: number; score: number }[] {
    const row = ix < this.rows.length ? this.rows[ix] : null;
    if (!row) return [];
    const nx = this.count(ix);
    const out: { ix: number; score: number }[] = [];
    for (let i = 0; i < row.size; i++) {
      const y = row.keys[i]!;
      out.push({ ix: y, score: row.vals[i]! / Math.sqrt(nx * this.count(y)) });
    }
    out.sort((a, b) => b.score - a.score);
    return out.slice(0, n);
  }

  /** Neighbours stored for a note (at most 1.5× the cap between trims). */
  rowSize(ix: number): number {
    return (ix < this.rows.length ? this.rows[ix]?.size : 0) ?? 0;
  }

  /** Weighted positives recorded on a note; 1 when none, so similarities stay finite. */
  private count(ix: number): number {
    const c = ix < this.counts.length ? this.counts[ix]! : 0;
    return c > 0 ? c : 1;
  }

  private addCount(ix: number, w: number): void {
    if (ix >= this.counts.length) {
      let cap = this.counts.length;
      while (cap <= ix) cap *= 2;
      const next = new Float64Array(cap);
      next.set(this.counts);
      this.counts = next;
    }
    this.counts[ix] = this.counts[ix]! + w;
  }

  private rowOf(x: number): Row {
    const rows = this.rows;
    while (rows.length <= x) rows.push(null);
    let row = rows[x];
    if (!row) rows[x] = row = new Row(Math.min(INITIAL_ROW, this.limit));
    return row;
  }

  private bump(x: number, y: number, w: number): void {
    const row = this.rowOf(x);
    const i = row.indexOf(y);
    if (i >= 0) {
      row.vals[i] = row.vals[i]! + w;
      return;
    }
    row.push(y, w, this.limit);
    if (row.size >= this.limit) this.trim(row);
  }

  /** Keeps the `rowCap` largest entries in insertion order; among equal values at the cut, the earliest. */
  private trim(row: Row): void {
    const n = row.size;
    const k = this.rowCap;
    if (k <= 0) {
      row.size = 0;
      return;
    }
    const s = this.scratch;
    s.set(row.vals.subarray(0, n));
    const threshold = kthLargest(s, n, k);
    let above = 0;
    for (let i = 0; i < n; i++) if (row.vals[i]! > threshold) above++;
    let ties = k - above;
    let out = 0;
    for (let i = 0; i < n; i++) {
      const v = row.vals[i]!;
      if (v > threshold || (v === threshold && ties-- > 0)) {
        row.keys[out] = row.keys[i]!;
        row.vals[out] = v;
        out++;
      }
    }
    row.size = out;
  }
}

/** The k-th largest of a[0..n) (1-based k ≤ n), by quickselect; reorders `a`. */
export function kthLargest(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target]!;
  }
  return a[target]!;
}
