import type { AppendOutcome, EngineEvent } from '@notewave/engine';
import { EventsService } from './events.service.ts';
import type { ModerationService } from './moderation.service.ts';

/**
 * The behaviour-event write path, plus: a `report` event newly stored (not a resent duplicate) also lands in the
 * operators' report queue, so clients that report through events and those that use POST /api/reports feed one
 * queue.
 */
export class ReportingEventsService extends EventsService {
  private readonly moderation: ModerationService;

  constructor(moderation: ModerationService, ...args: ConstructorParameters<typeof EventsService>) {
    super(...args);
    this.moderation = moderation;
  }

  override async record(events: readonly EngineEvent[]): Promise<AppendOutcome[]> {
    const outcomes = await super.record(events);
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as EngineEvent;
      if (e.type === 'report' && outcomes[i]?.status === 'stored') await this.moderation.fileFromEvent(e.userId, e.noteId, e.reason);
    }
    return outcomes;
  }
}
