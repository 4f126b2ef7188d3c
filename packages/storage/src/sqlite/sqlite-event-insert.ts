import { CompiledQuery, type Kysely } from 'kysely';
import type { EngineEvent } from '@notewave/engine';
import type { EventInsert, InsertedEventRow } from '../backend-profile.ts';
import type { Database } from '../database.ts';
import { encodeEvent } from '../stores/event-codec.ts';

const COLUMNS = ['user_id', 'client_event_id', 'type', 'note_id', 'ts', 'payload'] as const;

/**
 * Multi-row event inserts (six bound values per row, under SQLite's 32,766-variable limit), compiled once per row
 * count and reused with fresh parameters: building a Kysely tree of thousands of value nodes per batch cost more
 * than the insert itself, and the SQL text depends only on the row count.
 */
export class SqliteEventInsert implements EventInsert {
  private readonly sqlByRows = new Map<number, string>();

  constructor(private readonly db: Kysely<Database>) {}

  compile(events: readonly EngineEvent[]): CompiledQuery<InsertedEventRow> {
    const parameters: unknown[] = [];
    for (const e of events) {
      const row = encodeEvent(e);
      for (const c of COLUMNS) parameters.push(row[c]);
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
      // A batch of a new size costs one compile; keep the cache from growing with every odd tail size.
      if (this.sqlByRows.size > 64) this.sqlByRows.clear();
      this.sqlByRows.set(rows, text);
    }
    return text;
  }
}
