import type { SparseRows } from './interactions.ts';

/** A ranked list of items with their scores, best first. */
export interface ScoredItems {
  items: Int32Array;
  scores: Float32Array;
}

/**
 * What every trained recommender offers the feed pipeline and the offline evaluation: one code path for both.
 * Item and user indices are the dense indices of the InteractionMatrix the model was trained on.
 */
export interface RecModel {
  readonly kind: string;
  readonly nUsers: number;
  readonly nItems: number;
  /** Writes a score for every item into `out` (length nItems) for a user seen in training. */
  scoreItems(userIx: number, out: Float32Array): void;
  /** Scores every item for a user known only by a history (a new user, or fresh events not yet trained on). */
  scoreHistory(itemIxs: ArrayLike<number>, weights: ArrayLike<number> | undefined, out: Float32Array): void;
  /** The k items most similar to one item, itself excluded. */
  similarItems(itemIx: number, k: number): ScoredItems;
  /** Parameters as bytes for the ModelStore; `deserializeModel` restores an equivalent model. */
  serialize(): Uint8Array;
}

/** Models with latent user and item vectors. */
export interface FactorModel extends RecModel {
  readonly dims: number;
  /** Row-major nUsers × dims. */
  readonly userFactors: Float32Array;
  /** Row-major nItems × dims. */
  readonly itemFactors: Float32Array;
  /** Solves a user vector against the fixed item factors from a history (new users, recent events). */
  foldInUser(itemIxs: ArrayLike<number>, weights?: ArrayLike<number>): Float32Array;
}

/** Progress reported while training: the evaluation CLI draws it, the job runner logs it. */
export interface TrainProgress {
  epoch: number;
  epochs: number;
  loss?: number;
  /** Validation metric (Recall@20 on the validation split) when one is configured. */
  validation?: number;
  note?: string;
}

export type ProgressFn = (p: TrainProgress) => void;

/** Scores for the items of one history written into a dense vector, for models that score from rows. */
export function historyRow(itemIxs: ArrayLike<number>, weights: ArrayLike<number> | undefined): SparseRows {
  const n = itemIxs.length;
  const idx = Int32Array.from(itemIxs);
  const val = new Float32Array(n);
  for (let e = 0; e < n; e++) val[e] = weights ? weights[e]! : 1;
  return { ptr: Int32Array.of(0, n), idx, val };
}

/** Dot products of one vector with every row of a row-major factor matrix. */
export function scoreAgainst(vec: ArrayLike<number>, factors: Float32Array, dims: number, out: Float32Array): void {
  const z = vec instanceof Float64Array ? vec : Float64Array.from(vec);
  const n = out.length;
  for (let i = 0, o = 0; i < n; i++, o += dims) out[i] = rowDot(factors, o, z, dims);
}

/**
 * ⟨factors[o .. o+dims), z⟩ with four independent accumulators: V8 does not vectorise, and splitting the
 * dependency chain is what makes the inner loop of full-catalogue scoring about 1.5× faster.
 */
export function rowDot(factors: Float32Array, o: number, z: Float64Array, dims: number): number {
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0, f = 0;
  for (; f + 3 < dims; f += 4) {
    s0 += factors[o + f]! * z[f]!;
    s1 += factors[o + f + 1]! * z[f + 1]!;
    s2 += factors[o + f + 2]! * z[f + 2]!;
    s3 += factors[o + f + 3]! * z[f + 3]!;
  }
  for (; f < dims; f++) s0 += factors[o + f]! * z[f]!;
  return s0 + s1 + s2 + s3;
}
