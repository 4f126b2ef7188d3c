import { CompiledQuery } from 'kysely';
import type { EngineEvent } from '@notewave/engine';
import type { EventInsert, InsertedEventRow } from '../backend-profile.ts';
import { encodeEvent } from '../stores/event-codec.ts';

/*
 * One array parameter per column instead of six parameters per row: the server parses and plans a short statement
 * whatever the batch size. `with ordinality … order by` makes bigserial hand out seqs in input order.
 */
const SQL = `insert into events (user_id, client_event_id, type, note_id, ts, payload)
select u, c, t, n, ts, p::jsonb
from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int8[], $6::text[]) with ordinality as x(u, c, t, n, ts, p, ord)
order by ord
on conflict (user_id, client_event_id) do nothing
returning seq, user_id, client_event_id`;

export class PostgresEventInsert implements EventInsert {
  compile(events: readonly EngineEvent[]): CompiledQuery<InsertedEventRow> {
    const cols: [string[], string[], string[], (string | null)[], number[], string[]] = [[], [], [], [], [], []];
    for (const e of events) {
      const r = encodeEvent(e);
      cols[0].push(r.user_id);
      cols[1].push(r.client_event_id);
      cols[2].push(r.type);
      cols[3].push(r.note_id ?? null);
      cols[4].push(r.ts);
      cols[5].push(r.payload as string);
    }
    return CompiledQuery.raw(SQL, cols);
  }
}
