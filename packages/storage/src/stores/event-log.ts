import { sql, type Transaction } from 'kysely';
import type { AppendOutcome, EngineEvent, EventLog, StoredEvent } from '@notewave/engine';
import { EngineError } from '@notewave/engine/errors.ts';
import { chunked, rowsPerStatement, type EventInsert, type StoreContext } from '../backend-profile.ts';
import type { Database } from '../database.ts';
import { decodeEvent, eventKey } from './event-codec.ts';
import { GroupCommit } from './group-commit.ts';

/** Bound values per event in the generic multi-row insert. */
const EVENT_COLUMNS = 6;
/** Concurrent appends coalesced into one transaction, at most this many events. */
const GROUP_COMMIT_EVENTS = 10_000;
/** Pairs per duplicate look-up: far under every parameter limit. */
const LOOKUP_EVENTS = 500;

/**
 * Append is one transaction of multi-row `insert … on conflict do nothing returning`: new events come back with
 * their seq, and only the events that did not come back (already stored) are looked up. Repeats inside one batch
 * are folded before touching the database and reported with the seq of their first occurrence. Appends that
 * arrive while another is being written are committed together (see GroupCommit).
 */
export class KyselyEventLog implements EventLog {
  private readonly insert: EventInsert;
  private readonly commits: GroupCommit<EngineEvent, AppendOutcome>;

  constructor(private readonly ctx: StoreContext) {
    this.insert = ctx.profile.eventInsert(ctx.db);
    this.commits = new GroupCommit((events) => this.appendNow(events), GROUP_COMMIT_EVENTS);
  }

  async append(events: readonly EngineEvent[]): Promise<AppendOutcome[]> {
    return events.length === 0 ? [] : this.commits.submit(events);
  }

  /** Waits for appends already accepted, so closing the store does not cut them off mid-transaction. */
  settled(): Promise<void> {
    return this.commits.settled();
  }

  private async appendNow(events: readonly EngineEvent[]): Promise<AppendOutcome[]> {
    const firstIndex = new Map<string, number>();
    const repeatOf = new Array<number>(events.length).fill(-1);
    const unique: number[] = [];
    events.forEach((e, i) => {
      const key = eventKey(e.userId, e.clientEventId);
      const first = firstIndex.get(key);
      if (first === undefined) {
        firstIndex.set(key, i);
        unique.push(i);
      } else repeatOf[i] = first;
    });

    const outcomes = new Array<AppendOutcome | undefined>(events.length);
    await this.ctx.db.transaction().execute(async (trx) => {
      await this.ctx.profile.lockEventLog(trx);
      for (const part of chunked(unique, rowsPerStatement(this.ctx.profile, EVENT_COLUMNS))) {
        const { rows } = await trx.executeQuery(this.insert.compile(part.map((i) => events[i] as EngineEvent)));
        for (const r of rows) {
          outcomes[firstIndex.get(eventKey(r.user_id, r.client_event_id)) as number] = { status: 'stored', seq: Number(r.seq) };
        }
      }
      const already = unique.filter((i) => outcomes[i] === undefined);
      for (const part of chunked(already, LOOKUP_EVENTS)) await this.resolveDuplicates(trx, part, events, firstIndex, outcomes);
      if (unique.some((i) => outcomes[i] === undefined)) throw new EngineError('internal', 'event log append lost track of an event');
    });

    return events.map((_, i) => {
      const first = repeatOf[i] as number;
      if (first < 0) return outcomes[i] as AppendOutcome;
      return { status: 'duplicate', seq: (outcomes[first] as AppendOutcome).seq };
    });
  }

  /** Looks up already-stored events by `(client_event_id, user_id) in (values …)`: one index probe per pair on both backends. */
  private async resolveDuplicates(
    trx: Transaction<Database>,
    part: number[],
    events: readonly EngineEvent[],
    firstIndex: Map<string, number>,
    outcomes: (AppendOutcome | undefined)[],
  ): Promise<void> {
    const pairs = part.map((i) => {
      const e = events[i] as EngineEvent;
      return sql`(${e.clientEventId}, ${e.userId})`;
    });
    const rows = await trx
      .selectFrom('events')
      .select(['seq', 'user_id', 'client_event_id'])
      .where(sql<boolean>`(client_event_id, user_id) in (values ${sql.join(pairs)})`)
      .execute();
    for (const r of rows) {
      outcomes[firstIndex.get(eventKey(r.user_id, r.client_event_id)) as number] = { status: 'duplicate', seq: Number(r.seq) };
    }
  }

  async readSince(afterSeq: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.ctx.db.selectFrom('events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
    return rows.map(decodeEvent);
  }

  /** `max` over the primary key: SQLite reads the last rowid, PostgreSQL the end of the index. */
  async lastSeq(): Promise<number> {
    const row = await this.ctx.db.selectFrom('events').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
    return row?.m == null ? 0 : Number(row.m);
  }

  /** Exact, hence a full count on both backends (PostgreSQL keeps no row count; SQLite walks the table's b-tree). */
  async count(): Promise<number> {
    const row = await this.ctx.db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
