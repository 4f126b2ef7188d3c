import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { rejectsWithCode } from './conformance/fixtures.ts';
import { openStorage } from './open-storage.ts';

test('rejects unknown schemes and malformed URLs with validation_failed', async () => {
  for (const url of ['mysql://localhost/db', 'sqlite:', 'sqlite://', 'sqlite://./x.db?mode=ro', '', 'postgres://[bad', './data/notewave.db']) {
    await rejectsWithCode(openStorage(url), 'validation_failed');
  }
  await assert.rejects(openStorage('redis://u:secret@host/0'), (e: Error) => !e.message.includes('secret') && /sqlite:\/\//.test(e.message));
});

test('rejects an unsafe PostgreSQL schema name before connecting', async () => {
  await rejectsWithCode(openStorage('postgres://127.0.0.1:1/db', { schema: 'x; drop table users' }), 'validation_failed');
});

test('an unreachable PostgreSQL server gives storage_unavailable without leaking the password', async () => {
  await assert.rejects(openStorage('postgresql://app:hunter2@127.0.0.1:1/notewave'), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'storage_unavailable');
    assert.ok(!e.message.includes('hunter2'), e.message);
    return true;
  });
});

test('a relative sqlite URL resolves against the working directory and creates parent directories', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-open-'));
  try {
    const file = join(dir, 'a', 'b', 'notewave.db');
    const s = await openStorage(`sqlite://${relative(process.cwd(), file)}`, { migrate: true });
    assert.ok(existsSync(file));
    assert.deepEqual(s.capabilities, { backend: 'sqlite', multiNode: false });
    await s.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a SQLite path that cannot be opened gives storage_unavailable', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-open-'));
  try {
    await rejectsWithCode(openStorage(`sqlite://${dir}`), 'storage_unavailable');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
