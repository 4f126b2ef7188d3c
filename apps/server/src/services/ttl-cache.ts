/**
 * A bounded, process-local cache of store reads that expire after a fixed time. Invalidation is race-safe: a read
 * that started before an invalidation of any key does not fill the cache when it finishes (see `ticket`), so a
 * value deleted or changed on this node is never served again from a read that raced the change.
 */
/** How long a per-node read cache keeps an entry, and how many it keeps at most. */
export interface CacheOptions {
  ttlMs: number;
  maxEntries: number;
}

export class TtlCache<K, V> {
  private readonly entries = new Map<K, { value: V; until: number }>();
  private epoch = 0;
  /** Lookups answered from the cache and lookups that went to the store, since start (for metrics). */
  hits = 0;
  misses = 0;

  constructor(
    readonly ttlMs: number,
    readonly maxEntries: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K, now: number): V | undefined {
    const e = this.entries.get(key);
    if (e === undefined) {
      this.misses++;
      return undefined;
    }
    if (e.until <= now) {
      this.entries.delete(key);
      this.misses++;
      return undefined;
    }
    this.hits++;
    return e.value;
  }

  /** Take a ticket before reading the store, and pass it to `fill` with what the read returned. */
  ticket(): number {
    return this.epoch;
  }

  /** Caches `value` unless something was invalidated since `ticket` was taken; `now` is when the read began. */
  fill(ticket: number, key: K, value: V, now: number): void {
    if (ticket !== this.epoch) return;
    if (!this.entries.delete(key) && this.entries.size >= this.maxEntries) {
      // The oldest fill goes first: with one TTL for all entries it is also the next to expire.
      this.entries.delete(this.entries.keys().next().value as K);
    }
    this.entries.set(key, { value, until: now + this.ttlMs });
  }

  /**
   * Reads `keys` through the cache: hits come from it, the misses from one `load` call, passed through `prepare`
   * (e.g. frozen) and cached. Values come back in key order; keys the store does not have are left out, and a
   * repeated key yields its value at each occurrence, or only at the first with `once`.
   */
  async readThrough(
    keys: readonly K[],
    now: number,
    load: (missing: K[]) => Promise<readonly V[]>,
    keyOf: (value: V) => K,
    prepare: (value: V) => V,
    once = false,
  ): Promise<V[]> {
    const found = new Map<K, V>();
    const missing: K[] = [];
    for (const key of keys) {
      if (found.has(key)) continue;
      const hit = this.get(key, now);
      if (hit !== undefined) found.set(key, hit);
      else if (!missing.includes(key)) missing.push(key);
    }
    if (missing.length > 0) {
      const ticket = this.ticket();
      for (const loaded of await load(missing)) {
        const value = prepare(loaded);
        const key = keyOf(value);
        found.set(key, value);
        this.fill(ticket, key, value, now);
      }
    }
    const out: V[] = [];
    for (const key of keys) {
      const v = found.get(key);
      if (v === undefined) continue;
      out.push(v);
      if (once) found.delete(key);
    }
    return out;
  }

  /** Call before and again after changing `key` in the store. */
  invalidate(key: K): void {
    this.epoch++;
    this.entries.delete(key);
  }
}
