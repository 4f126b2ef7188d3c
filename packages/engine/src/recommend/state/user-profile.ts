import type { NoteMeta } from '../../catalog/note-catalog.ts';
import type { ProfileConfig, Signal } from './profile-config.ts';
import { RecencyLog } from './recency-log.ts';
import { LEVELS, type Level, type TopicKey, type TopicKeyTable } from './topic-keys.ts';

const HOUR = 3_600_000;

/**
 * One topic's interest: a decayed weight plus the undecayed contribution of each signal that can
 * explain it (skips and not-interested lower the weight but explain nothing, so they are not kept).
 * A snapshot: profiles store topics in typed arrays and build these only when asked.
 */
export interface TopicWeight {
  w: number;
  t: number;
  level: Level;
  /** Per signal, in the order the signals first reached this topic. */
  bySignal: Partial<Record<Signal, number>>;
  /** The query that raised this topic, when search did. */
  query?: string;
}

export interface Visit {
  t: number;
  outcome: 'complete' | 'skip' | 'partial';
  portion: number;
}

const VISITS_CAP = 256;
/** How late an event may arrive and still find the visit it belongs to. */
const VISIT_SLACK_MS = 24 * HOUR;
const OUTCOMES: readonly Visit['outcome'][] = ['complete', 'skip', 'partial'];

export interface RankedTopic {
  key: string;
  w: number;
  tw: TopicWeight;
}

export interface QueryIntent {
  text: string;
  w: number;
  t: number;
}

export interface PositiveItem {
  ix: number;
  signal: Signal;
  t: number;
}

/**
 * A Set that allocates nothing until its first element: most users never hide anything, and an
 * empty Set costs ~160 bytes, three per profile.
 */
export class LazySet<T> implements Iterable<T> {
  private set: Set<T> | null = null;

  get size(): number {
    return this.set === null ? 0 : this.set.size;
  }

  has(v: T): boolean {
    return this.set !== null && this.set.has(v);
  }

  add(v: T): this {
    (this.set ??= new Set()).add(v);
    return this;
  }

  delete(v: T): boolean {
    return this.set !== null && this.set.delete(v);
  }

  [Symbol.iterator](): Iterator<T> {
    return (this.set ?? EMPTY)[Symbol.iterator]() as Iterator<T>;
  }
}

const EMPTY: ReadonlySet<never> = new Set();

/** Signals whose per-topic sums are kept (the ones a reason can name), and their column. */
const REASON_SIGNALS: readonly Signal[] = ['search', 'complete', 'save', 'comment', 'share', 'like', 'follow', 'open'];
/**
 * Signal sums kept inline per topic, in arrival order; a topic reached by more distinct signals
 * (mostly broad categories) keeps the other XS in a block of the profile's overflow pool.
 */
const NS = 4;
const XS = REASON_SIGNALS.length - NS;
const SIGNAL_COLUMN: Record<Signal, number> = { search: 0, complete: 1, save: 2, comment: 3, share: 4, like: 5, follow: 6, open: 7, skip: -1, not_interested: -1 };

/**
 * A user's live interest profile over the topic hierarchy, with the per-user memory the rerankers
 * need (seen notes, hidden notes/authors/tags). Mutated in place by every event.
 *
 * Topics are slots in one ArrayBuffer (struct of arrays): weight and time, the sums of the first
 * four signals to reach the topic (float64, so reasons tie-break exactly as before; later ones go
 * to a block of the profile's overflow pool), the interned topic id, the order signals first
 * arrived (3 bits each), the overflow block, and an open-addressing index from topic id to slot:
 * about 70 bytes a topic, where a Map entry, a TopicWeight object and its `bySignal` object took
 * over 200. Slot order is insertion order, as the Map's was, so pruning and ranking break ties the
 * same way.
 */
export class UserProfile {
  readonly queries: QueryIntent[] = [];
  readonly positives: PositiveItem[] = [];
  /** ix → time of the latest impression; iteration order is recency order (oldest first). */
  readonly seen: RecencyLog;
  /** Recent reads/watches by note (time, portion, outcome), so one visit reported twice counts once. */
  private readonly visits = new RecencyLog(VISITS_CAP, 2);
  readonly hiddenNotes = new LazySet<number>();
  readonly hiddenAuthors = new LazySet<string>();
  readonly hiddenTags = new LazySet<string>();
  lastOpened = -1;
  /** Bumped by every change to the topics: a cheap version for memoised views. */
  events = 0;
  private ranked: { now: number; events: number; order: number[]; weights: number[]; items: RankedTopic[] } | null = null;

