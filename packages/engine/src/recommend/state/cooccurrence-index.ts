import { grow } from '../../typed-arrays.ts';

/** Words of row metadata per note: slab offset, entries, capacity (0: no row yet). */
const META = 3;

/**
 * Item-to-item co-occurrence from positive actions (saves, likes, complete views) of the same user
 * within a window, updated on each event. Rows are capped, keeping the strongest neighbours, so the
 * index stays linear in the number of engaged notes. Similarity is cosine-normalised
 * (c(x,y) / √(n(x)·n(y))), the classic item-based CF normalisation (Sarwar et al., 2001).
 *
 * Layout: one positive touches up to ~60 rows of random notes, so the cost is fetching rows from
 * memory. All rows therefore live in one slab (an ArrayBuffer seen as Int32 keys and Float32 weights):
 * a row of capacity c at offset o holds its keys in [o, o+c) and their weights in [o+c, o+2c), and a
 * note's offset, size and capacity sit side by side in `meta`. A bump reads one meta entry and scans
 * one contiguous run of keys. Rows grow through capacities 8, 16, 32, 64 up to the trim limit (1.5×
 * the cap); freed blocks are reused per capacity. A row that reaches the limit is cut back to the cap
 * strongest entries (ties: the earliest inserted) by a selection, not a sort, so trimming is linear
 * in the row and amortised over the cap/2 insertions between trims.
 */
export class CooccurrenceIndex {
  private meta = new Int32Array(1024 * META);
  private counts = new Float64Array(1024);
  private slab = new ArrayBuffer(1 << 16);
  private keys = new Int32Array(this.slab);
  private vals = new Float32Array(this.slab);
  /** Words of the slab handed out so far. */
  private top = 0;
  /** Row capacities, smallest first; the last is the trim limit. */
  private readonly caps: number[] = [];
  /** Per capacity, offsets of freed blocks. */
  private readonly free: number[][] = [];
  private readonly limit: number;
  /** Scratch for the trim's selection. */
  private readonly scratch: Float64Array;
  /** Per note ix, the epoch of the record that marked it (see `bumpAll`). */
  private mark = new Int32Array(1024);
  private epoch = 0;

  constructor(private readonly rowCap = 64) {
    this.limit = Math.floor(rowCap * 1.5) + 1;
    for (let c = 8; c < this.limit; c *= 2) this.caps.push(c);
    this.caps.push(this.limit);
    for (let i = 0; i < this.caps.length; i++) this.free.push([]);
    this.scratch = new Float64Array(this.limit);
  }

  /** Records that `ix` was engaged with after the user's earlier positives `history`. */
  record(ix: number, weight: number, history: readonly number[]): void {
    this.addCount(ix, weight);
    if (history.length === 0) return;
    // The new note's own row takes every pair in one pass; each earlier note's row takes one.
    const epoch = this.markAll(ix, history);
    if (epoch > 0) this.bumpAll(ix, history, weight, epoch);
    for (let i = 0; i < history.length; i++) {
      const y = history[i]!;
      if (y === ix) continue;
      if (epoch === 0) this.bump(ix, y, weight);
      this.bump(y, ix, weight);
    }
  }

  /** Neighbours of one note, most similar first. */
  neighbours(ix: number, n: number): { ix: number; score: number }[] {
    if ((ix + 1) * META > this.meta.length) return [];
    const base = ix * META;
    const off = this.meta[base]!;
    const size = this.meta[base + 1]!;
    const cap = this.meta[base + 2]!;
    if (size === 0) return [];
    const nx = this.count(ix);
    const out: { ix: number; score: number }[] = [];
    for (let i = 0; i < size; i++) {
      const y = this.keys[off + i]!;
      out.push({ ix: y, score: this.vals[off + cap + i]! / Math.sqrt(nx * this.count(y)) });
    }
    out.sort((a, b) => b.score - a.score);
    return out.slice(0, n);
  }

  /** Neighbours stored for a note (at most 1.5× the cap between trims). */
  rowSize(ix: number): number {
    return (ix + 1) * META <= this.meta.length ? this.meta[ix * META + 1]! : 0;
  }

  /** Weighted positives recorded on a note; 1 when none, so similarities stay finite. */
  private count(ix: number): number {
    const c = ix < this.counts.length ? this.counts[ix]! : 0;
    return c > 0 ? c : 1;
  }

  private addCount(ix: number, w: number): void {
    if (ix >= this.counts.length) this.counts = grow(this.counts, ix + 1);
    this.counts[ix] = this.counts[ix]! + w;
  }

  private bump(x: number, y: number, w: number): void {
    if ((x + 1) * META > this.meta.length) this.meta = grow(this.meta, (x + 1) * META);
    const base = x * META;
    const off = this.meta[base]!;
    const size = this.meta[base + 1]!;
    const cap = this.meta[base + 2]!;
    const keys = this.keys;
    for (let i = off, end = off + size; i < end; i++) {
      if (keys[i] === y) {
        this.vals[i + cap] = this.vals[i + cap]! + w;
        return;
      }
    }
    this.insert(base, y, w);
  }

