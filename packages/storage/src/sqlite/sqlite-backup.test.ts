import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { backupDatabase, restoreDatabase } from '../backup.ts';
import { user } from '../conformance/fixtures.ts';
import { openStorage } from '../open-storage.ts';
import { inspectBackup } from './sqlite-backup.ts';

function withDir(fn: (dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-sqlite-backup-'));
  return fn(dir).finally(() => rmSync(dir, { recursive: true, force: true }));
}

test('a backup is refused as a restore source when it is not a Notewave database or comes from a newer schema', () =>
  withDir(async (dir) => {
    const plain = new BetterSqlite3(join(dir, 'plain.db'));
    plain.exec('create table t (x)');
    plain.close();
    assert.throws(() => inspectBackup(join(dir, 'plain.db')), { code: 'validation_failed', message: /not a Notewave one/ });

    const url = `sqlite://${join(dir, 'live.db')}`;
    const storage = await openStorage(url, { migrate: true });
    await storage.close();
    await backupDatabase(url, join(dir, 'newer.db'));
    const newer = new BetterSqlite3(join(dir, 'newer.db'));
    newer.prepare('insert into schema_migrations (version, applied_at) values (?, ?)').run('9999_from_the_future', 0);
    newer.close();
    await assert.rejects(restoreDatabase(join(dir, 'newer.db'), `sqlite://${join(dir, 'target.db')}`), { code: 'validation_failed', message: /newer Notewave/ });
  }));

test('restore refuses a database another connection holds, and replaces it once that connection is closed', () =>
  withDir(async (dir) => {
    const url = `sqlite://${join(dir, 'live.db')}`;
    const storage = await openStorage(url, { migrate: true });
    await backupDatabase(url, join(dir, 'empty.db'));
    await storage.users.createUser(user('u1'));
    await assert.rejects(restoreDatabase(join(dir, 'empty.db'), url), { code: 'conflict', message: /in use/ });
    assert.equal(await storage.users.countUsers(), 1);
    await storage.close();
    const summary = await restoreDatabase(join(dir, 'empty.db'), url);
    assert.equal(summary.users, 0);
    const reopened = await openStorage(url);
    try {
      assert.equal(await reopened.users.countUsers(), 0);
    } finally {
      await reopened.close();
    }
  }));
