import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from '../database.ts';
import { FixedShapeQuery } from './fixed-shape-query.ts';

function sqliteDb(): Kysely<Database> {
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
}

test('a fixed-shape query compiles once per value count and binds each call its own values', async () => {
  const db = sqliteDb();
  try {
    let builds = 0;
    const q = new FixedShapeQuery((ids) => {
      builds++;
      return db.selectFrom('notes').select('id').where('id', 'in', ids as string[]);
    });
    const a = q.compile(['a', 'b']);
    const b = q.compile(['c', 'd']);
    assert.equal(builds, 1);
    assert.equal(a.sql, b.sql);
    assert.deepEqual(b.parameters, ['c', 'd']);
    q.compile(['e']);
    assert.equal(builds, 2);
  } finally {
    await db.destroy();
  }
});

test('a fixed-shape query refuses a builder that binds anything besides its values', async () => {
  const db = sqliteDb();
  try {
    const q = new FixedShapeQuery((ids) => db.selectFrom('notes').select('id').where('id', 'in', ids as string[]).where('kind', '=', 'video'));
    assert.throws(() => q.compile(['a']), /exactly its values/);
  } finally {
    await db.destroy();
  }
});

test('the compiled text follows the dialect: PostgreSQL numbers its placeholders', () => {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: {} as never }) });
  const q = new FixedShapeQuery((ids) => db.selectFrom('notes').select('id').where('id', 'in', ids as string[]));
  assert.match(q.compile(['x', 'y']).sql, /\$1, \$2/);
});
