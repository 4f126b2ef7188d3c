import { SeededRng } from '../runtime/rng.ts';
import { topK } from '../eval/top-k.ts';
import { decodeModel, encodeModel, requireArray, type DecodedModel } from './codec.ts';
import type { InteractionMatrix, SparseRows } from './interactions.ts';
import { orthonormalizeColumns, gram, symmetricEigen } from './linalg.ts';
import { rowDot, type ProgressFn, type RecModel, type ScoredItems } from './model.ts';

/*
 * Graph-filter collaborative filtering (GF-CF; Shen et al., "How Powerful is Graph Convolution for
 * Recommendation?", CIKM 2021). With R̃ = D_U^-1/2 R D_I^-1/2 the symmetric-normalised interaction matrix, a
 * user's scores are
 *     s_u = r_u R̃ᵀR̃  +  α · r_u D_I^-1/2 V Vᵀ D_I^1/2
 * — a linear low-pass filter (what LightGCN's propagation converges to) plus an ideal low-pass filter built
 * from the top-k right singular vectors V of R̃. No gradient training: the only fitted part is V, found by
 * randomised subspace iteration (Halko, Martinsson & Tropp 2011). Scoring needs only a user's items, so new
 * users are served from their first events with no fold-in step.
 */

export interface GraphFilterConfig {
  /** Singular vectors kept by the ideal low-pass filter. */
  dims: number;
  /** Weight of the ideal low-pass term. */
  alpha: number;
  /** Extra block columns for the randomised range finder. */
  oversample: number;
  /** Power iterations: more sharpens the leading subspace. */
  powerIterations: number;
  seed: number;
}

export const GRAPH_FILTER_DEFAULTS: GraphFilterConfig = { dims: 256, alpha: 0.3, oversample: 64, powerIterations: 4, seed: 1 };

/** Fits the spectral part of GF-CF on a binary view of the interactions. */
export function trainGraphFilter(m: InteractionMatrix, cfg: Partial<GraphFilterConfig> = {}, progress?: ProgressFn): GraphFilterModel {
  const c = { ...GRAPH_FILTER_DEFAULTS, ...cfg };
  const { basis, dims } = leadingItemBasis(m, c, progress);
  return new GraphFilterModel(m.nUsers, m.nItems, dims, c.alpha, m.byUser.ptr, m.byUser.idx, m.byItem.ptr, m.byItem.idx, basis);
}

/**
 * The leading right singular vectors of R̃ = D_U^-1/2 R D_I^-1/2 (binary R) as a row-major nItems × dims block, found
 * by randomised subspace iteration and a Rayleigh–Ritz rotation; `dims` may come back smaller on a tiny matrix.
 */
export function leadingItemBasis(
  m: InteractionMatrix, c: Pick<GraphFilterConfig, 'dims' | 'oversample' | 'powerIterations' | 'seed'>, progress?: ProgressFn,
): { basis: Float32Array; dims: number; singularValues: Float64Array } {
  const byUser: SparseRows = { ptr: m.byUser.ptr, idx: m.byUser.idx, val: new Float32Array(0) };
  const byItem: SparseRows = { ptr: m.byItem.ptr, idx: m.byItem.idx, val: new Float32Array(0) };
  const dU = invSqrtDegrees(byUser.ptr), dI = invSqrtDegrees(byItem.ptr);
  const k = Math.min(c.dims, m.nItems, m.nUsers);
  const l = Math.min(k + c.oversample, m.nItems, m.nUsers);
  const rng = new SeededRng(c.seed);
  let y: Float64Array = new Float64Array(m.nItems * l);
  for (let e = 0; e < y.length; e++) y[e] = rng.normal();
  const steps = c.powerIterations + 2;
  y = applyGram(byUser, byItem, dU, dI, y, l, m.nUsers);
  for (let it = 0; it < c.powerIterations; it++) {
    orthonormalizeColumns(y, m.nItems, l, 1);
    y = applyGram(byUser, byItem, dU, dI, y, l, m.nUsers);
    progress?.({ epoch: it + 1, epochs: steps, note: 'power iteration' });
  }
  orthonormalizeColumns(y, m.nItems, l);
  // Rayleigh–Ritz: eigenvectors of Qᵀ(R̃ᵀR̃)Q = (R̃Q)ᵀ(R̃Q) rotate Q onto the leading singular directions.
  const z = applyR(byUser, dU, dI, y, l, m.nUsers);
  const eig = symmetricEigen(gram(z, m.nUsers, l), l);
  progress?.({ epoch: steps - 1, epochs: steps, note: 'Rayleigh-Ritz' });
  const v = new Float32Array(m.nItems * k);
  const row = new Float64Array(l);
  for (let i = 0; i < m.nItems; i++) {
    // Row i of Y times the leading k columns of the eigenvector matrix, accumulated row by row (contiguous access).
    const out = new Float64Array(k);
    for (let j = 0; j < l; j++) row[j] = y[i * l + j]!;
    for (let j = 0; j < l; j++) {
      const yij = row[j]!;
      if (yij === 0) continue;
      const eo = j * l;
      for (let f = 0; f < k; f++) out[f]! += yij * eig.vectors[eo + f]!;
    }
    for (let f = 0; f < k; f++) v[i * k + f] = out[f]!;
  }
  const singularValues = Float64Array.from(eig.values.subarray(0, k), (x) => Math.sqrt(Math.max(0, x)));
  progress?.({ epoch: steps, epochs: steps, note: `σ₁=${singularValues[0]!.toFixed(3)}` });
  return { basis: v, dims: k, singularValues };
}

