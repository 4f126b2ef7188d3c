/** Typed-array columns indexed by catalog `ix`, grown by doubling so per-note counters stay flat and cheap. */
export class FloatColumns<K extends string> {
  private cols: Record<K, Float64Array>;
  private cap: number;

  constructor(readonly names: readonly K[], initial = 1024) {
    this.cap = initial;
    this.cols = Object.fromEntries(names.map((n) => [n, new Float64Array(initial)])) as Record<K, Float64Array>;
  }

  /** The column, grown to hold `ix`. */
  col(name: K, ix: number): Float64Array {
    if (ix >= this.cap) this.grow(ix + 1);
    return this.cols[name];
  }

  get(name: K, ix: number): number {
    return ix < this.cap ? (this.cols[name][ix] as number) : 0;
  }

  add(name: K, ix: number, d: number): void {
    const c = this.col(name, ix);
    c[ix] = (c[ix] as number) + d;
  }

  set(name: K, ix: number, v: number): void {
    this.col(name, ix)[ix] = v;
  }

  private grow(min: number): void {
    let cap = this.cap;
    while (cap < min) cap *= 2;
    for (const n of this.names) {
      const next = new Float64Array(cap);
      next.set(this.cols[n]);
      this.cols[n] = next;
    }
    this.cap = cap;
  }
}
