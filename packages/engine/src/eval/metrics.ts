/*
 * Ranking metrics with the definitions of the NGCF / LightGCN evaluation code (Wang et al. SIGIR 2019;
 * He et al. SIGIR 2020): binary relevance; Recall@K = hits in the top K / |test items|; NDCG@K = DCG / IDCG
 * with DCG = Σ rel_r / log2(r + 1) over ranks r = 1..K and IDCG over min(|test items|, K) ideal hits.
 */

/** Recall@K of a best-first ranking against a user's relevant items. */
export function recallAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) return 0;
  return hitsAtK(ranked, relevant, k) / relevant.size;
}

/** Number of relevant items among the first K ranked. */
export function hitsAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  const n = Math.min(k, ranked.length);
  let hits = 0;
  for (let r = 0; r < n; r++) if (relevant.has(ranked[r]!)) hits++;
  return hits;
}

/** NDCG@K with binary relevance; IDCG counts min(|relevant|, K) hits at the top. */
export function ndcgAtK(ranked: ArrayLike<number>, relevant: ReadonlySet<number>, k: number): number {
  if (relevant.size === 0) return 0;
  const n = Math.min(k, ranked.length);
  let dcg = 0;
  for (let r = 0; r < n; r++) if (relevant.has(ranked[r]!)) dcg += 1 / Math.log2(r + 2);
  let idcg = 0;
  const ideal = Math.min(relevant.size, k);
  for (let r = 0; r < ideal; r++) idcg += 1 / Math.log2(r + 2);
  return dcg / idcg;
}
