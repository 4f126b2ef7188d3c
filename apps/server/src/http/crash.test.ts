import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '@notewave/storage';
import { dropSchema, throwawaySchemaName } from '@notewave/storage/postgres/throwaway-schema.ts';
import { call, startServerProcess, stopped } from '../testing/server-process.ts';
import { NOTE } from '../testing/test-node.ts';

/*
 * Kills a real server process with SIGKILL while clients are writing events and notes over HTTP, starts it again
 * on the same database and checks that every write it acknowledged is there: acknowledged means durable.
 */

const WRITERS = 6;
const RUN_MS = 1_500;

async function crashAndCheck(settings: Record<string, string>, schema?: string): Promise<void> {
  const first = await startServerProcess(settings, schema);
  let killedAt = 0;
  const ackedEvents: string[] = [];
  const ackedNotes: string[] = [];
  let userId: string | undefined;
  try {
    const session = (await call(first.url, 'POST', '/api/auth/register', null, {
      handle: 'crash_test', password: 'correct horse', displayName: 'c', locale: 'en-US', market: 'US',
    })).json;
    userId = session.user.id;
    const note = (await call(first.url, 'POST', '/api/notes', session.token, NOTE)).json;
    const deadline = Date.now() + RUN_MS;
    const writer = async (w: number) => {
      for (let i = 0; ; i++) {
        try {
          if (i % 4 === 3) {
            const r = await call(first.url, 'POST', '/api/notes', session.token, { ...NOTE, title: `crash ${w}-${i}` });
            if (r.status === 201) ackedNotes.push(r.json.id);
          } else {
            const ids = Array.from({ length: 25 }, (_, k) => `w${w}-${i}-${k}`);
            const r = await call(first.url, 'POST', '/api/events', session.token, {
              events: ids.map((clientEventId, k) => ({ type: 'impression', clientEventId, noteId: note.id, position: k })),
            });
            if (r.status === 200) {
              assert.equal(r.json.accepted + r.json.duplicates, ids.length);
              ackedEvents.push(...ids);
            }
          }
        } catch (e) {
          if (e instanceof assert.AssertionError) throw e;
          return; // the connection died with the server
        }
        // Killed once both kinds of write have been acknowledged (a loaded machine may take longer than RUN_MS).
        if (killedAt === 0 && Date.now() >= deadline && ackedNotes.length > 0 && ackedEvents.length > 0) {
          killedAt = Date.now();
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  } finally {
    first.child.kill('SIGKILL');
    await stopped(first.child);
  }
  assert.ok(killedAt > 0, 'the server was killed while writing');
  assert.ok(ackedEvents.length > 0 && ackedNotes.length > 0, `acknowledged ${ackedEvents.length} events, ${ackedNotes.length} notes`);

  const second = await startServerProcess(settings, schema);
  try {
    for (const id of ackedNotes) assert.equal((await call(second.url, 'GET', `/api/notes/${id}`, null)).status, 200, `note ${id}`);
  } finally {
    second.child.kill('SIGTERM');
    await stopped(second.child);
  }
  const storage = await openStorage(settings.NOTEWAVE_DATABASE_URL as string, schema ? { schema } : {});
  try {
    const stored = new Set<string>();
    for (let after = 0; ; ) {
      const page = await storage.events.readSince(after, 10_000);
      if (page.length === 0) break;
      for (const e of page) if (e.userId === userId) stored.add(e.clientEventId);
      after = page[page.length - 1]!.seq;
    }
    const lost = ackedEvents.filter((id) => !stored.has(id));
    assert.deepEqual(lost.slice(0, 10), [], `${lost.length} of ${ackedEvents.length} acknowledged events lost`);
  } finally {
    await storage.close();
  }
}

const SETTINGS = {
  NOTEWAVE_HOST: '127.0.0.1',
  NOTEWAVE_PORT: '0',
  NOTEWAVE_LOG_LEVEL: 'silent',
  NOTEWAVE_RATE_LIMITS: 'false',
  NOTEWAVE_MODEL_REFRESH: '0',
  NOTEWAVE_SEED: '3',
};

test('every write acknowledged before a SIGKILL is there after a restart (SQLite)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-crash-'));
  try {
    await crashAndCheck({ ...SETTINGS, NOTEWAVE_DATABASE_URL: `sqlite://${join(dir, 'notewave.db')}`, NOTEWAVE_UPLOAD_DIR: join(dir, 'uploads') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const PG_URL = process.env.TEST_POSTGRES_URL;

test('every write acknowledged before a SIGKILL is there after a restart (PostgreSQL)', { skip: PG_URL ? false : 'TEST_POSTGRES_URL not set' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-crash-'));
  const schema = throwawaySchemaName('crash');
  try {
    await crashAndCheck({ ...SETTINGS, NOTEWAVE_DATABASE_URL: PG_URL as string, NOTEWAVE_UPLOAD_DIR: join(dir, 'uploads'), NOTEWAVE_EVENT_TAIL_MS: '0' }, schema);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await dropSchema(PG_URL as string, schema);
  }
});
