/**
 * User×item interactions as compressed sparse rows in both directions: `byUser` (CSR) walks a user's items,
 * `byItem` (CSC seen as CSR of the transpose) walks an item's users. Every model trains from this one shape.
 */
export interface SparseRows {
  /** Row r owns entries ptr[r] .. ptr[r+1]-1. */
  readonly ptr: Int32Array;
  readonly idx: Int32Array;
  readonly val: Float32Array;
}

export interface InteractionMatrix {
  readonly nUsers: number;
  readonly nItems: number;
  readonly nnz: number;
  readonly byUser: SparseRows;
  readonly byItem: SparseRows;
  /** Latest event time per entry of `byUser`, when the source had timestamps. */
  readonly userTimes?: Float64Array;
}

export interface InteractionTriples {
  users: ArrayLike<number>;
  items: ArrayLike<number>;
  /** Strength of each interaction (count, rating, dwell); 1 when absent. Duplicates are summed. */
  values?: ArrayLike<number>;
  /** Event time of each interaction; duplicates keep the latest. */
  times?: ArrayLike<number>;
}

/** Builds both sparse orientations with counting sorts: O(nnz + users + items), rows sorted by column. */
export function buildInteractions(nUsers: number, nItems: number, t: InteractionTriples): InteractionMatrix {
  const n = t.users.length;
  if (t.items.length !== n) throw new RangeError('users and items differ in length');
  const counts = new Int32Array(nUsers + 1);
  for (let e = 0; e < n; e++) {
    const u = t.users[e]!, i = t.items[e]!;
    if (!(u >= 0 && u < nUsers && i >= 0 && i < nItems)) throw new RangeError(`interaction ${e} (${u}, ${i}) out of range`);
    counts[u + 1]!++;
  }
  for (let u = 0; u < nUsers; u++) counts[u + 1]! += counts[u]!;
  // Bucket by user, then sort each row by item and merge duplicates.
  const order = new Int32Array(n);
  const fill = counts.slice(0, nUsers);
  for (let e = 0; e < n; e++) order[fill[t.users[e]!]!++] = e;
  const ptr = new Int32Array(nUsers + 1);
  const idx = new Int32Array(n);
  const val = new Float32Array(n);
  const times = t.times ? new Float64Array(n) : undefined;
  let w = 0;
  for (let u = 0; u < nUsers; u++) {
    const row = Array.from(order.subarray(counts[u]!, counts[u + 1]!));
    row.sort((a, b) => t.items[a]! - t.items[b]! || a - b);
    let last = -1;
    for (const e of row) {
      const i = t.items[e]!;
      const v = t.values ? t.values[e]! : 1;
      if (i === last) {
        val[w - 1]! += v;
        if (times) times[w - 1] = Math.max(times[w - 1]!, t.times![e]!);
        continue;
      }
      idx[w] = i;
      val[w] = v;
      if (times) times[w] = t.times![e]!;
      w++;
      last = i;
    }
    ptr[u + 1] = w;
  }
  const byUser: SparseRows = { ptr, idx: idx.slice(0, w), val: val.slice(0, w) };
  return { nUsers, nItems, nnz: w, byUser, byItem: transpose(byUser, nItems), ...(times ? { userTimes: times.slice(0, w) } : {}) };
}

/** Transpose of a sparse row matrix with `nCols` columns; rows of the result stay sorted. */
export function transpose(m: SparseRows, nCols: number): SparseRows {
  const nnz = m.idx.length;
  const ptr = new Int32Array(nCols + 1);
  for (let e = 0; e < nnz; e++) ptr[m.idx[e]! + 1]!++;
  for (let c = 0; c < nCols; c++) ptr[c + 1]! += ptr[c]!;
  const fill = ptr.slice(0, nCols);
  const idx = new Int32Array(nnz);
  const val = new Float32Array(nnz);
  const nRows = m.ptr.length - 1;
  for (let r = 0; r < nRows; r++) {
    for (let e = m.ptr[r]!; e < m.ptr[r + 1]!; e++) {
      const p = fill[m.idx[e]!]!++;
      idx[p] = r;
      val[p] = m.val[e]!;
    }
  }
  return { ptr, idx, val };
}

/** Number of entries in row r. */
export function rowLength(m: SparseRows, r: number): number {
  return m.ptr[r + 1]! - m.ptr[r]!;
}

/** Items of one user as a Set, for exclusion during ranking. */
export function rowSet(m: SparseRows, r: number): Set<number> {
  return new Set(m.idx.subarray(m.ptr[r]!, m.ptr[r + 1]!));
}
