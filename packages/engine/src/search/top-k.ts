/**
 * Keeps the k best (score, doc) pairs in a binary min-heap on typed arrays. Ties prefer the larger
 * dense index, i.e. the more recently created note.
 */
export class TopK {
  private readonly scores: Float64Array;
  private readonly docs: Int32Array;
  private n = 0;
  constructor(readonly k: number) {
    this.scores = new Float64Array(Math.max(1, k));
    this.docs = new Int32Array(Math.max(1, k));
  }

  push(score: number, doc: number): void {
    if (this.k === 0) return;
    if (this.n < this.k) {
      this.scores[this.n] = score;
      this.docs[this.n] = doc;
      this.up(this.n++);
    } else if (this.worse(0, score, doc)) {
      this.scores[0] = score;
      this.docs[0] = doc;
      this.down(0);
    }
  }

  /** How many entries are kept (at most `k`). */
  get size(): number {
    return this.n;
  }

  /** The worst score kept; meaningful only when `size` > 0. */
  minScore(): number {
    return this.scores[0] as number;
  }

  /** Entries best first. */
  drain(): { doc: number; score: number }[] {
    const out: { doc: number; score: number }[] = [];
    for (let i = 0; i < this.n; i++) out.push({ doc: this.docs[i] as number, score: this.scores[i] as number });
    return out.sort((a, b) => b.score - a.score || b.doc - a.doc);
  }

  // True when heap slot i ranks below (score, doc).
  private worse(i: number, score: number, doc: number): boolean {
    const s = this.scores[i] as number;
    return s < score || (s === score && (this.docs[i] as number) < doc);
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.worse(i, this.scores[p] as number, this.docs[p] as number)) break;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.n && this.worse(m, this.scores[l] as number, this.docs[l] as number) === false) m = l;
      if (r < this.n && this.worse(m, this.scores[r] as number, this.docs[r] as number) === false) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(a: number, b: number): void {
    const s = this.scores[a] as number;
    this.scores[a] = this.scores[b] as number;
    this.scores[b] = s;
    const d = this.docs[a] as number;
    this.docs[a] = this.docs[b] as number;
    this.docs[b] = d;
  }
}
