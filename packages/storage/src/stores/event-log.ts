import { sql, type Transaction } from 'kysely';
import type { AppendOutcome, EngineEvent, EventLog, StoredEvent } from '@notewave/engine';
import { EngineError } from '@notewave/engine/errors.ts';
import { findUnstorableText, unstorableTextMessage } from '@notewave/engine/domain/text.ts';
import { chunked, rowsPerStatement, type EventInsert, type InsertedEventRow, type StoreContext } from '../backend-profile.ts';
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
 * their seq, and only the events that did not come back (already stored, or repeated inside the batch) are looked
 * up, each reported as a duplicate with the seq of the stored event. Appends that arrive while another is being
 * written are committed together (see GroupCommit).
 *
 * Matching returned rows to events costs no per-event keys in the usual case: both backends insert the rows in
 * input order (SQLite row by row, PostgreSQL by `order by ord`), so the first occurrence of a key is the one
 * stored, and when the rows come back with ascending seqs they are the stored events in input order, matched by
 * one walk. Rows in any other order are matched through a map of their keys.
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

  private async appendNow(batch: readonly EngineEvent[]): Promise<AppendOutcome[]> {
    const { events, rejected } = refuseUnstorable(batch);
    if (events.length === 0) return rejected as AppendOutcome[];
    const outcomes = new Array<AppendOutcome | undefined>(events.length);
    const step = rowsPerStatement(this.ctx.profile, EVENT_COLUMNS);
    await this.ctx.db.transaction().execute(async (trx) => {
      await this.ctx.profile.lockEventLog(trx);
      const missing: number[] = [];
      for (let from = 0; from < events.length; ) {
        const to = Math.min(events.length, from + (this.insert.statementRows?.(events.length - from) ?? step));
        const part = from === 0 && to === events.length ? events : events.slice(from, to);
        const { rows } = await trx.executeQuery(this.insert.compile(part));
        matchInserted(rows, { events, from, to, outcomes, missing });
        from = to;
      }
      for (const part of chunked(missing, LOOKUP_EVENTS)) await this.resolveDuplicates(trx, part, events, outcomes);
      if (missing.some((i) => outcomes[i] === undefined)) throw new EngineError('internal', 'event log append lost track of an event');
      // Wakes nodes following the store, so events reach them without waiting for their poll.
      await this.ctx.profile.notifyChanges(trx);
    });
    this.ctx.commits.fire();
    if (events === batch) return outcomes as AppendOutcome[];
    let next = 0;
    return Array.from(rejected, (r) => r ?? (outcomes[next++] as AppendOutcome));
  }

  /** Looks up already-stored events by `(client_event_id, user_id) in (values …)`: one index probe per pair on both backends. */
  private async resolveDuplicates(
    trx: Transaction<Database>,
    part: number[],
    events: readonly EngineEvent[],
    outcomes: (AppendOutcome | undefined)[],
  ): Promise<void> {
    const pairs = new Map<string, number[]>();
    for (const i of part) {
      const e = events[i] as EngineEvent;
      const key = eventKey(e.userId, e.clientEventId);
      const same = pairs.get(key);
      if (same) same.push(i);
      else pairs.set(key, [i]);
    }
    const values = [...pairs.values()].map((same) => {
      const e = events[same[0]!] as EngineEvent;
      return sql`(${e.clientEventId}, ${e.userId})`;
    });
    const rows = await trx
      .selectFrom('events')
      .select(['seq', 'user_id', 'client_event_id'])
      .where(sql<boolean>`(client_event_id, user_id) in (values ${sql.join(values)})`)
      .execute();
    for (const r of rows) {
      for (const i of pairs.get(eventKey(r.user_id, r.client_event_id)) ?? []) outcomes[i] = { status: 'duplicate', seq: Number(r.seq) };
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

/**
 * Appends one event inside a caller's transaction, the way `append` appends a batch (the log's lock, then the insert,
 * then the wake-up for nodes following the store): for a change stored in the same transaction as its event (see
 * `SocialStore.change`). The caller fires `ctx.commits` once the transaction commits. Returns the event's seq.
 */
export async function appendInTransaction(ctx: StoreContext, insert: EventInsert, trx: Transaction<Database>, event: EngineEvent): Promise<number> {
  const bad = findUnstorableText(event);
  if (bad !== null) throw new EngineError('validation_failed', unstorableTextMessage(bad));
  await ctx.profile.lockEventLog(trx);
  const { rows } = await trx.executeQuery(insert.compile([event]));
  const row = rows[0];
  if (row === undefined) throw new EngineError('internal', `event '${event.clientEventId}' of '${event.userId}' is already in the log`);
  await ctx.profile.notifyChanges(trx);
  return Number(row.seq);
}

/**
 * Splits off the events holding text the backends cannot store as sent (a NUL, a lone surrogate): SQLite would
 * store U+FFFD, so the returned key would not match the event, and PostgreSQL refuses the statement, which would
 * sink every event of the batch. `rejected` has one slot per input event, filled for the refused ones only;
 * `events` is the input itself when nothing was refused.
 */
export function refuseUnstorable(batch: readonly EngineEvent[]): { events: readonly EngineEvent[]; rejected: (AppendOutcome | undefined)[] } {
  const rejected = new Array<AppendOutcome | undefined>(batch.length);
  let kept: EngineEvent[] | null = null;
  for (let i = 0; i < batch.length; i++) {
    const e = batch[i] as EngineEvent;
    const bad = findUnstorableText(e);
    if (bad === null) {
      kept?.push(e);
      continue;
    }
    kept ??= batch.slice(0, i);
    rejected[i] = { status: 'rejected', message: unstorableTextMessage(bad) };
  }
  return { events: kept ?? batch, rejected };
}

/**
 * One insert statement's share of a batch, events[from, to), and where the batch's outcomes and the indices left
 * to look up as duplicates go.
 */
export interface InsertedChunk {
  readonly events: readonly EngineEvent[];
  readonly from: number;
  readonly to: number;
  readonly outcomes: (AppendOutcome | undefined)[];
  readonly missing: number[];
}

/** Marks the chunk's events that came back from the insert as stored and lists the others in `missing`. */
export function matchInserted(rows: readonly InsertedEventRow[], chunk: InsertedChunk): void {
  if (!matchInOrder(rows, chunk)) matchByKey(rows, chunk);
}

/**
 * One walk over the chunk and the returned rows, valid when the rows are the stored events in input order
 * (ascending seqs): an event is stored when it is the next row's key. Returns false, having changed nothing, when
 * the rows are not in that order or not all of them were matched.
 */
function matchInOrder(rows: readonly InsertedEventRow[], { events, from, to, outcomes, missing }: InsertedChunk): boolean {
  let prev = -Infinity;
  for (const r of rows) {
    const seq = Number(r.seq);
    if (!(seq > prev)) return false;
    prev = seq;
  }
  const missingBefore = missing.length;
  let j = 0;
  for (let i = from; i < to; i++) {
    const e = events[i] as EngineEvent;
    const r = rows[j];
    if (r !== undefined && r.client_event_id === e.clientEventId && r.user_id === e.userId) {
      outcomes[i] = { status: 'stored', seq: Number(r.seq) };
      j++;
    } else missing.push(i);
  }
  if (j === rows.length) return true;
  for (let i = from; i < to; i++) outcomes[i] = undefined;
  missing.length = missingBefore;
  return false;
}

/** Matches returned rows by key: the first occurrence of a returned key in input order is the event stored. */
function matchByKey(rows: readonly InsertedEventRow[], { events, from, to, outcomes, missing }: InsertedChunk): void {
  const seqOf = new Map<string, number>();
  for (const r of rows) seqOf.set(eventKey(r.user_id, r.client_event_id), Number(r.seq));
  for (let i = from; i < to; i++) {
    const e = events[i] as EngineEvent;
    const key = eventKey(e.userId, e.clientEventId);
    const seq = seqOf.get(key);
    if (seq === undefined) missing.push(i);
    else {
      outcomes[i] = { status: 'stored', seq };
      seqOf.delete(key);
    }
  }
}
