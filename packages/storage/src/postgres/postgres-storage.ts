import { sql } from 'kysely';
import type { Storage } from '@notewave/engine';
import { EngineError } from '@notewave/engine/errors.ts';
import { KyselyStorage } from '../kysely-storage.ts';
import { openPostgresConnection, SCHEMA_NAME, type PostgresConnectionOptions } from './postgres-connection.ts';
import { postgresChangeWatcher } from './postgres-change-watch.ts';
import { postgresProfile } from './postgres-profile.ts';

/** Multi-node storage on a PostgreSQL server. Connects (and creates the schema, if one is named) before returning. */
export async function openPostgresStorage(url: string, opts: PostgresConnectionOptions = {}): Promise<Storage> {
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema)) {
    throw new EngineError('validation_failed', `schema must match ${SCHEMA_NAME} (got "${opts.schema}")`);
  }
  const db = openPostgresConnection(url, opts);
  try {
    // Checking first lets a role without CREATE on the database use a schema an operator made for it.
    const schema = opts.schema;
    const exists = await sql<{ n: number }>`select count(*)::int as n from pg_namespace where nspname = ${schema ?? 'public'}`.execute(db);
    if (schema !== undefined && exists.rows[0]?.n === 0) await sql.raw(`create schema if not exists ${schema}`).execute(db);
  } catch (e) {
    await db.destroy().catch(() => {});
    const detail = e instanceof Error ? e.message || e.name : String(e);
    throw new EngineError('storage_unavailable', `cannot connect to PostgreSQL at ${redact(url)}: ${detail}`);
  }
  if (opts.notify === false) return new KyselyStorage(db, { ...postgresProfile, notifyChanges: async () => {} }, null);
  return new KyselyStorage(db, postgresProfile, postgresChangeWatcher(url, opts.schema));
}

/** Connection strings carry passwords; error messages end up in logs. */
function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
