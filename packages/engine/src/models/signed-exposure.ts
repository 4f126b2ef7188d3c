import { decodeModel, encodeModel, requireArray } from './codec.ts';
import type { InteractionMatrix, SparseRows } from './interactions.ts';
import type { RecModel, ScoredItems } from './model.ts';

/**
 * A sign-aware wrapper for feedback with negatives (short-video logs where a shown video was skipped, a rating below
 * the bar): the inner model learns from every interaction of either sign, which says what a user is shown and
 * chooses to try, and its scores are multiplied by each item's smoothed share of positive outcomes, raised to
 * `alpha`, which says how the item is received once tried. Positives alone see half of the behaviour; negatives alone
 * only down-weight. On KuaiRand's signed split (SIGformer protocol) a linear graph filter trained this way ranks
 * above popularity and every positive-only model (see bench/README.md).
 */
export class SignedExposureModel implements RecModel {
  readonly kind = 'signed-exposure';

  constructor(
    readonly inner: RecModel,
    /** Per item: (positives + 1) / (positives + negatives + 3), raised to `alpha`. */
    readonly itemWeights: Float32Array,
  ) {}

  get nUsers(): number {
    return this.inner.nUsers;
  }

  get nItems(): number {
    return this.inner.nItems;
  }

  scoreItems(userIx: number, out: Float32Array): void {
    this.inner.scoreItems(userIx, out);
    this.weigh(out);
  }

  scoreHistory(itemIxs: ArrayLike<number>, weights: ArrayLike<number> | undefined, out: Float32Array): void {
    this.inner.scoreHistory(itemIxs, weights, out);
    this.weigh(out);
  }

  similarItems(itemIx: number, k: number): ScoredItems {
    return this.inner.similarItems(itemIx, k);
  }

  serialize(): Uint8Array {
    const inner = this.inner.serialize();
    const padded = new Uint8Array(Math.ceil(inner.length / 4) * 4);
    padded.set(inner);
    return encodeModel(this.kind, { innerBytes: inner.length }, { itemWeights: this.itemWeights, inner: new Int32Array(padded.buffer) });
  }

  /** Restores a model written by `serialize`, given the decoder for its inner model. */
  static deserialize(bytes: Uint8Array, decodeInner: (bytes: Uint8Array) => RecModel): SignedExposureModel {
    const d = decodeModel(bytes);
    const inner = requireArray(d, 'inner', Int32Array);
    const n = (d.meta as { innerBytes: number }).innerBytes;
    return new SignedExposureModel(decodeInner(new Uint8Array(inner.buffer, inner.byteOffset, n).slice()), requireArray(d, 'itemWeights', Float32Array));
  }

  /** Positive scores are scaled by the item's weight; a negative score is left as it is (scaling would lift it). */
  private weigh(out: Float32Array): void {
    const w = this.itemWeights;
    for (let i = 0; i < out.length; i++) if (out[i]! > 0) out[i] = out[i]! * w[i]!;
  }
}

/** Each item's smoothed positive share among its interactions, (p + 1) / (p + n + 3), raised to `alpha`. */
export function positiveShareWeights(positives: InteractionMatrix, all: SparseRows, nItems: number, alpha: number): Float32Array {
  const pos = new Float64Array(nItems);
  const any = new Float64Array(nItems);
  for (let e = 0; e < positives.byUser.idx.length; e++) pos[positives.byUser.idx[e]!]! += 1;
  for (let e = 0; e < all.idx.length; e++) any[all.idx[e]!]! += 1;
  const out = new Float32Array(nItems);
  for (let i = 0; i < nItems; i++) out[i] = Math.pow((pos[i]! + 1) / (Math.max(any[i]!, pos[i]!) + 3), alpha);
  return out;
}
