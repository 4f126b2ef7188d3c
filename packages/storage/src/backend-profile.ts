import type { CompiledQuery, Kysely, Transaction } from 'kysely';
import type { EngineEvent, StorageCapabilities } from '@notewave/engine';
import type { Database } from './database.ts';
import type { CommitSignal } from './stores/commit-signal.ts';

/** A versioned schema change: plain DDL statements, one per entry, in the backend's own dialect. */
export interface Migration {
  version: string;
  statements: readonly string[];
}

/** What a driver error means for callers, independent of the backend's own error codes. */
/** `invalid_input`: the backend refused a value itself (text it cannot encode, a value out of its range). */
export type DriverErrorKind = 'conflict' | 'missing_reference' | 'unavailable' | 'invalid_input';

/**
 * Everything that differs between backends, so the shared query code never asks which database it runs on.
 * Each backend folder provides one of these.
 */
export interface BackendProfile {
  readonly capabilities: StorageCapabilities;
  /** Bound parameters a single statement may carry. */
  readonly maxParams: number;
  readonly migrations: readonly Migration[];
  classifyError(e: unknown): DriverErrorKind | null;
  /** Runs first inside the migration transaction so concurrent starters apply each version once. */
  lockMigrations(trx: Transaction<Database>): Promise<void>;
  /**
   * Runs first inside every event-log append. Where writers run in parallel this must serialise them, so that
   * seq order equals commit order and a reader tailing by seq never skips a late-committing lower seq.
   */
  lockEventLog(trx: Transaction<Database>): Promise<void>;
  /** Like `lockEventLog`, for the change log: runs inside the entity's transaction just before its change is recorded. */
  lockChangeLog(trx: Transaction<Database>): Promise<void>;
  /**
   * Serialises transactions naming the same key until they commit, where writers run in parallel: for decisions a
   * unique constraint alone cannot make (is this the user's first save of a note?).
   */
  lockKey(trx: Transaction<Database>, key: string): Promise<void>;
  /** Tells watching nodes, at commit, that changes or events were written (nothing where nobody can listen). */
  notifyChanges(trx: Transaction<Database>): Promise<void>;
  /** How a batch of events becomes one insert statement on this backend. */
  eventInsert(db: Kysely<Database>): EventInsert;
  /** Releases the connection or pool; called once. */
  destroy(db: Kysely<Database>): Promise<void>;
}

export interface InsertedEventRow {
  seq: number;
  user_id: string;
  client_event_id: string;
}

/**
 * Compiles `insert … on conflict (user_id, client_event_id) do nothing returning seq, user_id, client_event_id`
 * for a batch, assigning seqs in input order.
 */
export interface EventInsert {
  compile(events: readonly EngineEvent[]): CompiledQuery<InsertedEventRow>;
  /**
   * How many of the `remaining` events of a batch the next statement takes, when the backend prefers statements
   * of a few fixed sizes (so each is prepared once); absent, statements take as many rows as the parameter limit allows.
   */
  statementRows?(remaining: number): number;
}

/** Splits `items` into slices of at most `size`. */
export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  const step = Math.max(1, Math.floor(size));
  for (let i = 0; i < items.length; i += step) out.push(items.slice(i, i + step));
  return out;
}

/** Rows per multi-row statement: under the parameter limit and under a size where statements stay cheap to build. */
export function rowsPerStatement(profile: BackendProfile, columns: number, cap = 1_000): number {
  return Math.max(1, Math.min(cap, Math.floor(profile.maxParams / columns)));
}

/** What every shared store is built from. */
export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly profile: BackendProfile;
  /** Fired after a transaction that recorded changes or appended events commits. */
  readonly commits: CommitSignal;
}
