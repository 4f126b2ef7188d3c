/**
 * Item-to-item co-occurrence from positive actions (saves, likes, complete views) of the same user
 * within a window, updated on each event. Rows are capped, keeping the strongest neighbours, so the
 * index stays linear in the number of engaged notes. Similarity is cosine-normalised
 * (c(x,y) / √(n(x)·n(y))), the classic item-based CF normalisation (Sarwar et al., 2001).
 */
export class CooccurrenceIndex {
  private readonly rows = new Map<number, Map<number, number>>();
  private readonly counts = new Map<number, number>();

  constructor(private readonly rowCap = 64) {}

  /** Records that `ix` was engaged with after the user's earlier positives `history`. */
  record(ix: number, weight: number, history: readonly number[]): void {
    this.counts.set(ix, (this.counts.get(ix) ?? 0) + weight);
    for (const y of history) {
      if (y === ix) continue;
      this.bump(ix, y, weight);
      this.bump(y, ix, weight);
    }
  }

  /** Neighbours of one note, most similar first. */
  neighbours(ix: number, n: number): { ix: number; score: number }[] {
    const row = this.rows.get(ix);
    if (!row) return [];
    const nx = this.counts.get(ix) ?? 1;
    const out: { ix: number; score: number }[] = [];
    for (const [y, c] of row) out.push({ ix: y, score: c / Math.sqrt(nx * (this.counts.get(y) ?? 1)) });
    out.sort((a, b) => b.score - a.score);
    return out.slice(0, n);
  }

  private bump(x: number, y: number, w: number): void {
    let row = this.rows.get(x);
    if (!row) this.rows.set(x, (row = new Map()));
    row.set(y, (row.get(y) ?? 0) + w);
    if (row.size > this.rowCap * 1.5) {
      const keep = [...row].sort((a, b) => b[1] - a[1]).slice(0, this.rowCap);
      row.clear();
      for (const [k, v] of keep) row.set(k, v);
    }
  }
}
