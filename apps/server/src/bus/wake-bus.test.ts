import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { Storage } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { user } from '@notewave/storage/conformance/fixtures.ts';
import { parseConfig } from '../config.ts';
import { deleteWakeStream, natsUnavailable, TEST_NATS_URL } from '../testing/nats-probe.ts';
import { TcpCut } from '../testing/tcp-cut.ts';
import { NatsWakeBus, streamName } from './nats-wake-bus.ts';
import { createWakeBus, type WakeBus } from './wake-bus.ts';

const natsSkip = await natsUnavailable();
const PG = 'postgres://pg.invalid/notewave';

async function memoryStorage(t: TestContext): Promise<Storage> {
  const storage = await openStorage('sqlite::memory:', { migrate: true });
  t.after(() => storage.close());
  return storage;
}

async function until(what: string, check: () => boolean): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > 5_000) assert.fail(`${what} did not happen within 5 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('the configuration picks the bus, and nothing connects before start', async (t) => {
  const storage = await memoryStorage(t);
  const deps = { changes: storage.changes, onError: () => assert.fail('no error expected') };
  const postgres = createWakeBus(parseConfig({ NOTEWAVE_DATABASE_URL: PG }).config, deps);
  assert.equal(postgres.kind, 'postgres');
  const nats = createWakeBus(parseConfig({ NOTEWAVE_DATABASE_URL: PG, NOTEWAVE_EVENT_BUS: 'nats', NOTEWAVE_NATS_URL: 'nats://127.0.0.1:1' }).config, deps);
  assert.equal(nats.kind, 'nats');
  assert.equal(nats.connected(), false);
  await nats.stop();
  assert.throws(() => createWakeBus({ ...parseConfig({}).config, eventBus: 'nats' }, deps), /NOTEWAVE_NATS_URL/);
});

test('the PostgreSQL bus is the store watch: listening from start to stop', async (t) => {
  const storage = await memoryStorage(t);
  const bus: WakeBus = createWakeBus(parseConfig({}).config, { changes: storage.changes, onError: () => {} });
  assert.equal(bus.connected(), false);
  await bus.start(() => {});
  assert.equal(bus.connected(), true);
  await bus.stop();
  assert.equal(bus.connected(), false);
});

test('streams are named after their subject, within what JetStream allows', () => {
  assert.equal(streamName('notewave.commits'), 'NOTEWAVE_WAKE_NOTEWAVE_COMMITS');
  assert.match(streamName('shop-a.notewave.commits'), /^[A-Z0-9_-]+$/);
  assert.notEqual(streamName('a.b'), streamName('a.c'));
});

test('a NATS bus that cannot be reached starts anyway, reports once, and keeps writes working', async (t) => {
  const closed = await TcpCut.open({ host: '127.0.0.1', port: 1 });
  await closed.cut();
  const storage = await memoryStorage(t);
  const errors: unknown[] = [];
  const bus = new NatsWakeBus({ servers: closed.url, subject: 'notewave.unreachable', changes: storage.changes, onError: (e) => errors.push(e), retryMs: 50 });
  t.after(() => bus.stop());
  await bus.start(() => assert.fail('nothing can wake this node'));
  assert.equal(bus.connected(), false);
  for (const id of ['u1', 'u2', 'u3']) await storage.users.createUser(user(id));
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(errors.length, 1, 'a run of failed connections is reported once');
  assert.equal(await storage.changes.latestSeq(), 3);
});

test('a commit announced on one NATS bus wakes the others, not itself', { skip: natsSkip ?? false }, async (t) => {
  const subject = `notewave.test.unit_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  t.after(() => deleteWakeStream(subject));
  const [here, there] = [await memoryStorage(t), await memoryStorage(t)];
  const wakes = { here: 0, there: 0 };
  const busHere = new NatsWakeBus({ servers: TEST_NATS_URL, subject, changes: here.changes, onError: (e) => assert.fail(String(e)) });
  const busThere = new NatsWakeBus({ servers: TEST_NATS_URL, subject, changes: there.changes, onError: (e) => assert.fail(String(e)) });
  t.after(() => busHere.stop());
  t.after(() => busThere.stop());
  await busHere.start(() => wakes.here++);
  await busThere.start(() => wakes.there++);
  assert.ok(busHere.connected() && busThere.connected());
  // Connecting wakes once, so a node reads what it missed while not listening.
  assert.deepEqual(wakes, { here: 1, there: 1 });

  await here.users.createUser(user('u1'));
  await until('a wake-up on the other node', () => wakes.there === 2);
  await there.users.createUser(user('u2'));
  await until('a wake-up back', () => wakes.here === 2);
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(wakes, { here: 2, there: 2 }, 'no node is woken by its own commit');
});
