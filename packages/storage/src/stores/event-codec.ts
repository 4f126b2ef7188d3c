import type { Insertable, Selectable } from 'kysely';
import type { EngineEvent, StoredEvent } from '@notewave/engine';
import { decodeJson, type EventsTable } from '../database.ts';

/*
 * The columns every event has (and that replay or analytics filter on) are real columns; the type-specific rest
 * (position, portion, query, resultIds, surface, recId, …) travels as one JSON payload. Decoding merges them back
 * into exactly the event that was appended.
 */

export function encodeEvent(e: EngineEvent): Insertable<EventsTable> {
  const { userId, clientEventId, ts, type, ...rest } = e as EngineEvent & { seq?: number; noteId?: string };
  const { noteId, seq: _seq, ...payload } = rest as typeof rest & { seq?: number; noteId?: string };
  return {
    user_id: userId,
    client_event_id: clientEventId,
    type,
    note_id: noteId ?? null,
    ts,
    payload: JSON.stringify(payload),
  };
}

export function decodeEvent(r: Selectable<EventsTable>): StoredEvent {
  const payload = decodeJson<Record<string, unknown>>(r.payload) ?? {};
  const e: Record<string, unknown> = {
    seq: Number(r.seq),
    userId: r.user_id,
    clientEventId: r.client_event_id,
    ts: Number(r.ts),
    type: r.type,
    ...payload,
  };
  if (r.note_id !== null) e.noteId = r.note_id;
  return e as unknown as StoredEvent;
}

/** Dedupe key of an event: the pair the log keeps unique. */
export function eventKey(userId: string, clientEventId: string): string {
  return `${userId}\u0000${clientEventId}`;
}
