import { topK } from '../eval/top-k.ts';
import { decodeModel, encodeModel, requireArray } from './codec.ts';
import { cholesky, choleskySolve, gram } from './linalg.ts';
import { scoreAgainst, type FactorModel, type ScoredItems } from './model.ts';

/** How a new user's vector is solved against fixed item factors (the iALS user step, for one row). */
export interface FoldInParams {
  /** Weight of every unobserved pair (iALS α₀). */
  unobservedWeight: number;
  regularization: number;
  /** Frequency scaling exponent of the regularisation (Rendle et al. 2021). */
  regExponent: number;
}

/**
 * Latent-factor recommender: score = ⟨user vector, item vector⟩. Produced by iALS and BPR; both serve, fold in
 * and serialise through this one class so the feed and the offline evaluation run the same code.
 */
export class MatrixFactorization implements FactorModel {
  private itemGram: Float64Array | null = null;
  private itemNorms: Float32Array | null = null;

  constructor(
    readonly kind: string,
    readonly nUsers: number,
    readonly nItems: number,
    readonly dims: number,
    readonly userFactors: Float32Array,
    readonly itemFactors: Float32Array,
    readonly foldIn: FoldInParams,
  ) {}

  scoreItems(userIx: number, out: Float32Array): void {
    scoreAgainst(Float64Array.from(this.userFactors.subarray(userIx * this.dims, (userIx + 1) * this.dims)), this.itemFactors, this.dims, out);
  }

  scoreHistory(itemIxs: ArrayLike<number>, weights: ArrayLike<number> | undefined, out: Float32Array): void {
    scoreAgainst(this.foldInUser(itemIxs, weights), this.itemFactors, this.dims, out);
  }

  /**
   * Exact least-squares user vector for a history (Hu, Koren & Volinsky 2008, eq. 4, with iALS's unobserved
   * weight): (α₀ VᵀV + Σ c_i v_i v_iᵀ + λ_u I) x = Σ c_i v_i. One d×d Cholesky: cheap enough per request.
   */
  foldInUser(itemIxs: ArrayLike<number>, weights?: ArrayLike<number>): Float32Array {
    const d = this.dims, v = this.itemFactors, p = this.foldIn;
    this.itemGram ??= gram(v, this.nItems, d);
    const a = new Float64Array(d * d);
    for (let e = 0; e < d * d; e++) a[e] = p.unobservedWeight * this.itemGram[e]!;
    const b = new Float64Array(d);
    for (let h = 0; h < itemIxs.length; h++) {
      const o = itemIxs[h]! * d;
      const c = weights ? weights[h]! : 1;
      for (let f = 0; f < d; f++) {
        const cf = c * v[o + f]!;
        b[f]! += cf;
        for (let g = 0; g < d; g++) a[f * d + g]! += cf * v[o + g]!;
      }
    }
    const reg = p.regularization * Math.pow(itemIxs.length + p.unobservedWeight * this.nItems, p.regExponent);
    for (let f = 0; f < d; f++) a[f * d + f]! += reg + 1e-9;
    if (!cholesky(a, d)) return new Float32Array(d);
    choleskySolve(a, d, b);
    return Float32Array.from(b);
  }

  /** Cosine similarity between item vectors. */
  similarItems(itemIx: number, k: number): ScoredItems {
    const d = this.dims, v = this.itemFactors;
    if (!this.itemNorms) {
      const norms = new Float32Array(this.nItems);
      for (let i = 0; i < this.nItems; i++) {
        let s = 0;
        for (let f = 0; f < d; f++) s += v[i * d + f]! * v[i * d + f]!;
        norms[i] = Math.sqrt(s) || 1;
      }
      this.itemNorms = norms;
    }
    const out = new Float32Array(this.nItems);
    scoreAgainst(v.subarray(itemIx * d, (itemIx + 1) * d), v, d, out);
    for (let i = 0; i < this.nItems; i++) out[i] = out[i]! / (this.itemNorms[i]! * this.itemNorms[itemIx]!);
    out[itemIx] = -Infinity;
    const items = topK(out, k);
    return { items, scores: Float32Array.from(items, (i) => out[i]!) };
  }

  serialize(): Uint8Array {
    return encodeModel(this.kind, { nUsers: this.nUsers, nItems: this.nItems, dims: this.dims, foldIn: this.foldIn }, {
      userFactors: this.userFactors, itemFactors: this.itemFactors,
    });
  }

  static deserialize(bytes: Uint8Array): MatrixFactorization {
    const d = decodeModel(bytes);
    const meta = d.meta as { nUsers: number; nItems: number; dims: number; foldIn: FoldInParams };
    return new MatrixFactorization(d.kind, meta.nUsers, meta.nItems, meta.dims,
      requireArray(d, 'userFactors', Float32Array), requireArray(d, 'itemFactors', Float32Array), meta.foldIn);
  }
}
