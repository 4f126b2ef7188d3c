import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '@notewave/storage';
import { dropSchema, throwawaySchemaName } from '@notewave/storage/postgres/throwaway-schema.ts';
import { call, startServerProcess, stopped, stopServerProcess, type ServerProcess } from '../testing/server-process.ts';
import { NOTE } from '../testing/test-node.ts';
import { WRITE_KINDS, WriteLedger, writeLoop, type LoadClient } from '../testing/write-load.ts';

/*
 * Two API node processes and a worker process on one PostgreSQL schema. Clients write through both API nodes; node A
 * is killed with SIGKILL mid-load, its clients fail over to node B, and then: everything either node acknowledged is
 * stored once, B served throughout, and A, started again on the same database, has caught up with what B wrote
 * while it was dead.
 */

const PG_URL = process.env.TEST_POSTGRES_URL;
const CLIENTS = 6;
/** Load through both nodes before the kill, and through B alone after it. */
const BEFORE_KILL_MS = 2_000;
const AFTER_KILL_MS = 1_500;
/** Only catches what never arrives: the delay itself is measured by the in-process multi-node test and the bench. */
const BOUND_MS = 15_000;
/** Words no generated note contains, one per note written through B while A is dead. */
const WHILE_DEAD = ['persimmon', 'kumquat', 'loquat'];

const BASE = {
  NOTEWAVE_HOST: '127.0.0.1',
  NOTEWAVE_PORT: '0',
  NOTEWAVE_LOG_LEVEL: 'silent',
  NOTEWAVE_RATE_LIMITS: 'false',
  NOTEWAVE_SEED: '3',
};