  /**
   * Bumps row `x` by `w` for every note of `ys` (distinct, none equal to `x`) in one pass over the row: each
   * note is marked with this record's epoch, the row's keys that carry the mark are bumped (and unmarked), and
   * the notes still marked are appended. Same outcome as one `bump` per note, except that the existing
   * neighbours are raised before the new ones can trigger a trim.
   */
  private bumpAll(x: number, ys: readonly number[], w: number, epoch: number): void {
    if ((x + 1) * META > this.meta.length) this.meta = grow(this.meta, (x + 1) * META);
    const base = x * META;
    const off = this.meta[base]!;
    const size = this.meta[base + 1]!;
    const cap = this.meta[base + 2]!;
    const keys = this.keys;
    const vals = this.vals;
    const mark = this.mark;
    for (let i = off, end = off + size; i < end; i++) {
      const k = keys[i]!;
      if (k < mark.length && mark[k] === epoch) {
        vals[i + cap] = vals[i + cap]! + w;
        mark[k] = 0;
      }
    }
    for (let j = 0; j < ys.length; j++) {
      const y = ys[j]!;
      if (y !== x && mark[y] === epoch) this.insert(base, y, w);
    }
  }

  /** Appends a key known to be absent from the row at meta `base`, moving the row up a capacity or trimming it as needed. */
  private insert(base: number, y: number, w: number): void {
    const meta = this.meta;
    let off = meta[base]!;
    let size = meta[base + 1]!;
    let cap = meta[base + 2]!;
    if (size === cap) {
      const next = cap === 0 ? 0 : this.caps.indexOf(cap) + 1;
      const grown = this.caps[next]!;
      const to = this.alloc(next);
      if (cap > 0) {
        this.keys.copyWithin(to, off, off + size);
        this.vals.copyWithin(to + grown, off + cap, off + cap + size);
        this.free[next - 1]!.push(off);
      }
      off = to;
      cap = grown;
      meta[base] = off;
      meta[base + 2] = cap;
    }
    this.keys[off + size] = y;
    this.vals[off + cap + size] = w;
    size++;
    if (size >= this.limit) size = this.trim(off, cap, size);
    meta[base + 1] = size;
  }

  /**
   * Marks the notes of `history` (other than `ix`) with a fresh epoch; returns it, or 0 when `history` repeats
   * a note (then rows are bumped one note at a time).
   */
  private markAll(ix: number, history: readonly number[]): number {
    if (++this.epoch >= 0x7fffffff) {
      this.mark.fill(0);
      this.epoch = 1;
    }
    const epoch = this.epoch;
    for (let j = 0; j < history.length; j++) {
      const y = history[j]!;
      if (y === ix) continue;
      if (y >= this.mark.length) this.mark = grow(this.mark, y + 1);
      if (this.mark[y] === epoch) return 0;
      this.mark[y] = epoch;
    }
    return epoch;
  }

  /** Offset of a free block of capacity class `c` (two words per entry). */
  private alloc(c: number): number {
    const reused = this.free[c]!.pop();
    if (reused !== undefined) return reused;
    const words = 2 * this.caps[c]!;
    if (this.top + words > this.keys.length) {
      // Grown by half: a doubled slab would leave up to half of a large index unused.
      let bytes = this.slab.byteLength;
      while (bytes < (this.top + words) * 4) bytes = Math.ceil((bytes * 1.5) / 8) * 8;
      const slab = new ArrayBuffer(bytes);
      new Int32Array(slab).set(this.keys.subarray(0, this.top));
      this.slab = slab;
      this.keys = new Int32Array(slab);
      this.vals = new Float32Array(slab);
    }
    const off = this.top;
    this.top += words;
    return off;
  }

  /** Keeps the `rowCap` largest entries in insertion order; among equal values at the cut, the earliest. Returns the new size. */
  private trim(off: number, cap: number, n: number): number {
    const k = this.rowCap;
    if (k <= 0) return 0;
    const keys = this.keys;
    const vals = this.vals;
    const s = this.scratch;
    const v0 = off + cap;
    for (let i = 0; i < n; i++) s[i] = vals[v0 + i]!;
    const threshold = kthLargest(s, n, k);
    let above = 0;
    for (let i = 0; i < n; i++) if (vals[v0 + i]! > threshold) above++;
    let ties = k - above;
    let out = 0;
    for (let i = 0; i < n; i++) {
      const v = vals[v0 + i]!;
      if (v > threshold || (v === threshold && ties-- > 0)) {
        keys[off + out] = keys[off + i]!;
        vals[v0 + out] = v;
        out++;
      }
    }
    return out;
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
