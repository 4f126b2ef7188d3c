import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from '../database.ts';

const INT8_OID = 20;

export interface PostgresConnectionOptions {
  /** Schema put first on every pooled connection's search_path; created when missing. */
  schema?: string;
  poolSize?: number;
  /** NOTIFY at commit and LISTEN for other processes' commits (the default); false when another bus wakes nodes. */
  notify?: boolean;
}

/** Safe to splice into a startup option and a CREATE SCHEMA statement without quoting. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/*
 * int8 columns (seq, epoch-millisecond timestamps, counts) come back as numbers rather than strings. The parser is
 * set on this pool only, so other pg users in the same process keep the driver's defaults.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8_OID && format !== 'binary' ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

export function openPostgresConnection(url: string, opts: PostgresConnectionOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    types,
    connectionTimeoutMillis: 10_000,
    ...(opts.schema !== undefined && { options: `-c search_path=${opts.schema}` }),
  });
  // An idle client losing its server must not crash the process; the next query reports storage_unavailable.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