async function eventually(what: string, check: () => Promise<boolean>): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > BOUND_MS) assert.fail(`${what}: not within ${BOUND_MS} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function caughtUp(url: string): Promise<boolean> {
  const h = await call(url, 'GET', '/health', null);
  return h.status === 200 && h.json.sync.changes.behind === 0 && h.json.sync.events.behind === 0;
}

async function register(url: string, handle: string): Promise<{ token: string; userId: string }> {
  const r = await call(url, 'POST', '/api/auth/register', null, { handle, password: 'correct horse', displayName: handle, locale: 'en-US', market: 'US' });
  assert.equal(r.status, 201, `register ${handle}`);
  return { token: r.json.token, userId: r.json.user.id };
}

async function followerIds(url: string, userId: string): Promise<string[]> {
  const r = await call(url, 'GET', `/api/users/${userId}/followers?limit=50`, null);
  assert.equal(r.status, 200);
  return (r.json.items as { id: string }[]).map((u) => u.id).sort();
}

/** Reads from B in a loop until `running()` turns false; counts what it served and what it did not. */
async function probe(url: string, token: string, noteId: string, running: () => boolean, afterKill: () => boolean) {
  const seen = { ok: 0, okAfterKill: 0, failed: [] as string[] };
  const reads = [`/api/notes/${noteId}`, '/api/search?q=hangzhou&limit=5', '/api/feed?surface=discover&limit=10', '/api/me'];
  for (let i = 0; running(); i++) {
    const path = reads[i % reads.length] as string;
    const r = await call(url, 'GET', path, token).catch((e: Error) => ({ status: 0, json: e.message }));
    if (r.status !== 200) seen.failed.push(`${path}: ${r.status}`);
    else if (afterKill()) seen.okAfterKill++;
    else seen.ok++;
  }
  return seen;
}

test('an API node killed under load loses nothing acknowledged, the other serves on, and the restarted one catches up (PostgreSQL)', {
  skip: PG_URL ? false : 'TEST_POSTGRES_URL not set',
  timeout: 180_000,
}, async (t) => {
  const schema = throwawaySchemaName('node_kill');
  const dir = mkdtempSync(join(tmpdir(), 'notewave-node-kill-'));
  const processes: ServerProcess[] = [];
  t.after(async () => {
    for (const p of processes) p.child.kill('SIGKILL');
    await Promise.all(processes.map((p) => stopped(p.child)));
    rmSync(dir, { recursive: true, force: true });
    await dropSchema(PG_URL as string, schema);
  });
  const settings = (role: string, name: string, extra: Record<string, string> = {}) =>
    ({ ...BASE, NOTEWAVE_ROLE: role, NOTEWAVE_DATABASE_URL: PG_URL as string, NOTEWAVE_UPLOAD_DIR: join(dir, name), ...extra });
  const start = async (role: string, name: string, extra?: Record<string, string>) => {
    const p = await startServerProcess(settings(role, name, extra), schema);
    processes.push(p);
    return p;
  };
  // A migrates the schema; B and the worker start on it together. The worker runs the jobs (model training among them).
  const a = await start('api', 'a', { NOTEWAVE_MODEL_REFRESH: '0' });
  const [b, worker] = await Promise.all([
    start('api', 'b', { NOTEWAVE_MODEL_REFRESH: '0' }),
    start('worker', 'worker', { NOTEWAVE_MODEL_REFRESH: '1m', NOTEWAVE_MODEL_MIN_INTERACTIONS: '20' }),
  ]);
  assert.equal((await call(worker.url, 'GET', '/health', null)).json.role, 'worker');

  // Targets: notes written on each node, users registered on each.
  const authorA = await register(a.url, 'author_a');
  const authorB = await register(b.url, 'author_b');
  const notes: string[] = [];
  for (const [url, author] of [[a.url, authorA], [b.url, authorB], [a.url, authorA], [b.url, authorB]] as const) {
    const r = await call(url, 'POST', '/api/notes', author.token, NOTE);
    assert.equal(r.status, 201);
    notes.push(r.json.id);
  }
  const users = [authorA.userId, authorB.userId, (await register(a.url, 'target_c')).userId];
  for (const id of notes) {
    for (const url of [a.url, b.url]) await eventually(`note ${id} on ${url}`, async () => (await call(url, 'GET', `/api/notes/${id}`, null)).status === 200);
  }
  const clients: LoadClient[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    const home = c % 2 === 0 ? a.url : b.url;
    const s = await register(home, `client_${c}`);
    clients.push({ ...s, urls: c % 2 === 0 ? [a.url, b.url] : [b.url] });
  }
  // A session opened on A, revoked through B once A is dead.
  const revoked = await register(a.url, 'revoked_later');
  assert.equal((await call(b.url, 'GET', '/api/me', revoked.token)).status, 200);

  // Load through both nodes; A dies once it has acknowledged every kind of write.
  const ledger = new WriteLedger();
  let running = true;
  let killed = false;
  const loops = clients.map((client, c) => writeLoop(client, c, { notes, users }, ledger, () => running));
  const probing = probe(b.url, clients[1]!.token, notes[0]!, () => running, () => killed);
  const loadStart = Date.now();
  await eventually('A acknowledged every kind of write', async () => {
    await new Promise((r) => setTimeout(r, 20));
    return Date.now() - loadStart >= BEFORE_KILL_MS && WRITE_KINDS.every((k) => ledger.count(a.url, k) > 0);
  });
  a.child.kill('SIGKILL');
  await stopped(a.child);
  killed = true;
  ledger.late = true;
  await new Promise((r) => setTimeout(r, AFTER_KILL_MS));
  running = false;
  await Promise.all(loops);
  const probed = await probing;
  t.diagnostic(`${ledger.notes.size} notes, ${ledger.likes.size} likes, ${ledger.saves.size} saves, ${ledger.follows.size} follows acknowledged; ${ledger.failovers} requests failed over, ${ledger.unknownNotes} note creations lost with A`);

  // B served every read throughout, before and after the kill.
  assert.deepEqual(probed.failed, [], 'B answered every read');
  assert.ok(probed.ok > 0 && probed.okAfterKill > 0, `B served ${probed.ok} reads before the kill and ${probed.okAfterKill} after`);
  assert.ok(ledger.failovers > 0 || WRITE_KINDS.every((k) => ledger.count(b.url, k) > 0), 'the clients of A went on through B');

  // B revokes a session A opened; B refuses it at once.
  assert.equal((await call(b.url, 'POST', '/api/auth/logout', revoked.token)).status < 300, true);
  assert.equal((await call(b.url, 'GET', '/api/me', revoked.token)).status, 401);
  const whileDead: string[] = [];
  for (const word of WHILE_DEAD) {
    const r = await call(b.url, 'POST', '/api/notes', authorB.token, { ...NOTE, title: `A ${word} tart`, body: `Baked with ${word} #baking` });
    assert.equal(r.status, 201);
    whileDead.push(r.json.id);
  }
  // Reactions B takes while A is dead: three likes and two saves of the first of those notes.
  for (const client of clients.slice(0, 3)) assert.equal((await call(b.url, 'POST', `/api/notes/${whileDead[0]}/like`, client.token)).status, 200);
  for (const client of clients.slice(0, 2)) assert.equal((await call(b.url, 'POST', `/api/notes/${whileDead[0]}/save`, client.token)).status, 200);

  await eventually('B and the worker have applied every change and event', async () => (await caughtUp(b.url)) && (await caughtUp(worker.url)));
  await checkAcknowledged(b.url, ledger, notes, users);
  await checkEventsStoredOnce(schema, ledger);

  // A again, on the same database: it loads what B wrote meanwhile and follows on from there.
  const again = await start('api', 'a-again', { NOTEWAVE_MODEL_REFRESH: '0' });
  await eventually('the restarted A reports itself caught up', () => caughtUp(again.url));
  const late = [...ledger.notes].filter(([, n]) => n.late).map(([id]) => id);
  assert.ok(late.length > 0, 'B acknowledged notes while A was dead');
  await checkAcknowledged(again.url, ledger, notes, users);
  for (const [k, word] of WHILE_DEAD.entries()) {
    const hits = (await call(again.url, 'GET', `/api/search?q=${word}&limit=5`, null)).json.hits as { note: { id: string } }[];
    assert.ok(hits.some((h) => h.note.id === whileDead[k]), `the restarted A finds the ${word} note written on B while it was dead`);
  }
  const stats = (await call(again.url, 'GET', `/api/notes/${whileDead[0]}`, null)).json.stats;
  assert.deepEqual({ likes: stats.likes, saves: stats.saves }, { likes: 3, saves: 2 }, 'the restarted A counts the likes and saves B took while it was dead');
  assert.equal((await call(again.url, 'GET', '/api/me', revoked.token)).status, 401, 'the restarted A refuses the session B revoked');
  assert.equal((await call(again.url, 'GET', '/api/me', clients[0]!.token)).status, 200, 'the restarted A serves sessions nobody revoked');

  // And it keeps following: a write on B after the restart reaches it.
  const after = await call(b.url, 'POST', `/api/notes/${whileDead[0]}/like`, clients[3]!.token);
  assert.equal(after.status, 200);
  await eventually('a like on B reaches the restarted A', async () => (await call(again.url, 'GET', `/api/notes/${whileDead[0]}`, null)).json.stats.likes === 4);
  await stopServerProcess(again);
  await stopServerProcess(b);
  await stopServerProcess(worker);
});

