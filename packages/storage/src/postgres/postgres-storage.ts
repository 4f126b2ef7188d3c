import { sql } from 'kysely';
import type { Storage } from '@notewave/engine';
import { EngineError } from '@notewave/engine/errors.ts';
import { KyselyStorage } from '../kysely-storage.ts';
import { openPostgresConnection, SCHEMA_NAME, type PostgresConnectionOptions } from './postgres-connection.ts';
import { postgresProfile } from './postgres-profile.ts';

/** Multi-node storage on a PostgreSQL server. Connects (and creates the schema, if one is named) before returning. */
export async function openPostgresStorage(url: string, opts: PostgresConnectionOptions = {}): Promise<Storage> {
  if (opts.schema !== undefined && !SCHEMA_NAME.test(opts.schema)) {
    throw new EngineError('validation_failed', `schema must match ${SCHEMA_NAME} (got "${opts.schema}")`);
  }
  const db = openPostgresConnection(url, opts);
  try {
    if (opts.schema !== undefined) await sql.raw(`create schema if not exists ${opts.schema}`).execute(db);
    else await sql`select 1`.execute(db);
  } catch (e) {
    await db.destroy().catch(() => {});
    const detail = e instanceof Error ? e.message || e.name : String(e);
    throw new EngineError('storage_unavailable', `cannot connect to PostgreSQL at ${redact(url)}: ${detail}`);
  }
  return new KyselyStorage(db, postgresProfile);
}

/** Connection strings carry passwords; error messages end up in logs. */
function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
