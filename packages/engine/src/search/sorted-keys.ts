/**
 * A set of strings answering prefix-range queries: a sorted array plus a small unsorted tail of recent
 * additions, merged once the tail grows. Keeps inserts O(1) during bulk indexing without a trie's
 * per-node objects. Callers add each key once (they already own a map of their keys).
 */
export class SortedKeys {
  private sorted: string[] = [];
  private tail: string[] = [];
  constructor(private readonly mergeAt = 4096) {}

  /** Adds a key not added before. */
  add(key: string): void {
    this.tail.push(key);
  }

  get size(): number {
    return this.sorted.length + this.tail.length;
  }

  /** Keys starting with `prefix`, in no particular order, at most `maxScan` of them. */
  withPrefix(prefix: string, maxScan: number): string[] {
    if (this.tail.length > this.mergeAt) this.merge();
    const out: string[] = [];
    for (let i = lowerBound(this.sorted, prefix); i < this.sorted.length && out.length < maxScan; i++) {
      const k = this.sorted[i] as string;
      if (!k.startsWith(prefix)) break;
      out.push(k);
    }
    for (const k of this.tail) if (out.length < maxScan && k.startsWith(prefix)) out.push(k);
    return out;
  }

  private merge(): void {
    const t = this.tail.sort();
    const s = this.sorted;
    const out: string[] = new Array(s.length + t.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < s.length && j < t.length) out[k++] = (s[i] as string) < (t[j] as string) ? (s[i++] as string) : (t[j++] as string);
    while (i < s.length) out[k++] = s[i++] as string;
    while (j < t.length) out[k++] = t[j++] as string;
    this.sorted = out;
    this.tail = [];
  }
}

function lowerBound(a: readonly string[], key: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((a[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