  // Topic slots; see the class comment. Allocated on the first topic.
  private n = 0;
  private cap = 0;
  private bits = 0;
  /** [w, t] per slot. */
  private wt: Float64Array | null = null;
  /** NS sums per slot, by arrival position. */
  private sig: Float64Array | null = null;
  /** Sums past the first NS arrivals: XS numbers per block (see the block column in `ints`). */
  private extra: number[] | null = null;
  /**
   * [0, cap): topic id per slot; [cap, 2·cap): signal order per slot; [2·cap, 3·cap): overflow
   * block + 1 per slot (0: none); then the index (slot + 1, 0 empty).
   */
  private ints: Int32Array | null = null;
  /** Query per slot, only once some search raised a topic. */
  private qs: (string | undefined)[] | null = null;

  /** `halfLifeMs`: half-life in ms per level index, from `cfg` (one array shared by an engine's profiles). */
  constructor(
    readonly userId: string,
    public market: string | null,
    private readonly cfg: ProfileConfig,
    private readonly table: TopicKeyTable,
    private readonly halfLifeMs: readonly number[] = halfLivesMs(cfg),
  ) {
    this.seen = new RecencyLog(cfg.seenCap);
  }

  /** The decayed weight of a topic key at `now`. */
  weight(key: string, now: number): number {
    const k = this.table.find(key);
    const s = k ? this.slotOf(k.id) : -1;
    return s < 0 ? 0 : this.decayedAt(s, (k as TopicKey).li, now);
  }

  /** Number of topics held. */
  get topicCount(): number {
    return this.n;
  }

  /** A snapshot of one topic, if the profile holds it. */
  topic(key: string): TopicWeight | undefined {
    const k = this.table.find(key);
    const s = k ? this.slotOf(k.id) : -1;
    return s < 0 ? undefined : this.snapshot(s, (k as TopicKey).level);
  }

  /** Snapshots of every topic in insertion order (for inspection and tests; allocates). */
  get topics(): ReadonlyMap<string, TopicWeight> {
    const out = new Map<string, TopicWeight>();
    const ints = this.ints;
    for (let s = 0; s < this.n; s++) {
      const k = this.table.keyById((ints as Int32Array)[s] as number);
      out.set(k.key, this.snapshot(s, k.level));
    }
    return out;
  }

  /** Calls `fn` with every topic's key and decayed weight at `now`, in insertion order, allocating nothing. */
  forEachTopic(now: number, fn: (key: TopicKey, w: number) => void): void {
    const ints = this.ints;
    for (let s = 0; s < this.n; s++) {
      const k = this.table.keyById((ints as Int32Array)[s] as number);
      fn(k, this.decayedAt(s, k.li, now));
    }
  }

  /** Adds `signal × strength` to every topic of the note (`query` labels search-driven signals). */
  addNoteSignal(m: NoteMeta, signal: Signal, strength: number, now: number, query?: string): void {
    const d = this.cfg.signals[signal] * strength;
    if (d === 0) return;
    const keys = this.table.ofNote(m);
    const col = SIGNAL_COLUMN[signal];
    for (let i = 0; i < keys.length; i++) this.bump(keys[i] as TopicKey, col, d, now, query);
    if (d > 0 && signal !== 'open') this.remember(m.ix, signal, now);
  }

  /** Adds `signal × strength` to one topic key (e.g. a tag marked not interested); skipped when the engine's loose keys are at their bound. */
  addTopicSignal(key: string, signal: Signal, strength: number, now: number): void {
    const k = this.table.internLoose(key);
    if (k) this.bump(k, SIGNAL_COLUMN[signal], this.cfg.signals[signal] * strength, now);
  }

