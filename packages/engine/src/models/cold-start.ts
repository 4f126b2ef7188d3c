import { transpose, type SparseRows } from './interactions.ts';

/**
 * Content fallback for items nobody has interacted with yet: the vector of a new item is the mean of the
 * centroids of its tags, each centroid being the mean vector of the trained items carrying that tag (the
 * "attribute-to-embedding" mapping of cold-start MF, e.g. Gantner et al. ICDM 2010, in its simplest form).
 * A fresh note tagged #hiking then reaches the users whose taste vectors point at other hiking notes.
 */
export class TagCentroids {
  private readonly centroids: Float32Array;
  private readonly counts: Int32Array;

  /** `itemTags`: item → tag ids, over the trained items; `nTags`: size of the tag vocabulary. */
  constructor(readonly itemFactors: Float32Array, readonly dims: number, itemTags: SparseRows, readonly nTags: number) {
    const byTag = transpose(itemTags, nTags);
    this.centroids = new Float32Array(nTags * dims);
    this.counts = new Int32Array(nTags);
    for (let t = 0; t < nTags; t++) {
      const n = byTag.ptr[t + 1]! - byTag.ptr[t]!;
      this.counts[t] = n;
      if (n === 0) continue;
      for (let e = byTag.ptr[t]!; e < byTag.ptr[t + 1]!; e++) {
        const o = byTag.idx[e]! * dims;
        for (let f = 0; f < dims; f++) this.centroids[t * dims + f]! += itemFactors[o + f]! / n;
      }
    }
  }

  /** Vector for a new item from its tag ids; zero (no opinion) when none of its tags was seen in training. */
  itemVector(tagIds: ArrayLike<number>): Float32Array {
    const d = this.dims, out = new Float32Array(d);
    let used = 0;
    for (let k = 0; k < tagIds.length; k++) {
      const t = tagIds[k]!;
      if (t < 0 || t >= this.nTags || this.counts[t] === 0) continue;
      used++;
      for (let f = 0; f < d; f++) out[f]! += this.centroids[t * d + f]!;
    }
    if (used > 1) for (let f = 0; f < d; f++) out[f] = out[f]! / used;
    return out;
  }
}
