import { validateEvent, type AppendOutcome, type Clock, type EngineEvent, type EventLog, type IdGenerator } from '@notewave/engine';
import type { EventBatchResult } from '@notewave/api-client';
import type { EngineSync } from '../engine/engine-sync.ts';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event the server records on a user's behalf (like, save, follow…): id and time are filled in. */
export type ActionEvent = DistributiveOmit<EngineEvent, 'userId' | 'clientEventId' | 'ts'>;

export interface IngestCounter {
  countEvents(outcome: 'accepted' | 'duplicate' | 'rejected', n: number): void;
}

/** The write path for behaviour: persist to the event log first, then apply what was newly stored. */
export class EventsService {
  constructor(
    private readonly log: EventLog,
    private readonly sync: EngineSync,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly counter: IngestCounter | null = null,
  ) {}

  async record(events: readonly EngineEvent[]): Promise<AppendOutcome[]> {
    if (events.length === 0) return [];
    const outcomes = await this.log.append(events);
    const stored: { event: EngineEvent; seq: number }[] = [];
    outcomes.forEach((o, i) => {
      if (o.status === 'stored') stored.push({ event: events[i] as EngineEvent, seq: o.seq });
    });
    this.sync.applyStored(stored);
    return outcomes;
  }

  async recordAction(userId: string, action: ActionEvent): Promise<void> {
    const event = { ...action, userId, clientEventId: `srv_${this.ids.next('ev')}`, ts: this.clock.now() } as EngineEvent;
    await this.record([event]);
  }

  /**
   * Validates each raw event on its own so one bad event never sinks the batch; valid ones are stored even
   * when others are rejected, and a resent clientEventId counts as a duplicate, not a second event.
   */
  async ingest(userId: string, raws: readonly unknown[]): Promise<EventBatchResult> {
    const ts = this.clock.now();
    const valid: EngineEvent[] = [];
    const rejected: EventBatchResult['rejected'] = [];
    raws.forEach((raw, index) => {
      const r = validateEvent(raw, userId, ts);
      if (r.ok) valid.push(this.sync.toStore(r.event));
      else rejected.push({ index, message: r.message });
    });
    const outcomes = await this.record(valid);
    const accepted = outcomes.filter((o) => o.status === 'stored').length;
    const duplicates = outcomes.length - accepted;
    this.counter?.countEvents('accepted', accepted);
    this.counter?.countEvents('duplicate', duplicates);
    this.counter?.countEvents('rejected', rejected.length);
    return { accepted, duplicates, rejected };
  }
}
