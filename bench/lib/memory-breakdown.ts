import type { Engine } from '@notewave/engine';

/**
 * Where a loaded engine's memory is, by component: an estimate from walking the object graph. Each object, array,
 * string and buffer is counted once, for the first component (in the order below) that reaches it, so a component's
 * figure is what it holds beyond the components listed before it. Sizes are V8's layout on a 64-bit build without
 * pointer compression, approximately: 24 B per object plus 8 B per field, 16 B plus 8 B per element for arrays,
 * ~28 B per Map entry and ~20 B per Set entry (the hash tables' share), 16 B plus 1 or 2 B per character for strings,
 * and every ArrayBuffer's bytes once (plus ~64 B per view and buffer). It reads private fields on purpose: the point
 * is to see inside the state.
 */
export interface MemoryPart {
  name: string;
  bytes: number;
}

type Bag = Record<string, unknown>;

class GraphWalker {
  private readonly seenObjects = new WeakSet<object>();
  private readonly seenStrings = new Set<string>();
  private readonly seenBuffers = new WeakSet<ArrayBufferLike>();

  /** Bytes reachable from `root` that no earlier call reached. */
  size(root: unknown): number {
    let total = 0;
    const stack: unknown[] = [root];
    while (stack.length > 0) {
      const v = stack.pop();
      if (v === null || v === undefined) continue;
      if (typeof v === 'string') {
        if (this.seenStrings.has(v)) continue;
        this.seenStrings.add(v);
        total += 16 + v.length * (isOneByte(v) ? 1 : 2);
        continue;
      }
      if (typeof v !== 'object') continue;
      if (this.seenObjects.has(v)) continue;
      this.seenObjects.add(v);
      if (ArrayBuffer.isView(v)) {
        total += 64 + this.buffer(v.buffer);
        continue;
      }
      if (v instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && v instanceof SharedArrayBuffer)) {
        total += this.buffer(v);
        continue;
      }
      if (Array.isArray(v)) {
        total += 16 + 8 * v.length;
        for (const x of v) if (x !== null && (typeof x === 'object' || typeof x === 'string')) stack.push(x);
        continue;
      }
      if (v instanceof Map) {
        total += 32 + 28 * v.size;
        for (const [k, x] of v) stack.push(k, x);
        continue;
      }
      if (v instanceof Set) {
        total += 32 + 20 * v.size;
        for (const x of v) stack.push(x);
        continue;
      }
      if (v instanceof WeakMap || v instanceof WeakSet || v instanceof Promise) continue;
      const keys = Object.keys(v);
      total += 24 + 8 * keys.length;
      for (const k of keys) stack.push((v as Bag)[k]);
    }
    return total;
  }

  private buffer(b: ArrayBufferLike): number {
    if (this.seenBuffers.has(b)) return 0;
    this.seenBuffers.add(b);
    return 64 + b.byteLength;
  }
}

function isOneByte(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 255) return false;
  return true;
}

const PROFILE_FIELDS: Record<string, string> = {
  wt: 'profiles: topic slots (one buffer: weights, signal sums, ids, index)',
  table: 'topic key table (shared by profiles, notes, trends)',
  seen: 'profiles: seen notes (recency log)',
  visits: 'profiles: recent visits (recency log)',
  positives: 'profiles: recent positives',
};

/** The engine's memory by component, largest first; the last row is the total. */
export function engineMemoryBreakdown(engine: Engine): MemoryPart[] {
  const walker = new GraphWalker();
  const parts: MemoryPart[] = [];
  const add = (name: string, root: unknown) => parts.push({ name, bytes: walker.size(root) });
  const state = engine.recommender.state as unknown as Bag;
  const search = engine.search as unknown as Bag;

  // Profiles first, by field over every profile: they are the largest per-user state.
  const byField = new Map<string, number>();
  const profiles = state['profiles'] as Map<string, Bag>;
  for (const p of profiles.values()) {
    for (const k of Object.keys(p)) byField.set(k, (byField.get(k) ?? 0) + walker.size(p[k]));
  }
  const profileOther = walker.size(profiles);
  for (const [k, bytes] of byField) parts.push({ name: PROFILE_FIELDS[k] ?? `profiles: ${k}`, bytes });
  parts.push({ name: 'profiles: objects and map', bytes: profileOther });

  add('catalog (note metadata by id and index)', engine.catalog);
  add('search: inverted index', search['index']);
  add('search: document table (filters, snippet text)', search['docs']);
  add('search: suggester', search['suggester']);
  for (const k of ['cooccurrence', 'credits', 'counters', 'trends', 'traffic', 'pools', 'follows', 'popular', 'fresh', 'sessions', 'subtopics', 'topics']) {
    add(`recommend: ${k}`, state[k]);
  }
  add('recommend: other state', state);
  add('recommend: models and caches', engine.recommender);
  add('analytics rollups', engine.analytics);
  add('search: other', search);
  add('engine: other', engine);
  const shown = parts.filter((p) => p.bytes > 0).sort((a, b) => b.bytes - a.bytes);
  shown.push({ name: 'total (estimate)', bytes: parts.reduce((s, p) => s + p.bytes, 0) });
  return shown;
}
