import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EngineEvent } from '@notewave/engine';
import { openSqliteConnection, SQLITE_MEMORY } from './sqlite-connection.ts';
import { SqliteEventInsert } from './sqlite-event-insert.ts';

test('batches of every size up to 2,000 are written with statements of nine sizes only', async () => {
  const db = openSqliteConnection(SQLITE_MEMORY);
  try {
    const insert = new SqliteEventInsert(db);
    const texts = new Set<string>();
    const event: EngineEvent = { userId: 'u', clientEventId: 'c', ts: 1, type: 'open', noteId: 'n' };
    for (let n = 1; n <= 2_000; n++) {
      let rows = 0;
      let statements = 0;
      while (rows < n) {
        const take = insert.statementRows(n - rows);
        assert.ok(take >= 1 && take <= n - rows, `${n}: took ${take} of ${n - rows}`);
        rows += take;
        statements++;
        if (n <= 600) texts.add(insert.compile(Array.from({ length: take }, () => event)).sql);
      }
      assert.ok(statements <= 12, `${n} events took ${statements} statements`);
    }
    assert.equal(texts.size, 9);
  } finally {
    await db.destroy();
  }
});

test('compile binds the columns of each event in order, the rest of the event as its JSON payload', async () => {
  const db = openSqliteConnection(SQLITE_MEMORY);
  try {
    const q = new SqliteEventInsert(db).compile([
      { userId: 'u1', clientEventId: 'c1', ts: 5, type: 'view', noteId: 'n1', portion: 0.5, surface: 'discover' },
      { userId: 'u2', clientEventId: 'c2', ts: 6, type: 'search', query: 'q', resultIds: ['a'] },
    ]);
    assert.deepEqual(q.parameters, [
      'u1', 'c1', 'view', 'n1', 5, '{"portion":0.5,"surface":"discover"}',
      'u2', 'c2', 'search', null, 6, '{"query":"q","resultIds":["a"]}',
    ]);
  } finally {
    await db.destroy();
  }
});