  /**
   * Adds a search: the query's own terms, and the same weight spread over the topics of its top results (so the
   * searched topic's category outweighs a few saves in another: search is the heaviest signal). A query term that no
   * note uses is skipped once the engine's loose keys are at their bound (see `TopicKeyTable`).
   */
  addSearch(query: string, queryKeys: readonly string[], results: readonly NoteMeta[], now: number): void {
    const d = this.cfg.signals.search;
    const col = SIGNAL_COLUMN.search;
    const text = query.trim();
    for (const key of queryKeys) {
      const k = this.table.internLoose(key);
      if (k) this.bump(k, col, d, now, text);
    }
    const share = results.length > 0 ? 1 / results.length : 0;
    for (const m of results) for (const k of this.table.ofNote(m)) this.bump(k, col, d * share, now, text);
    const existing = this.queries.findIndex((q) => q.text.toLowerCase() === text.toLowerCase());
    const prev = existing >= 0 ? (this.queries.splice(existing, 1)[0] as QueryIntent) : null;
    const w = (prev ? decayed(prev.w, prev.t, now, this.cfg.queryHalfLifeHours * HOUR) : 0) + 1;
    this.queries.unshift({ text, w, t: now });
    if (this.queries.length > this.cfg.maxQueries) this.queries.length = this.cfg.maxQueries;
  }

  /** Remembered queries with their decayed intent, strongest first. */
  activeQueries(now: number): { text: string; w: number }[] {
    const hl = this.cfg.queryHalfLifeHours * HOUR;
    return this.queries.map((q) => ({ text: q.text, w: decayed(q.w, q.t, now, hl) })).sort((a, b) => b.w - a.w);
  }

  /** Topics with positive decayed weight, strongest first (memoised while the profile and time stand still). */
  topTopics(now: number, limit: number): RankedTopic[] {
    let r = this.ranked;
    if (!r || r.now !== now || r.events !== this.events) {
      const order: number[] = [];
      const weights: number[] = [];
      const keys: string[] = [];
      const ints = this.ints;
      for (let s = 0; s < this.n; s++) {
        const k = this.table.keyById((ints as Int32Array)[s] as number);
        const w = this.decayedAt(s, k.li, now);
        weights.push(w);
        keys.push(k.key);
        if (w > 0) order.push(s);
      }
      order.sort((a, b) => (weights[b] as number) - (weights[a] as number) || ((keys[a] as string) < (keys[b] as string) ? -1 : 1));
      r = this.ranked = { now, events: this.events, order, weights, items: [] };
    }
    const want = Math.min(Math.max(0, limit), r.order.length);
    for (let i = r.items.length; i < want; i++) {
      const s = r.order[i] as number;
      const k = this.table.keyById((this.ints as Int32Array)[s] as number);
      r.items.push({ key: k.key, w: r.weights[s] as number, tw: this.snapshot(s, k.level) });
    }
    return r.items.slice(0, want);
  }

  /**
   * The visit to a note still open at `now` (within `windowMs` of its start), if any. Visits that
   * started a day before both this window and the configured one are forgotten here, so a profile
   * keeps its recent visits rather than up to 256; the day is slack for events that arrive late
   * (a visit is looked up at its own event's time).
   */
  visit(ix: number, now: number, windowMs: number): Visit | null {
    this.visits.dropOlderThan(now - Math.max(windowMs, this.cfg.visitWindowMinutes * 60_000) - VISIT_SLACK_MS);
    const t = this.visits.get(ix);
    if (t === undefined || now - t > windowMs) return null;
    return { t, outcome: OUTCOMES[this.visits.payload(ix, 1)] as Visit['outcome'], portion: this.visits.payload(ix, 0) };
  }

  /** Records a visit that started at `start` (kept across events of one visit). */
  recordVisit(ix: number, start: number, outcome: Visit['outcome'], portion: number): void {
    this.visits.set(ix, start, portion, OUTCOMES.indexOf(outcome));
  }

  markSeen(ix: number, now: number): void {
    this.seen.set(ix, now);
  }

  private remember(ix: number, signal: Signal, now: number): void {
    const i = this.positives.findIndex((p) => p.ix === ix);
    if (i >= 0) this.positives.splice(i, 1);
    this.positives.unshift({ ix, signal, t: now });
    if (this.positives.length > this.cfg.maxPositives) this.positives.length = this.cfg.maxPositives;
  }

