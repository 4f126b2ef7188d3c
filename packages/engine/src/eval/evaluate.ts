import type { SparseRows } from '../models/interactions.ts';
import { ndcgAtK, recallAtK } from './metrics.ts';
import { topK } from './top-k.ts';

/*
 * Full-ranking offline evaluation: every item the user did not interact with in training is a candidate
 * (no sampled negatives, which distort comparisons — Krichene & Rendle, KDD 2020). Targets are the user's
 * held-out positives; on signed datasets the held-out negatives are counted when they reach the top 20.
 */

export interface EvalSplit {
  nItems: number;
  /** Users to evaluate: those with at least one held-out positive. */
  users: Int32Array;
  /** Items seen in training (any sign), removed from the candidates. */
  seen: SparseRows;
  /** Further items to remove, e.g. the validation items when scoring the test split. */
  alsoSeen?: readonly SparseRows[];
  /** Held-out positives per user (the targets). */
  positives: SparseRows;
  /** Held-out negatives per user, for signed datasets. */
  negatives?: SparseRows;
}

/** Per-metric sums over a range of users; merge ranges with `mergeSums`, then `finalizeMetrics`. */
export interface MetricSums {
  users: number;
  recall: Record<number, number>;
  ndcg: Record<number, number>;
  /** Sum over users of (held-out negatives in the top 20) / 20. */
  negativeTop20: number;
}

export type MetricReport = { users: number; negativeTop20Rate?: number } & Record<string, number>;

export const DEFAULT_KS: readonly number[] = [10, 20];

export function emptySums(ks: readonly number[] = DEFAULT_KS): MetricSums {
  const recall: Record<number, number> = {}, ndcg: Record<number, number> = {};
  for (const k of ks) recall[k] = ndcg[k] = 0;
  return { users: 0, recall, ndcg, negativeTop20: 0 };
}

/** Scores and ranks users split.users[from..to) with `score` and accumulates their metrics. */
export function evaluateUsers(
  score: (userIx: number, out: Float32Array) => void,
  split: EvalSplit,
  from = 0,
  to = split.users.length,
  ks: readonly number[] = DEFAULT_KS,
): MetricSums {
  const sums = emptySums(ks);
  const kMax = Math.max(20, ...ks);
  const scores = new Float32Array(split.nItems);
  const ranked = new Int32Array(kMax);
  for (let p = from; p < to; p++) {
    const u = split.users[p]!;
    score(u, scores);
    mask(scores, split.seen, u);
    for (const rows of split.alsoSeen ?? []) mask(scores, rows, u);
    const top = topK(scores, kMax, ranked);
    const pos = new Set(split.positives.idx.subarray(split.positives.ptr[u]!, split.positives.ptr[u + 1]!));
    if (pos.size === 0) continue;
    sums.users++;
    for (const k of ks) {
      sums.recall[k]! += recallAtK(top, pos, k);
      sums.ndcg[k]! += ndcgAtK(top, pos, k);
    }
    if (split.negatives) {
      const neg = split.negatives;
      const negs = new Set(neg.idx.subarray(neg.ptr[u]!, neg.ptr[u + 1]!));
      let bad = 0;
      for (let r = 0; r < Math.min(20, top.length); r++) if (negs.has(top[r]!)) bad++;
      sums.negativeTop20 += bad / 20;
    }
  }
  return sums;
}

function mask(scores: Float32Array, rows: SparseRows, u: number): void {
  if (u + 1 >= rows.ptr.length) return;
  for (let e = rows.ptr[u]!; e < rows.ptr[u + 1]!; e++) scores[rows.idx[e]!] = -Infinity;
}

export function mergeSums(a: MetricSums, b: MetricSums): MetricSums {
  const out = emptySums(Object.keys(a.recall).map(Number));
  out.users = a.users + b.users;
  out.negativeTop20 = a.negativeTop20 + b.negativeTop20;
  for (const k of Object.keys(a.recall).map(Number)) {
    out.recall[k] = a.recall[k]! + (b.recall[k] ?? 0);
    out.ndcg[k] = a.ndcg[k]! + (b.ndcg[k] ?? 0);
  }
  return out;
}

/** Means over evaluated users: `recall@K`, `ndcg@K`, and `negativeTop20Rate` when negatives were given. */
export function finalizeMetrics(s: MetricSums, signed: boolean): MetricReport {
  const n = Math.max(1, s.users);
  const out: MetricReport = { users: s.users };
  for (const k of Object.keys(s.recall).map(Number)) {
    out[`recall@${k}`] = s.recall[k]! / n;
    out[`ndcg@${k}`] = s.ndcg[k]! / n;
  }
  if (signed) out.negativeTop20Rate = s.negativeTop20 / n;
  return out;
}

/** Users with at least one held-out positive, ascending. */
export function usersWithPositives(positives: SparseRows): Int32Array {
  const users: number[] = [];
  for (let u = 0; u + 1 < positives.ptr.length; u++) if (positives.ptr[u + 1]! > positives.ptr[u]!) users.push(u);
  return Int32Array.from(users);
}