export function invSqrtDegrees(ptr: Int32Array): Float64Array {
  const n = ptr.length - 1;
  const d = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const deg = ptr[r + 1]! - ptr[r]!;
    d[r] = deg > 0 ? 1 / Math.sqrt(deg) : 0;
  }
  return d;
}

/** R̃X for a row-major items×l block. */
function applyR(byUser: SparseRows, dU: Float64Array, dI: Float64Array, x: Float64Array, l: number, nUsers: number): Float64Array {
  const z = new Float64Array(nUsers * l);
  for (let u = 0; u < nUsers; u++) {
    const zo = u * l;
    for (let e = byUser.ptr[u]!; e < byUser.ptr[u + 1]!; e++) {
      const i = byUser.idx[e]!;
      const w = dU[u]! * dI[i]!;
      const xo = i * l;
      for (let f = 0; f < l; f++) z[zo + f]! += w * x[xo + f]!;
    }
  }
  return z;
}

/** R̃ᵀR̃X for a row-major items×l block. */
export function applyGram(byUser: SparseRows, byItem: SparseRows, dU: Float64Array, dI: Float64Array, x: Float64Array, l: number, nUsers: number): Float64Array {
  const z = applyR(byUser, dU, dI, x, l, nUsers);
  const nItems = byItem.ptr.length - 1;
  const y = new Float64Array(nItems * l);
  for (let i = 0; i < nItems; i++) {
    const yo = i * l;
    for (let e = byItem.ptr[i]!; e < byItem.ptr[i + 1]!; e++) {
      const u = byItem.idx[e]!;
      const w = dU[u]! * dI[i]!;
      const zo = u * l;
      for (let f = 0; f < l; f++) y[yo + f]! += w * z[zo + f]!;
    }
  }
  return y;
}

export class GraphFilterModel implements RecModel {
  readonly kind = 'gfcf';
  private readonly dU: Float64Array;
  private readonly dI: Float64Array;
  private readonly userAcc: Float64Array;
  private readonly touched: Int32Array;
  private readonly z: Float64Array;

  constructor(
    readonly nUsers: number,
    readonly nItems: number,
    readonly dims: number,
    readonly alpha: number,
    private readonly userPtr: Int32Array,
    private readonly userIdx: Int32Array,
    private readonly itemPtr: Int32Array,
    private readonly itemIdx: Int32Array,
    /** Row-major nItems × dims leading right singular vectors of R̃. */
    readonly itemBasis: Float32Array,
  ) {
    this.dU = invSqrtDegrees(userPtr);
    this.dI = invSqrtDegrees(itemPtr);
    this.userAcc = new Float64Array(nUsers);
    this.touched = new Int32Array(nUsers);
    this.z = new Float64Array(dims);
  }

  scoreItems(userIx: number, out: Float32Array): void {
    this.scoreHistory(this.userIdx.subarray(this.userPtr[userIx]!, this.userPtr[userIx + 1]!), undefined, out);
  }