  private bump(k: TopicKey, col: number, d: number, now: number, query?: string): void {
    let s = this.slotOf(k.id);
    if (s < 0) {
      if (d <= 0) return;
      s = this.append(k.id, now);
    }
    this.events++;
    const wt = this.wt as Float64Array;
    const hl = this.halfLifeMs[k.li] as number;
    wt[2 * s] = decayed(wt[2 * s] as number, wt[2 * s + 1] as number, now, hl) + d;
    wt[2 * s + 1] = now;
    if (col >= 0) {
      let at = this.signalPosition(s, col);
      if (at < 0) at = this.noteSignal(s, col);
      if (at < NS) {
        const sig = this.sig as Float64Array;
        sig[s * NS + at] = (sig[s * NS + at] as number) + Math.abs(d);
      } else {
        const ints = this.ints as Int32Array;
        const extra = (this.extra ??= []);
        let b = ints[2 * this.cap + s] as number;
        if (b === 0) {
          b = extra.length / XS + 1;
          for (let i = 0; i < XS; i++) extra.push(0);
          ints[2 * this.cap + s] = b;
        }
        const o = (b - 1) * XS + at - NS;
        extra[o] = (extra[o] as number) + Math.abs(d);
      }
    }
    if (query !== undefined) (this.qs ??= [])[s] = query;
    if (this.n > this.cfg.maxKeys * 1.25) this.prune(now);
  }

  private decayedAt(s: number, li: number, now: number): number {
    const wt = this.wt as Float64Array;
    return decayed(wt[2 * s] as number, wt[2 * s + 1] as number, now, this.halfLifeMs[li] as number);
  }

  private snapshot(s: number, level: Level): TopicWeight {
    const wt = this.wt as Float64Array;
    const sig = this.sig as Float64Array;
    const order = (this.ints as Int32Array)[this.cap + s] as number;
    const bySignal: Partial<Record<Signal, number>> = {};
    const block = (((this.ints as Int32Array)[2 * this.cap + s] as number) - 1) * XS;
    for (let i = 0, c = order & 15; i < c; i++) {
      const col = (order >>> (4 + 3 * i)) & 7;
      bySignal[REASON_SIGNALS[col] as Signal] = i < NS ? (sig[s * NS + i] as number) : ((this.extra as number[])[block + i - NS] as number);
    }
    const tw: TopicWeight = { w: wt[2 * s] as number, t: wt[2 * s + 1] as number, level, bySignal };
    const q = this.qs?.[s];
    if (q !== undefined) tw.query = q;
    return tw;
  }

  /** Arrival position of signal column `col` at slot `s`, or -1 if it has not reached the topic. */
  private signalPosition(s: number, col: number): number {
    const order = (this.ints as Int32Array)[this.cap + s] as number;
    for (let i = 0, c = order & 15; i < c; i++) if (((order >>> (4 + 3 * i)) & 7) === col) return i;
    return -1;
  }

  /** Records that `col` reached slot `s`; returns its arrival position. */
  private noteSignal(s: number, col: number): number {
    const ints = this.ints as Int32Array;
    const order = ints[this.cap + s] as number;
    const c = order & 15;
    ints[this.cap + s] = ((order & ~15) | (col << (4 + 3 * c)) | (c + 1)) >>> 0;
    return c;
  }

  private slotOf(id: number): number {
    const ints = this.ints;
    if (!ints) return -1;
    const base = 3 * this.cap;
    const mask = (1 << this.bits) - 1;
    for (let h = hashId(id, this.bits); ; h = (h + 1) & mask) {
      const v = ints[base + h] as number;
      if (v === 0) return -1;
      if (ints[v - 1] === id) return v - 1;
    }
  }

  private append(id: number, now: number): number {
    if (this.n === this.cap) this.resize(Math.min(Math.max(8, Math.ceil(this.cap * 1.5)), Math.floor(this.cfg.maxKeys * 1.25) + 1));
    const s = this.n++;
    const ints = this.ints as Int32Array;
    ints[s] = id;
    ints[this.cap + s] = 0;
    ints[2 * this.cap + s] = 0;
    (this.wt as Float64Array)[2 * s] = 0;
    (this.wt as Float64Array)[2 * s + 1] = now;
    (this.sig as Float64Array).fill(0, s * NS, (s + 1) * NS);
    if (this.qs && s < this.qs.length) this.qs[s] = undefined;
    this.index(id, s);
    return s;
  }