/**
 * Every acknowledged note is served by id; like and save counts and followers equal what the acknowledged actions
 * and undoings left, resends included: a change and the event that counts it are stored in one transaction, so a node
 * dying between the two cannot leave one without the other.
 */
async function checkAcknowledged(url: string, ledger: WriteLedger, notes: readonly string[], users: readonly string[]): Promise<void> {
  for (const [id] of ledger.notes) assert.equal((await call(url, 'GET', `/api/notes/${id}`, null)).status, 200, `note ${id} on ${url}`);
  for (const id of notes) {
    const stats = (await call(url, 'GET', `/api/notes/${id}`, null)).json.stats;
    assert.equal(stats.likes, ledger.perNote('likes', id), `likes of note ${id} on ${url}`);
    assert.equal(stats.saves, ledger.perNote('saves', id), `saves of note ${id} on ${url}`);
  }
  for (const id of users) assert.deepEqual(await followerIds(url, id), ledger.followersOf(id), `followers of ${id} on ${url}`);
}

/** Every acknowledged event is in the event log exactly once, resent batches included. */
async function checkEventsStoredOnce(schema: string, ledger: WriteLedger): Promise<void> {
  const storage = await openStorage(PG_URL as string, { schema });
  try {
    const stored = new Map<string, number>();
    for (let after = 0; ; ) {
      const page = await storage.events.readSince(after, 10_000);
      if (page.length === 0) break;
      for (const e of page) if (e.clientEventId.startsWith('load-')) stored.set(`${e.userId}|${e.clientEventId}`, (stored.get(`${e.userId}|${e.clientEventId}`) ?? 0) + 1);
      after = page[page.length - 1]!.seq;
    }
    let acked = 0;
    for (const [userId, ids] of ledger.events) {
      for (const id of ids) {
        acked++;
        assert.equal(stored.get(`${userId}|${id}`), 1, `event ${id} of ${userId} stored once`);
      }
    }
    assert.ok(acked > 0);
    assert.equal(stored.size, acked, 'no event stored that no node acknowledged (every lost batch was resent)');
  } finally {
    await storage.close();
  }
}
