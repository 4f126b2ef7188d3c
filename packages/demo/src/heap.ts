/** Minimal binary min-heap; merges per-session event runs into one time-ordered stream. */
export class MinHeap<T> {
  private readonly items: T[] = [];
  constructor(private readonly key: (x: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(x: T): void {
    const a = this.items;
    a.push(x);
    let i = a.length - 1;
    const k = this.key(x);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.key(a[parent]!) <= k) break;
      a[i] = a[parent]!;
      i = parent;
    }
    a[i] = x;
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    const k = this.key(last);
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= a.length) break;
      const r = l + 1;
      const c = r < a.length && this.key(a[r]!) < this.key(a[l]!) ? r : l;
      if (this.key(a[c]!) >= k) break;
      a[i] = a[c]!;
      i = c;
    }
    a[i] = last;
    return top;
  }
}
