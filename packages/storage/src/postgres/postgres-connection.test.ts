import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { openPostgresConnection } from './postgres-connection.ts';

const url = process.env.TEST_POSTGRES_URL;
const skip = url ? {} : { skip: 'TEST_POSTGRES_URL not set' };

test('pooled connections work in the named schema and read int8 as numbers', skip, async () => {
  const schema = `nw_conn_${process.pid}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema if not exists ${schema}`);
  const db = openPostgresConnection(url as string, { schema, poolSize: 2 });
  try {
    const rows = await Promise.all([1, 2, 3].map(() => sql<{ s: string; n: number }>`select current_schema() as s, 9007199254740::int8 as n`.execute(db)));
    for (const r of rows) assert.deepEqual(r.rows[0], { s: schema, n: 9_007_199_254_740 });
  } finally {
    await db.destroy();
    await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  }
});
