import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { openSqliteConnection } from './sqlite-connection.ts';

test('a file database runs in WAL mode with full fsync, a busy timeout and foreign keys on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-sqlite-'));
  const db = openSqliteConnection(join(dir, 'x.db'));
  try {
    const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
    assert.equal(await pragma('journal_mode'), 'wal');
    assert.equal(await pragma('synchronous'), 2);
    assert.equal(await pragma('foreign_keys'), 1);
    assert.ok(Number(await pragma('busy_timeout')) >= 1000);
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a bulk writer may open the file with synchronous NORMAL, still in WAL mode', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-sqlite-'));
  const db = openSqliteConnection(join(dir, 'x.db'), 'normal');
  try {
    const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
    assert.equal(await pragma('journal_mode'), 'wal');
    assert.equal(await pragma('synchronous'), 1);
  } finally {
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
});
