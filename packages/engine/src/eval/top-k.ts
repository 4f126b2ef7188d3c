/**
 * Top-K selection over a dense score vector with a size-K min-heap: O(n log K), no full sort, no allocation
 * beyond K slots. Entries equal to -Infinity (excluded items) are never selected; ties go to the lower index
 * so rankings are reproducible.
 */
export function topK(scores: ArrayLike<number>, k: number, out?: Int32Array): Int32Array {
  const n = scores.length;
  const cap = Math.max(0, Math.min(k, n));
  const heap = new Int32Array(cap);
  let size = 0;
  // "a ranks below b": lower score, or equal score and higher index.
  const below = (a: number, b: number): boolean => {
    const sa = scores[a]!, sb = scores[b]!;
    return sa < sb || (sa === sb && a > b);
  };
  const siftDown = (start: number): void => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) return;
      const r = l + 1;
      const m = r < size && below(heap[r]!, heap[l]!) ? r : l;
      if (!below(heap[m]!, heap[i]!)) return;
      const t = heap[i]!;
      heap[i] = heap[m]!;
      heap[m] = t;
      i = m;
    }
  };
  for (let j = 0; j < n && cap > 0; j++) {
    const s = scores[j]!;
    if (s === -Infinity || s !== s) continue;
    if (size < cap) {
      let i = size++;
      heap[i] = j;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!below(heap[i]!, heap[p]!)) break;
        const t = heap[i]!;
        heap[i] = heap[p]!;
        heap[p] = t;
        i = p;
      }
    } else if (below(heap[0]!, j)) {
      heap[0] = j;
      siftDown(0);
    }
  }
  // Pop the heap from the worst upward to get the best-first order.
  const res = out && out.length >= size ? out.subarray(0, size) : new Int32Array(size);
  const total = size;
  for (let w = total - 1; w >= 0; w--) {
    res[w] = heap[0]!;
    heap[0] = heap[--size]!;
    siftDown(0);
  }
  return res;
}
