import { topK } from '../eval/top-k.ts';
import { decodeModel, encodeModel, requireArray } from './codec.ts';
import type { InteractionMatrix, SparseRows } from './interactions.ts';
import type { ProgressFn, RecModel, ScoredItems } from './model.ts';

/*
 * Item-based top-N recommendation (Sarwar et al. WWW 2001; Deshpande & Karypis TOIS 2004): cosine similarity
 * between item columns, shrunk towards zero for items with little co-support (sim = co / (‖i‖‖j‖ + shrink),
 * Koren's shrinkage), truncated to the top-k neighbours per item, and a user's score for j is the sum of
 * similarities from the items in their history. Neighbour lists are precomputed once, so serving a user is
 * |history| × k additions: cheap enough to re-score on every feed request from fresh events.
 */

export interface ItemKnnConfig {
  neighbours: number;
  shrink: number;
  /** Weights of a user's items: `binary` ignores values. */
  weighting: 'binary' | 'value';
}

export const ITEM_KNN_DEFAULTS: ItemKnnConfig = { neighbours: 200, shrink: 10, weighting: 'binary' };

/** Neighbour lists for items [from, to): the row-range kernel (independent per item). */
export function itemKnnRows(m: InteractionMatrix, cfg: ItemKnnConfig, from: number, to: number): SparseRows {
  const { byUser, byItem } = m;
  const binary = cfg.weighting === 'binary';
  const norms = new Float64Array(m.nItems);
  for (let i = 0; i < m.nItems; i++) {
    let s = 0;
    for (let e = byItem.ptr[i]!; e < byItem.ptr[i + 1]!; e++) s += binary ? 1 : byItem.val[e]! * byItem.val[e]!;
    norms[i] = Math.sqrt(s);
  }
  const co = new Float64Array(m.nItems);
  const touched = new Int32Array(m.nItems);
  const cand = new Float32Array(m.nItems);
  const ptr = new Int32Array(to - from + 1);
  const idx: number[] = [], val: number[] = [];
  for (let i = from; i < to; i++) {
    let n = 0;
    for (let e = byItem.ptr[i]!; e < byItem.ptr[i + 1]!; e++) {
      const u = byItem.idx[e]!;
      const wu = binary ? 1 : byItem.val[e]!;
      for (let f = byUser.ptr[u]!; f < byUser.ptr[u + 1]!; f++) {
        const j = byUser.idx[f]!;
        if (j === i) continue;
        if (co[j] === 0) touched[n++] = j;
        co[j]! += wu * (binary ? 1 : byUser.val[f]!);
      }
    }
    for (let t = 0; t < n; t++) {
      const j = touched[t]!;
      cand[t] = co[j]! / (norms[i]! * norms[j]! + cfg.shrink);
      co[j] = 0;
    }
    const best = topK(cand.subarray(0, n), cfg.neighbours);
    for (const t of best) {
      idx.push(touched[t]!);
      val.push(cand[t]!);
    }
    ptr[i - from + 1] = idx.length;
  }
  return { ptr, idx: Int32Array.from(idx), val: Float32Array.from(val) };
}

/** Concatenates neighbour lists computed for consecutive item ranges. */
export function concatRows(parts: readonly SparseRows[]): SparseRows {
  const nRows = parts.reduce((s, p) => s + p.ptr.length - 1, 0);
  const nnz = parts.reduce((s, p) => s + p.idx.length, 0);
  const ptr = new Int32Array(nRows + 1), idx = new Int32Array(nnz), val = new Float32Array(nnz);
  let r = 0, o = 0;
  for (const p of parts) {
    for (let k = 1; k < p.ptr.length; k++) ptr[r + k] = o + p.ptr[k]!;
    idx.set(p.idx, o);
    val.set(p.val, o);
    r += p.ptr.length - 1;
    o += p.idx.length;
  }
  return { ptr, idx, val };
}

export function trainItemKnn(m: InteractionMatrix, cfg: Partial<ItemKnnConfig> = {}, progress?: ProgressFn, neighbours?: SparseRows): ItemKnnModel {
  const c = { ...ITEM_KNN_DEFAULTS, ...cfg };
  const nbrs = neighbours ?? itemKnnRows(m, c, 0, m.nItems);
  progress?.({ epoch: 1, epochs: 1 });
  return new ItemKnnModel(m.nUsers, m.nItems, c, nbrs, m.byUser);
}

export class ItemKnnModel implements RecModel {
  readonly kind = 'itemknn';
  constructor(
    readonly nUsers: number,
    readonly nItems: number,
    readonly cfg: ItemKnnConfig,
    /** Per item: its neighbours and similarities, best first. */
    readonly neighbours: SparseRows,
    private readonly histories: SparseRows,
  ) {}

  scoreItems(userIx: number, out: Float32Array): void {
    const h = this.histories, s = h.ptr[userIx]!, e = h.ptr[userIx + 1]!;
    this.scoreHistory(h.idx.subarray(s, e), this.cfg.weighting === 'binary' ? undefined : h.val.subarray(s, e), out);
  }

  scoreHistory(itemIxs: ArrayLike<number>, weights: ArrayLike<number> | undefined, out: Float32Array): void {
    out.fill(0);
    const nb = this.neighbours;
    for (let h = 0; h < itemIxs.length; h++) {
      const i = itemIxs[h]!, w = weights ? weights[h]! : 1;
      for (let e = nb.ptr[i]!; e < nb.ptr[i + 1]!; e++) out[nb.idx[e]!]! += w * nb.val[e]!;
    }
  }

  similarItems(itemIx: number, k: number): ScoredItems {
    const nb = this.neighbours, s = nb.ptr[itemIx]!, e = Math.min(nb.ptr[itemIx + 1]!, s + k);
    return { items: nb.idx.slice(s, e), scores: nb.val.slice(s, e) };
  }

  serialize(): Uint8Array {
    return encodeModel(this.kind, { nUsers: this.nUsers, nItems: this.nItems, cfg: this.cfg }, {
      nbrPtr: this.neighbours.ptr, nbrIdx: this.neighbours.idx, nbrVal: this.neighbours.val,
      histPtr: this.histories.ptr, histIdx: this.histories.idx, histVal: this.histories.val,
    });
  }

  static deserialize(bytes: Uint8Array): ItemKnnModel {
    const d = decodeModel(bytes);
    const meta = d.meta as { nUsers: number; nItems: number; cfg: ItemKnnConfig };
    return new ItemKnnModel(meta.nUsers, meta.nItems, meta.cfg,
      { ptr: requireArray(d, 'nbrPtr', Int32Array), idx: requireArray(d, 'nbrIdx', Int32Array), val: requireArray(d, 'nbrVal', Float32Array) },
      { ptr: requireArray(d, 'histPtr', Int32Array), idx: requireArray(d, 'histIdx', Int32Array), val: requireArray(d, 'histVal', Float32Array) });
  }
}
