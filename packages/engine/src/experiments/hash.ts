/** Buckets a traffic unit is hashed into; splits and layer shares are whole numbers of buckets. */
export const BUCKETS = 10_000;

/**
 * MurmurHash3 (x86, 32-bit) of a string's UTF-16 code units. Assignment must agree on every node and across
 * restarts, so it is a fixed, well-mixed hash of the unit and a salt — never a random draw or a per-process seed.
 */
export function murmur3(text: string, seed = 0): number {
  let h = seed >>> 0;
  const n = text.length;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    let k = (text.charCodeAt(i) & 0xffff) | ((text.charCodeAt(i + 1) & 0xffff) << 16);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (i < n) {
    let k = text.charCodeAt(i) & 0xffff;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
  }
  h ^= n * 2;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The bucket in [0, BUCKETS) of a unit under a salt. */
export function bucketOf(unitId: string, salt: string): number {
  // Modulo bias of 2^32 mod 10^4 is below 3e-6 per bucket: far under any test's resolution.
  return murmur3(`${salt}\u0000${unitId}`) % BUCKETS;
}
