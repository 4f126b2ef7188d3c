import { CompiledQuery, type Kysely } from 'kysely';
import type { EngineEvent } from '@notewave/engine';
import type { EventInsert, InsertedEventRow } from '../backend-profile.ts';
import type { Database } from '../database.ts';
import { encodePayload } from '../stores/event-codec.ts';

/**
 * Rows per statement, largest first (1-2-5 steps: at most three statements per decade). A batch is written as a run
 * of statements of these sizes only (737 events: 500 + 200 + 20 + 10 + 5 + 2), so the connection's statement cache
 * holds every event insert there is, each prepared once; a batch of 100 or 1,000 is one or two statements. Compiling and preparing a statement for each new batch size cost more than the insert itself:
 * clients send batches of any size up to 1,000, and concurrent ones are committed together in sums of those.
 */
const STATEMENT_ROWS = [500, 200, 100, 50, 20, 10, 5, 2, 1] as const;

/**
 * Multi-row event inserts (six bound values per row, under SQLite's 32,766-variable limit) of fixed row counts,
 * their SQL text built once per count and reused with fresh parameters.
 */
export class SqliteEventInsert implements EventInsert {
  private readonly sqlByRows = new Map<number, string>();

  constructor(private readonly db: Kysely<Database>) {}

  statementRows(remaining: number): number {
    for (const rows of STATEMENT_ROWS) if (rows <= remaining) return rows;
    return 1;
  }

  compile(events: readonly EngineEvent[]): CompiledQuery<InsertedEventRow> {
    const parameters = new Array<unknown>(events.length * 6);
    let p = 0;
    for (const e of events) {
      parameters[p++] = e.userId;
      parameters[p++] = e.clientEventId;
      parameters[p++] = e.type;
      parameters[p++] = (e as { noteId?: string }).noteId ?? null;
      parameters[p++] = e.ts;
      parameters[p++] = encodePayload(e);
    }
    return CompiledQuery.raw(this.sqlFor(events.length), parameters);
  }

  private sqlFor(rows: number): string {
    let text = this.sqlByRows.get(rows);
    if (text === undefined) {
      const dummy = { user_id: '', client_event_id: '', type: '', note_id: '', ts: 0, payload: '' };
      text = this.db
        .insertInto('events')
        .values(Array.from({ length: rows }, () => dummy))
        .onConflict((oc) => oc.columns(['user_id', 'client_event_id']).doNothing())
        .returning(['seq', 'user_id', 'client_event_id'])
        .compile().sql;
      // Other sizes come only from callers that compile a batch whole (`appendInTransaction`: one event).
      if (this.sqlByRows.size > 64) this.sqlByRows.clear();
      this.sqlByRows.set(rows, text);
    }
    return text;
  }
}
