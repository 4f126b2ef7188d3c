import type { Engine, EngineEvent, EventLog, StoredEvent } from '@notewave/engine';

const PAGE = 2_000;

/**
 * Keeps the engine in step with the event log. Events this node stored are applied at once; on a shared
 * (multi-node) store, `catchUp` also reads what other nodes appended, skipping the sequence numbers this
 * node already applied, so every event reaches the engine exactly once.
 */
export class EngineSync {
  /** Every seq <= watermark has been applied (or was never ours to apply). */
  private watermark: number;
  /** Seqs above the watermark this node applied directly; they are skipped when the tail reaches them. */
  private readonly appliedAhead = new Set<number>();
  private tailing: Promise<number> | null = null;

  constructor(
    private readonly engine: Engine,
    private readonly log: EventLog,
    private readonly multiNode: boolean,
    startSeq: number,
  ) {
    this.watermark = startSeq;
  }

  get appliedSeq(): number {
    return this.watermark;
  }

  /** Whether exactly the events up to `appliedSeq` are applied (none above it applied ahead of the tail). */
  get exact(): boolean {
    return this.appliedAhead.size === 0;
  }

  /**
   * A client's event as it is to be stored: a search event naming no results gets the ids the search returns now, so
   * the log says what the user saw and every node replaying it builds the same profile (see `Engine.applyEvent`).
   */
  toStore(event: EngineEvent): EngineEvent {
    return this.engine.withSearchResults(event);
  }

  /** Applies events this node has just appended. */
  applyStored(stored: readonly { event: EngineEvent; seq: number }[]): void {
    for (const { event, seq } of stored) {
      if (!this.multiNode) {
        // The only writer: each stored seq arrives here exactly once, though concurrent requests may deliver
        // them out of order, so the watermark only records the newest and never filters.
        this.engine.applyEvent(event);
        this.watermark = Math.max(this.watermark, seq);
        continue;
      }
      // The tail may have read this seq between our commit and now; it then applied it already.
      if (seq <= this.watermark || this.appliedAhead.has(seq)) continue;
      this.engine.applyEvent(event);
      this.appliedAhead.add(seq);
    }
  }

  /** Reads and applies events appended since the watermark; returns how many were new to this node. */
  catchUp(): Promise<number> {
    // One tail at a time: overlapping reads would apply the same page twice.
    this.tailing ??= this.readAll().finally(() => {
      this.tailing = null;
    });
    return this.tailing;
  }

  private async readAll(): Promise<number> {
    let applied = 0;
    for (;;) {
      const page: StoredEvent[] = await this.log.readSince(this.watermark, PAGE);
      for (const e of page) {
        if (this.appliedAhead.delete(e.seq)) {
          this.watermark = e.seq;
          continue;
        }
        const { seq: _seq, ...event } = e;
        this.engine.applyEvent(event as EngineEvent);
        this.watermark = e.seq;
        applied++;
      }
      if (page.length < PAGE) return applied;
    }
  }
}
