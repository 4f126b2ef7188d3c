import { NOTE_KINDS, type NoteKind } from '../../domain/note.ts';
import { hashString, SeededRng } from '../../runtime/rng.ts';
import { probGreater } from './beta-sampler.ts';

export interface TrafficPoolConfig {
  /** Impressions each stage grants before a decision: the "traffic pool" folklore (300 → 3k → 30k → 300k). */
  stages: number[];
  /**
   * A note's first audience is for new posts: a note not yet through stage 0 when the log's clock (the latest event
   * time applied) is this far past its creation leaves the pools, and a note that old when first seen never enters
   * (an import, not a new post). The log's clock, not a process's: every node applying the same log, and a node
   * rebuilding from it after loading every note first, keeps the same notes in the pools.
   */
  maxAgeHours: number;
  /** At a stage's capacity: promote when P(note > pool baseline) ≥ this, otherwise retire. */
  promoteConfidence: number;
  /** Early decisions once this share of a stage is spent, at stricter confidences. */
  earlyShare: number;
  earlyPromote: number;
  earlyRetire: number;
  /**
   * A note shown this many times in a stage (repeat showings to one user included) without a single success
   * leaves the pools, whatever the baseline: when every note in a stage is ignored the Beta comparison cannot tell
   * them apart, and a stage counts users, so a small audience shown it again and again would never fill it.
   */
  idleImpressions: number;
  /** Thompson draws per decision; decisions are checked every `checkEvery` impressions. */
  draws: number;
  checkEvery: number;
  /** Success credit per engagement, capped at one per impression. */
  credit: { complete: number; like: number; save: number; comment: number; share: number; follow: number };
}

export const DEFAULT_TRAFFIC_POOL_CONFIG: TrafficPoolConfig = {
  stages: [300, 3_000, 30_000, 300_000],
  maxAgeHours: 72,
  promoteConfidence: 0.8,
  earlyShare: 0.3,
  earlyPromote: 0.995,
  earlyRetire: 0.005,
  idleImpressions: 100,
  draws: 200,
  checkEvery: 10,
  credit: { complete: 1, like: 0.5, save: 0.5, comment: 1, share: 1, follow: 1 },
};

const NONE = -1;
const RETIRED = -2;

export type PoolStatus =
  | { state: 'none' }
  | { state: 'retired'; stage: number }
  | { state: 'graduated' }
  | { state: 'active'; stage: number; capacity: number; impressions: number; successes: number };

/**
 * Decentralised staged exposure. Every new note enters stage 0; each stage grants a number of
 * impressions to anyone (followers not required); at the stage's end the note's success rate
 * (completion + engagement per impression) is compared with its stage's baseline by Beta posteriors,
 * and the note is promoted to the next, larger stage or retired. The posteriors are sampled from a stream seeded by
 * the decision itself (the note's id, stage and counts, the baseline), never by a process-wide generator: every node
 * applying the same events makes the same promotions, and so does a node rebuilding them from the log.
 * Image and video notes have separate pools and baselines: a finished read and a finished watch are
 * different rates, and a video feed should not have to sift through image notes.
 */
export class TrafficPools {
  private stage = new Int8Array(1024).fill(NONE);
  private impr = new Float64Array(1024);
  /** Showings in the current stage, repeats to one user included (for idle retirement). */
  private shown = new Float64Array(1024);
  private succ = new Float64Array(1024);
  private retiredAt = new Int8Array(1024);
  private posInStage = new Int32Array(1024);
  private kindOf = new Int8Array(1024);
  /** Creation time per note, for leaving stage 0 with age. */
  private bornAt = new Float64Array(1024);
  /** Stage-0 notes as a min-heap by creation time (entries of notes that have moved on are dropped when reached). */
  private ageHeap: number[] = [];
  /** The log's clock: the latest event time applied (see `advance`). */
  private clock = -Infinity;
  /** Per kind, the notes currently in each stage (swap-remove keeps this O(1)). */
  private readonly active: number[][][];
  /** Per kind and stage, impressions and successes of every note that passed through: the pool baseline. */
  private readonly baseImpr: Float64Array[];
  private readonly baseSucc: Float64Array[];

