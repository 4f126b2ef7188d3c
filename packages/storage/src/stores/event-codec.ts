import type { Insertable, Selectable } from 'kysely';
import type { EngineEvent, StoredEvent } from '@notewave/engine';
import { decodeJson, type EventsTable } from '../database.ts';

/*
 * The columns every event has (and that replay or analytics filter on) are real columns; the type-specific rest
 * (position, portion, query, resultIds, surface, recId, …) travels as one JSON payload. Decoding merges them back
 * into exactly the event that was appended.
 */

export function encodeEvent(e: EngineEvent): Insertable<EventsTable> {
  return {
    user_id: e.userId,
    client_event_id: e.clientEventId,
    type: e.type,
    note_id: (e as { noteId?: string }).noteId ?? null,
    ts: e.ts,
    payload: encodePayload(e),
  };
}

/** Fields kept in their own columns (and `seq`, which the log assigns): left out of the JSON payload. */
const COLUMN_FIELDS: ReadonlySet<string> = new Set(['userId', 'clientEventId', 'ts', 'type', 'noteId', 'seq']);

/** The JSON payload of an event: its own fields other than the columns, in the event's own order. */
export function encodePayload(e: EngineEvent): string {
  const payload: Record<string, unknown> = {};
  for (const key in e) {
    if (COLUMN_FIELDS.has(key) || !Object.hasOwn(e, key)) continue;
    payload[key] = (e as unknown as Record<string, unknown>)[key];
  }
  return JSON.stringify(payload);
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
