import { sql } from 'kysely';
import type { BackendProfile, DriverErrorKind } from '../backend-profile.ts';
import { PostgresEventInsert } from './postgres-event-insert.ts';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.ts';

/** Followed by the schema name: nodes on other schemas of the same database are not woken. */
export const CHANGE_CHANNEL_PREFIX = 'notewave_changes.';

/** The wire protocol counts bind parameters in an unsigned 16-bit integer. */
const MAX_PARAMS = 65_535;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', 'EPIPE', 'EAI_AGAIN']);

function classify(e: unknown): DriverErrorKind | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (code === '23505') return 'conflict';
    if (code === '23503') return 'missing_reference';
    // data exceptions: NUL or untranslatable text, malformed JSON text, numbers out of range, strings too long
    if (code.startsWith('22')) return 'invalid_input';
    // connection exceptions, shutdowns, too many connections, unknown database, authentication failures
    if (/^(08|57P0|53300|3D000|28)/.test(code) || NETWORK_CODES.has(code)) return 'unavailable';
  }
  if (e instanceof AggregateError) return e.errors.some((x) => classify(x) === 'unavailable') ? 'unavailable' : null;
  const message = e instanceof Error ? e.message : '';
  if (/Connection terminated|timeout exceeded when trying to connect|pool after calling end|driver has already been destroyed/i.test(message)) {
    return 'unavailable';
  }
  return null;
}

export const postgresProfile: BackendProfile = {
  capabilities: { backend: 'postgres', multiNode: true },
  maxParams: MAX_PARAMS,
  migrations: POSTGRES_MIGRATIONS,
  classifyError: classify,
  // Keyed by schema, so isolated schemas (tests, tenants) on one server do not wait for each other.
  async lockMigrations(trx) {
    await sql`select pg_advisory_xact_lock(hashtext('notewave.migrations.' || current_schema()))`.execute(trx);
  },
  /*
   * bigserial hands out seq before commit, so two parallel appenders can commit out of seq order and a node tailing
   * by seq would skip the late one forever. Holding a transaction lock while appending makes seq order commit order;
   * appends are multi-row, so the serialisation costs little.
   */
  async lockEventLog(trx) {
    await sql`select pg_advisory_xact_lock(hashtext('notewave.events.' || current_schema()))`.execute(trx);
  },
  async lockKey(trx, key) {
    await sql`select pg_advisory_xact_lock(hashtext('notewave.key.' || current_schema() || '.' || ${key}))`.execute(trx);
  },
  async lockChangeLog(trx) {
    await sql`select pg_advisory_xact_lock(hashtext('notewave.changes.' || current_schema()))`.execute(trx);
  },
  // Delivered at commit, and only then; one notification per transaction however many rows it wrote.
  async notifyChanges(trx) {
    await sql`select pg_notify(${CHANGE_CHANNEL_PREFIX} || current_schema(), '')`.execute(trx);
  },
  eventInsert: () => new PostgresEventInsert(),
  async destroy(db) {
    await db.destroy();
  },
};