  /** `idOf` names a note by its catalog index: indices differ between nodes, ids do not. */
  constructor(readonly cfg: TrafficPoolConfig, private readonly idOf: (ix: number) => string = String) {
    this.active = NOTE_KINDS.map(() => cfg.stages.map(() => []));
    this.baseImpr = NOTE_KINDS.map(() => new Float64Array(cfg.stages.length));
    this.baseSucc = NOTE_KINDS.map(() => new Float64Array(cfg.stages.length));
  }

  /** The notes currently in each stage for one kind (read-only view for sources). */
  stages(kind: NoteKind): readonly (readonly number[])[] {
    return this.active[NOTE_KINDS.indexOf(kind)] as number[][];
  }

  /** Enters a new note into stage 0 (a no-op for notes already known, or older than `maxAgeHours` by the log's clock). */
  enter(ix: number, kind: NoteKind, createdAt: number): void {
    this.ensure(ix);
    if (this.stage[ix] !== NONE || createdAt < this.clock - this.cfg.maxAgeHours * 3_600_000) return;
    this.kindOf[ix] = NOTE_KINDS.indexOf(kind);
    this.bornAt[ix] = createdAt;
    this.moveTo(ix, 0);
    this.heapPush(ix);
  }

  /**
   * Moves the log's clock to an applied event's time (it never goes back) and takes out of stage 0 the notes it has
   * left `maxAgeHours` behind. Driven by the events in log order, so it is the same on every node and on a rebuild.
   */
  advance(ts: number): void {
    if (!(ts > this.clock)) return;
    this.clock = ts;
    const oldest = ts - this.cfg.maxAgeHours * 3_600_000;
    const heap = this.ageHeap;
    while (heap.length > 0 && (this.bornAt[heap[0]!] as number) < oldest) {
      const ix = this.heapPop();
      if (this.stage[ix] === 0) this.leave(ix, NONE);
    }
  }

  /** Takes a note out of the pools (deleted). */
  remove(ix: number): void {
    if (ix < this.stage.length && (this.stage[ix] as number) >= 0) this.leave(ix, RETIRED);
  }

  stageOf(ix: number): number {
    return ix < this.stage.length ? (this.stage[ix] as number) : NONE;
  }

  /** Records one showing of a note; `newViewer` when it is the first to this user, the only kind that fills a stage. */
  impression(ix: number, newViewer = true): void {
    const s = this.stageOf(ix);
    if (s < 0 || s >= this.cfg.stages.length) return;
    this.shown[ix] = (this.shown[ix] as number) + 1;
    if ((this.shown[ix] as number) >= this.cfg.idleImpressions && (this.succ[ix] as number) === 0) {
      this.leave(ix, RETIRED);
      return;
    }
    if (!newViewer) return;
    this.impr[ix] = (this.impr[ix] as number) + 1;
    const base = this.baseImpr[this.kindOf[ix] as number] as Float64Array;
    base[s] = (base[s] as number) + 1;
    const n = this.impr[ix] as number;
    const cap = this.cfg.stages[s] as number;
    if (n >= cap) this.decide(ix, s, true);
    else if (n >= cap * this.cfg.earlyShare && n % this.cfg.checkEvery === 0) this.decide(ix, s, false);
  }

  /** Credits engagement to a note in a pool. */
  success(ix: number, credit: number): void {
    const s = this.stageOf(ix);
    if (s < 0 || s >= this.cfg.stages.length) return;
    const room = Math.max(0, (this.impr[ix] as number) - (this.succ[ix] as number));
    const c = Math.min(credit, room);
    this.succ[ix] = (this.succ[ix] as number) + c;
    const base = this.baseSucc[this.kindOf[ix] as number] as Float64Array;
    base[s] = (base[s] as number) + c;
  }

  /** True once the pools have retired the note (its first audience spent without earning the next). */
  isRetired(ix: number): boolean {
    return this.stageOf(ix) === RETIRED;
  }

