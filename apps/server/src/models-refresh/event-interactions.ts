import { buildInteractions, DEFAULT_PROFILE_CONFIG, type EventLog, type InteractionMatrix, type StoredEvent } from '@notewave/engine';

/**
 * Implicit feedback as the engine counts it: a like is half a positive (the engine's co-occurrence weight),
 * saves, comments, shares and complete views a whole one; unlike and unsave take theirs back. A pair whose
 * total is not positive is dropped, so a like followed by an unlike leaves nothing to learn from.
 */
export const SIGNAL_WEIGHTS = { like: 0.5, save: 1, comment: 1, share: 1, complete: 1, unlike: -0.5, unsave: -1 } as const;

/** Smaller than any weight: what is left of a pair after rounding errors of +0.5 −0.5. */
const EPSILON = 1e-6;

/** The interaction matrix of the live community, with the ids behind its dense indices. */
export interface EventMatrix {
  matrix: InteractionMatrix;
  /** Model user index → user id. */
  userIds: string[];
  /** Model item index → note id. */
  noteIds: string[];
  /** Events read from the log. */
  events: number;
  /** Highest sequence number read: the model reflects the log up to here. */
  lastSeq: number;
}

/** Collects (user, note, weight) triples from events in log order; ids become dense indices on first sight. */
export class EventInteractions {
  private readonly users = new Map<string, number>();
  private readonly notes = new Map<string, number>();
  private u: number[] = [];
  private i: number[] = [];
  private w: number[] = [];
  private t: number[] = [];
  events = 0;
  lastSeq = 0;

  /** @param completePortion view portion at or above which a view is complete (the engine's profile setting). */
  constructor(private readonly completePortion = DEFAULT_PROFILE_CONFIG.completePortion) {}

  add(e: StoredEvent): void {
    this.events++;
    this.lastSeq = Math.max(this.lastSeq, e.seq);
    const weight = this.weightOf(e);
    if (weight === 0 || !('noteId' in e)) return;
    // A take-back of a pair never seen positive has nothing to cancel; it must not create indices.
    if (weight < 0 && !(this.users.has(e.userId) && this.notes.has(e.noteId))) return;
    this.u.push(indexOf(this.users, e.userId));
    this.i.push(indexOf(this.notes, e.noteId));
    this.w.push(weight);
    this.t.push(e.ts);
  }

  private weightOf(e: StoredEvent): number {
    switch (e.type) {
      case 'like': case 'save': case 'comment': case 'share': case 'unlike': case 'unsave':
        return SIGNAL_WEIGHTS[e.type];
      case 'view':
        return e.portion >= this.completePortion ? SIGNAL_WEIGHTS.complete : 0;
      default:
        return 0;
    }
  }

  /** Number of raw triples collected so far (before take-backs are netted out). */
  get size(): number {
    return this.u.length;
  }

  /**
   * Replaces the raw triples by one netted entry per pair, keeping every index: memory then follows the
   * number of pairs rather than of events, and later events add to the totals exactly as a full re-read would.
   */
  compact(): void {
    const summed = buildInteractions(this.users.size, this.notes.size, { users: this.u, items: this.i, values: this.w, times: this.t });
    const u: number[] = [], i: number[] = [], w: number[] = [], t: number[] = [];
    const { ptr, idx, val } = summed.byUser;
    for (let r = 0; r < this.users.size; r++) {
      for (let e = ptr[r]!; e < ptr[r + 1]!; e++) {
        if (Math.abs(val[e]!) <= EPSILON) continue;
        u.push(r);
        i.push(idx[e]!);
        w.push(val[e]!);
        t.push(summed.userTimes![e]!);
      }
    }
    this.u = u;
    this.i = i;
    this.w = w;
    this.t = t;
  }

  /** Nets duplicates, drops pairs that are not positive, and renumbers so every user and note has one. */
  build(): EventMatrix {
    const summed = buildInteractions(this.users.size, this.notes.size, { users: this.u, items: this.i, values: this.w, times: this.t });
    const userIds = [...this.users.keys()], noteIds = [...this.notes.keys()];
    const keepUser = new Int32Array(userIds.length).fill(-1), keepNote = new Int32Array(noteIds.length).fill(-1);
    const users: number[] = [], items: number[] = [], values: number[] = [], times: number[] = [];
    const outUsers: string[] = [], outNotes: string[] = [];
    const { ptr, idx, val } = summed.byUser;
    for (let u = 0; u < userIds.length; u++) {
      for (let e = ptr[u]!; e < ptr[u + 1]!; e++) {
        if (val[e]! <= EPSILON) continue;
        if (keepUser[u] === -1) keepUser[u] = outUsers.push(userIds[u]!) - 1;
        const n = idx[e]!;
        if (keepNote[n] === -1) keepNote[n] = outNotes.push(noteIds[n]!) - 1;
        users.push(keepUser[u]!);
        items.push(keepNote[n]!);
        values.push(val[e]!);
        times.push(summed.userTimes![e]!);
      }
    }
    const matrix = buildInteractions(outUsers.length, outNotes.length, { users, items, values, times });
    return { matrix, userIds: outUsers, noteIds: outNotes, events: this.events, lastSeq: this.lastSeq };
  }
}

function indexOf(ids: Map<string, number>, id: string): number {
  let ix = ids.get(id);
  if (ix === undefined) ids.set(id, (ix = ids.size));
  return ix;
}

export interface ReadOptions {
  completePortion?: number;
  /** Continue an earlier read: only events after its `lastSeq` are read, then it is compacted. */
  into?: EventInteractions;
  pageSize?: number;
  signal?: AbortSignal;
  onPage?: (events: number, lastSeq: number) => void;
}

/** Reads the event log in pages (all of it, or what `into` has not seen) and builds its interaction matrix. */
export async function readEventMatrix(log: EventLog, opts: ReadOptions = {}): Promise<EventMatrix> {
  const pageSize = opts.pageSize ?? 5_000;
  const acc = opts.into ?? new EventInteractions(opts.completePortion);
  for (let after = acc.lastSeq; ;) {
    opts.signal?.throwIfAborted();
    const page = await log.readSince(after, pageSize);
    for (const e of page) acc.add(e);
    if (page.length > 0) after = page[page.length - 1]!.seq;
    opts.onPage?.(acc.events, acc.lastSeq);
    if (page.length < pageSize) break;
  }
  const built = acc.build();
  if (opts.into) acc.compact();
  return built;
}