  scoreHistory(itemIxs: ArrayLike<number>, weights: ArrayLike<number> | undefined, out: Float32Array): void {
    const { dU, dI, userAcc, touched, z, dims, itemBasis: v } = this;
    // Linear filter r R̃ᵀR̃: items → users → items, touching only the two-hop neighbourhood.
    let nTouched = 0;
    for (let h = 0; h < itemIxs.length; h++) {
      const i = itemIxs[h]!;
      const w = (weights ? weights[h]! : 1) * dI[i]!;
      if (w === 0) continue;
      for (let e = this.itemPtr[i]!; e < this.itemPtr[i + 1]!; e++) {
        const u = this.itemIdx[e]!;
        if (userAcc[u] === 0) touched[nTouched++] = u;
        userAcc[u]! += w * dU[u]!;
      }
    }
    const acc = new Float64Array(this.nItems);
    for (let t = 0; t < nTouched; t++) {
      const u = touched[t]!;
      const a = userAcc[u]! * dU[u]!;
      userAcc[u] = 0;
      for (let e = this.userPtr[u]!; e < this.userPtr[u + 1]!; e++) acc[this.userIdx[e]!]! += a;
    }
    // Ideal low-pass filter r D_I^-1/2 V Vᵀ D_I^1/2.
    z.fill(0);
    for (let h = 0; h < itemIxs.length; h++) {
      const i = itemIxs[h]!;
      const w = (weights ? weights[h]! : 1) * dI[i]!;
      if (w === 0) continue;
      for (let f = 0, o = i * dims; f < dims; f++) z[f]! += w * v[o + f]!;
    }
    const alpha = this.alpha;
    for (let j = 0, o = 0; j < this.nItems; j++, o += dims) {
      const d = dI[j]!;
      if (d === 0) {
        out[j] = 0;
        continue;
      }
      out[j] = acc[j]! * d + (alpha * rowDot(v, o, z, dims)) / d;
    }
  }

  /**
   * The same filter with its ideal low-pass term cut to the leading `dims` singular vectors (the basis is ordered by
   * singular value), so several cut-offs can be compared after one factorisation.
   */
  withLeading(dims: number): GraphFilterModel {
    if (!Number.isInteger(dims) || dims < 1 || dims > this.dims) throw new RangeError(`dims must be an integer in 1..${this.dims}, got ${dims}`);
    if (dims === this.dims) return this;
    const basis = new Float32Array(this.nItems * dims);
    for (let i = 0; i < this.nItems; i++) basis.set(this.itemBasis.subarray(i * this.dims, i * this.dims + dims), i * dims);
    return new GraphFilterModel(this.nUsers, this.nItems, dims, this.alpha, this.userPtr, this.userIdx, this.itemPtr, this.itemIdx, basis);
  }

  similarItems(itemIx: number, k: number): ScoredItems {
    const out = new Float32Array(this.nItems);
    this.scoreHistory([itemIx], undefined, out);
    out[itemIx] = -Infinity;
    const items = topK(out, k);
    return { items, scores: Float32Array.from(items, (i) => out[i]!) };
  }

  serialize(): Uint8Array {
    return encodeModel(this.kind, { nUsers: this.nUsers, nItems: this.nItems, dims: this.dims, alpha: this.alpha }, {
      userPtr: this.userPtr, userIdx: this.userIdx, itemPtr: this.itemPtr, itemIdx: this.itemIdx, itemBasis: this.itemBasis,
    });
  }

  static fromDecoded(d: DecodedModel): GraphFilterModel {
    const meta = d.meta as { nUsers: number; nItems: number; dims: number; alpha: number };
    return new GraphFilterModel(meta.nUsers, meta.nItems, meta.dims, meta.alpha,
      requireArray(d, 'userPtr', Int32Array), requireArray(d, 'userIdx', Int32Array),
      requireArray(d, 'itemPtr', Int32Array), requireArray(d, 'itemIdx', Int32Array), requireArray(d, 'itemBasis', Float32Array));
  }

  static deserialize(bytes: Uint8Array): GraphFilterModel {
    return GraphFilterModel.fromDecoded(decodeModel(bytes));
  }
}
