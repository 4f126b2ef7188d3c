import { SeededRng, type EngineEvent } from '@notewave/engine';

/**
 * A deterministic stream of client events resembling feed traffic (mostly impressions and views, some likes,
 * saves and searches) over real user and note ids. `prefix` keeps client event ids unique across runs.
 */
export class EventMix {
  private readonly rng: SeededRng;
  private n = 0;

  constructor(
    private readonly users: readonly string[],
    private readonly notes: readonly string[],
    private readonly queries: readonly string[],
    private readonly prefix: string,
    seed: number,
  ) {
    this.rng = new SeededRng(seed);
  }

  /** A client-side event (no userId or ts: the server stamps those). */
  nextRaw(): Record<string, unknown> {
    const i = this.n++;
    const r = this.rng.next();
    const noteId = this.notes[this.rng.int(this.notes.length)]!;
    const base = { clientEventId: `${this.prefix}-${i.toString(36)}`, surface: 'discover' };
    if (r < 0.55) return { ...base, type: 'impression', noteId, position: i % 20 };
    if (r < 0.85) return { ...base, type: 'view', noteId, portion: Math.round(this.rng.next() * 100) / 100, ms: this.rng.int(60_000) };
    if (r < 0.93) return { ...base, type: 'like', noteId };
    if (r < 0.97) return { ...base, type: 'save', noteId };
    const query = this.queries[this.rng.int(this.queries.length)]!;
    return { ...base, type: 'search', query, resultIds: [noteId] };
  }

  next(ts: number): EngineEvent {
    const userId = this.users[this.rng.int(this.users.length)]!;
    return { ...this.nextRaw(), userId, ts } as EngineEvent;
  }

  batch(size: number, ts: number): EngineEvent[] {
    return Array.from({ length: size }, () => this.next(ts));
  }
}