  /** Distinct viewers in the note's current stage (0 outside the pools). */
  impressionsOf(ix: number): number {
    return this.stageOf(ix) >= 0 ? (this.impr[ix] as number) : 0;
  }

  status(ix: number): PoolStatus {
    const s = this.stageOf(ix);
    if (s === NONE) return { state: 'none' };
    if (s === RETIRED) return { state: 'retired', stage: this.retiredAt[ix] as number };
    if (s >= this.cfg.stages.length) return { state: 'graduated' };
    return { state: 'active', stage: s, capacity: this.cfg.stages[s] as number, impressions: this.impr[ix] as number, successes: this.succ[ix] as number };
  }

  private decide(ix: number, s: number, final: boolean): void {
    const n = this.impr[ix] as number;
    const k = this.succ[ix] as number;
    const kind = this.kindOf[ix] as number;
    const bn = (this.baseImpr[kind] as Float64Array)[s] as number;
    const bk = (this.baseSucc[kind] as Float64Array)[s] as number;
    // Baseline from the stage's other notes, so a note is not compared with itself.
    const rng = new SeededRng(hashString(`${this.idOf(ix)}|${s}|${n}|${k}|${bn}|${bk}`));
    const p = probGreater(k + 1, n - k + 1, bk - k + 1, bn - n - (bk - k) + 1, this.cfg.draws, rng);
    if (final) {
      if (p >= this.cfg.promoteConfidence) this.moveTo(ix, s + 1);
      else this.leave(ix, RETIRED);
    } else if (p >= this.cfg.earlyPromote) this.moveTo(ix, s + 1);
    else if (p <= this.cfg.earlyRetire) this.leave(ix, RETIRED);
  }

  private moveTo(ix: number, s: number): void {
    if ((this.stage[ix] as number) >= 0) this.leave(ix, s);
    this.stage[ix] = s;
    this.impr[ix] = 0;
    this.shown[ix] = 0;
    this.succ[ix] = 0;
    if (s < this.cfg.stages.length) {
      const list = (this.active[this.kindOf[ix] as number] as number[][])[s] as number[];
      this.posInStage[ix] = list.length;
      list.push(ix);
    }
  }

  private leave(ix: number, next: number): void {
    const s = this.stage[ix] as number;
    const list = this.active[this.kindOf[ix] as number]?.[s];
    if (list) {
      const pos = this.posInStage[ix] as number;
      const last = list.pop() as number;
      if (last !== ix) {
        list[pos] = last;
        this.posInStage[last] = pos;
      }
    }
    if (next === RETIRED) this.retiredAt[ix] = s;
    this.stage[ix] = next;
  }

  /** Heap order: created earlier first, then the lower index. */
  private before(a: number, b: number): boolean {
    const ta = this.bornAt[a] as number, tb = this.bornAt[b] as number;
    return ta < tb || (ta === tb && a < b);
  }

  private heapPush(ix: number): void {
    const heap = this.ageHeap;
    let i = heap.length;
    heap.push(ix);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent]!;
      if (!this.before(ix, p)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = ix;
  }

  private heapPop(): number {
    const heap = this.ageHeap;
    const top = heap[0]!;
    const last = heap.pop()!;
    const n = heap.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.before(heap[r]!, heap[l]!) ? r : l;
      if (!this.before(heap[c]!, last)) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = last;
    return top;
  }

  private ensure(ix: number): void {
    if (ix < this.stage.length) return;
    let cap = this.stage.length;
    while (cap <= ix) cap *= 2;
    const grow = <T extends Int8Array | Int32Array | Float64Array>(a: T, fill = 0): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.fill(fill as never);
      b.set(a as never);
      return b;
    };
    this.stage = grow(this.stage, NONE);
    this.impr = grow(this.impr);
    this.shown = grow(this.shown);
    this.succ = grow(this.succ);
    this.retiredAt = grow(this.retiredAt);
    this.posInStage = grow(this.posInStage);
    this.kindOf = grow(this.kindOf);
    this.bornAt = grow(this.bornAt);
  }
}