  private index(id: number, s: number): void {
    const ints = this.ints as Int32Array;
    const base = 3 * this.cap;
    const mask = (1 << this.bits) - 1;
    let h = hashId(id, this.bits);
    while ((ints[base + h] as number) !== 0) h = (h + 1) & mask;
    ints[base + h] = s + 1;
  }

  /** Moves the slots into a buffer of `cap` slots (keeping slots [0, n)) and rebuilds the index. */
  private resize(cap: number): void {
    let bits = 3;
    while (1 << bits < cap * 2) bits++;
    const buf = new ArrayBuffer(cap * (16 + 8 * NS + 12) + (1 << bits) * 4);
    const wt = new Float64Array(buf, 0, 2 * cap);
    const sig = new Float64Array(buf, cap * 16, cap * NS);
    const ints = new Int32Array(buf, cap * (16 + 8 * NS), 3 * cap + (1 << bits));
    const n = this.n;
    if (this.wt) wt.set(this.wt.subarray(0, 2 * n));
    if (this.sig) sig.set(this.sig.subarray(0, n * NS));
    if (this.ints) {
      ints.set(this.ints.subarray(0, n));
      ints.set(this.ints.subarray(this.cap, this.cap + n), cap);
      ints.set(this.ints.subarray(2 * this.cap, 2 * this.cap + n), 2 * cap);
    }
    this.wt = wt;
    this.sig = sig;
    this.ints = ints;
    this.cap = cap;
    this.bits = bits;
    for (let s = 0; s < n; s++) this.index(ints[s] as number, s);
  }

  /** Drops the weakest topics; amortised, so a profile's size stays bounded. */
  private prune(now: number): void {
    const n = this.n;
    const ints = this.ints as Int32Array;
    const w: number[] = [];
    for (let s = 0; s < n; s++) w.push(this.decayedAt(s, this.table.keyById(ints[s] as number).li, now));
    // Stable: equal weights keep insertion order, as the Map-based profile did.
    const ranked = Array.from({ length: n }, (_, s) => s).sort((a, b) => (w[b] as number) - (w[a] as number));
    const keep = new Uint8Array(n);
    for (const s of ranked.slice(0, this.cfg.maxKeys)) keep[s] = 1;
    const wt = this.wt as Float64Array;
    const sig = this.sig as Float64Array;
    const cap = this.cap;
    const qs = this.qs;
    const extra = this.extra;
    const kept: number[] = [];
    let to = 0;
    for (let s = 0; s < n; s++) {
      if (!keep[s]) continue;
      // Overflow blocks of kept topics are renumbered in slot order; dropped ones are let go.
      const b = ints[2 * cap + s] as number;
      let nb = 0;
      if (b !== 0 && extra) {
        nb = kept.length / XS + 1;
        for (let i = 0; i < XS; i++) kept.push(extra[(b - 1) * XS + i] as number);
      }
      ints[to] = ints[s] as number;
      ints[cap + to] = ints[cap + s] as number;
      ints[2 * cap + to] = nb;
      if (to !== s) {
        wt.copyWithin(2 * to, 2 * s, 2 * s + 2);
        sig.copyWithin(to * NS, s * NS, (s + 1) * NS);
        if (qs) qs[to] = qs[s];
      }
      to++;
    }
    if (extra) this.extra = kept.length > 0 ? kept : null;
    if (qs) qs.length = Math.min(qs.length, to);
    this.n = to;
    ints.fill(0, 3 * cap);
    for (let s = 0; s < to; s++) this.index(ints[s] as number, s);
  }
}

/** Half-life in ms per level index. */
export function halfLivesMs(cfg: ProfileConfig): readonly number[] {
  return LEVELS.map((l) => cfg.halfLifeHours[l] * HOUR);
}

function hashId(id: number, bits: number): number {
  return Math.imul(id, 0x9e3779b1) >>> (32 - bits);
}

function decayed(w: number, t: number, now: number, halfLifeMs: number): number {
  const dt = Math.max(0, now - t);
  return w * Math.pow(2, -dt / halfLifeMs);
}
