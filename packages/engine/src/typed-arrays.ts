/** Typed arrays the engine grows by doubling as indices (notes, terms, slots) are added. */
export type GrowableArray = Int32Array | Uint32Array | Uint16Array | Uint8Array | Float32Array | Float64Array;

/** A copy of `a` grown to at least `min` elements by doubling, its contents kept (for callers that found `a` too short). */
export function grow<T extends GrowableArray>(a: T, min: number): T {
  let cap = Math.max(4, a.length);
  while (cap < min) cap *= 2;
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}
