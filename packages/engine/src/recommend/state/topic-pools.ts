/** A long pool list: note indices in an Int32Array (4 bytes each, where a JS array slot takes 8). */
interface LongList {
  a: Int32Array;
  n: number;
}

/** Lists move to an Int32Array past this length; below it a typed array's fixed cost outweighs the saving. */
const LONG = 64;

/**
 * Append-only posting lists from a key (topic key, `a:author`) to note indices, newest last.
 * Sources read the newest slice of a list, so a request never scans the catalog; stale entries
 * (deleted or re-filed notes) are dropped by the admission check when read.
 */
export class TopicPools {
  private readonly lists = new Map<string, number[] | LongList>();

  add(key: string, ix: number): void {
    const l = this.lists.get(key);
    if (!l) {
      this.lists.set(key, [ix]);
      return;
    }
    if (Array.isArray(l)) {
      if (l[l.length - 1] === ix) return;
      if (l.length < LONG) {
        l.push(ix);
        return;
      }
      const a = new Int32Array(Math.ceil(LONG * 1.5));
      a.set(l);
      a[LONG] = ix;
      this.lists.set(key, { a, n: LONG + 1 });
      return;
    }
    if (l.a[l.n - 1] === ix) return;
    if (l.n === l.a.length) {
      const a = new Int32Array(Math.ceil(l.n * 1.5));
      a.set(l.a);
      l.a = a;
    }
    l.a[l.n++] = ix;
  }

  /** Up to `n` newest entries under a key, newest first. */
  newest(key: string, n: number): number[] {
    const l = this.lists.get(key);
    if (!l) return [];
    const out: number[] = [];
    if (Array.isArray(l)) {
      for (let i = l.length - 1; i >= 0 && out.length < n; i--) out.push(l[i] as number);
    } else {
      for (let i = l.n - 1; i >= 0 && out.length < n; i--) out.push(l.a[i] as number);
    }
    return out;
  }

  size(key: string): number {
    const l = this.lists.get(key);
    return l === undefined ? 0 : Array.isArray(l) ? l.length : l.n;
  }
}

/** Fixed-size ring of the newest notes of one kind: the fresh pool. */
export class FreshRing {
  private readonly buf: Int32Array;
  private head = 0;
  private count = 0;

  constructor(capacity: number) {
    this.buf = new Int32Array(capacity);
  }

  push(ix: number): void {
    this.buf[this.head] = ix;
    this.head = (this.head + 1) % this.buf.length;
    this.count = Math.min(this.count + 1, this.buf.length);
  }

  /** Newest first. */
  *newest(): IterableIterator<number> {
    for (let i = 1; i <= this.count; i++) yield this.buf[(this.head - i + this.buf.length) % this.buf.length] as number;
  }
}

/**
 * Bounded best-K sets per key (global and per category), updated when a note's quality changes.
 * Eviction scans K entries, so K stays small (tens to a few hundred).
 */
export class TopKIndex {
  private readonly sets = new Map<string, Map<number, number>>();
  /** Sorted views, rebuilt on the first read after a change. */
  private readonly sorted = new Map<string, { ix: number; score: number }[]>();
  /** The current minimum of each full set, so most offers cost O(1). */
  private readonly mins = new Map<string, { ix: number; score: number }>();
  constructor(private readonly k: number) {}

  offer(key: string, ix: number, score: number): void {
    let s = this.sets.get(key);
    if (!s) this.sets.set(key, (s = new Map()));
    if (s.has(ix) || s.size < this.k) {
      s.set(ix, score);
      this.sorted.delete(key);
      const min = this.mins.get(key);
      if (min && (min.ix === ix || score < min.score)) this.mins.delete(key);
      return;
    }
    let min = this.mins.get(key);
    if (!min) {
      min = { ix: -1, score: Infinity };
      for (const [i, v] of s) if (v < min.score) min = { ix: i, score: v };
      this.mins.set(key, min);
    }
    if (score > min.score) {
      s.delete(min.ix);
      s.set(ix, score);
      this.sorted.delete(key);
      this.mins.delete(key);
    }
  }

  remove(ix: number): void {
    for (const [key, s] of this.sets) {
      if (!s.delete(ix)) continue;
      this.sorted.delete(key);
      this.mins.delete(key);
    }
  }

  /** Best first. */
  top(key: string, n: number): { ix: number; score: number }[] {
    let view = this.sorted.get(key);
    if (!view) {
      const s = this.sets.get(key);
      if (!s) return [];
      view = [...s].map(([ix, score]) => ({ ix, score })).sort((a, b) => b.score - a.score || a.ix - b.ix);
      this.sorted.set(key, view);
    }
    return view.slice(0, n);
  }
}
