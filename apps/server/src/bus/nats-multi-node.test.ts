import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { openStorage } from '@notewave/storage';
import { dropSchema, throwawaySchemaName } from '@notewave/storage/postgres/throwaway-schema.ts';
import { deleteWakeStream, natsUnavailable, TEST_NATS_URL } from '../testing/nats-probe.ts';
import { noteVisibility, percentile, within as waitFor } from '../testing/cross-node.ts';
import { TcpCut } from '../testing/tcp-cut.ts';
import { NOTE, startTestNode, type TestNode } from '../testing/test-node.ts';

const PG_URL = process.env.TEST_POSTGRES_URL;
/** Generous: catches wake-ups that never arrive, not slow ones (timings depend on the machine). */
const BOUND_MS = 8_000;
/** Far longer than the test: only a wake-up from the bus can bring writes across in time. */
const NO_POLL = '600000';

const skip = PG_URL ? await natsUnavailable() : 'TEST_POSTGRES_URL not set';

const within = (what: string, check: () => boolean | Promise<boolean>): Promise<number> => waitFor(what, check, BOUND_MS);

/** Two nodes on one throwaway schema, woken over NATS; `natsUrlOfB` lets a test put B behind a cut or nowhere. */
async function twoNodes(t: TestContext, label: string, opts: { natsUrlOfB?: string; pollOfB?: string } = {}): Promise<[TestNode, TestNode]> {
  const schema = throwawaySchemaName(label);
  const subject = `notewave.test.${schema}`;
  t.after(() => dropSchema(PG_URL as string, schema));
  t.after(() => deleteWakeStream(subject));
  const env = {
    NOTEWAVE_DATABASE_URL: PG_URL as string,
    NOTEWAVE_EVENT_TAIL_MS: NO_POLL,
    NOTEWAVE_EVENT_BUS: 'nats',
    NOTEWAVE_NATS_URL: TEST_NATS_URL,
    NOTEWAVE_NATS_SUBJECT: subject,
  };
  // Opened as a node on the NATS bus opens its store: no NOTIFY, no LISTEN, so only NATS can wake the other node.
  const a = await startTestNode(env, { storage: await openStorage(PG_URL as string, { schema, migrate: true, notify: false }) });
  t.after(() => a.close());
  const b = await startTestNode(
    { ...env, NOTEWAVE_NATS_URL: opts.natsUrlOfB ?? TEST_NATS_URL, NOTEWAVE_EVENT_TAIL_MS: opts.pollOfB ?? NO_POLL },
    { storage: await openStorage(PG_URL as string, { schema, notify: false }) },
  );
  t.after(() => b.close());
  await a.start(false);
  await b.start(false);
  return [a, b];
}

test('a note and an event written on one node reach the other over NATS JetStream', { skip: skip ?? false }, async (t) => {
  const [a, b] = await twoNodes(t, 'nats_bus');
  assert.deepEqual((await b.call('GET', '/health')).json.sync.bus, { kind: 'nats', connected: true });

  const mei = await a.register('mei_lin');
  const note = (await a.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, title: 'Lantern walk' } })).json;
  const noteMs = await within('a new note in the engine', () => b.engine.catalog.get(note.id)?.deleted === false);
  assert.equal((await b.call('GET', `/api/notes/${note.id}`)).json.title, 'Lantern walk');

  const sent = await a.call('POST', '/api/events', {
    token: mei.token,
    body: { events: [{ type: 'share', clientEventId: 'share-1', noteId: note.id }] },
  });
  assert.equal(sent.json.accepted, 1, sent.text);
  const lastSeq = await a.storage.events.lastSeq();
  assert.ok(lastSeq > 0);
  const eventMs = await within('an event', () => b.sync.appliedSeq >= lastSeq);
  t.diagnostic(`visible on the other node after the write returned: note ${noteMs.toFixed(1)} ms, event ${eventMs.toFixed(1)} ms`);

  const delays = await noteVisibility(a, b, mei.token, 50, BOUND_MS);
  const at = (p: number) => percentile(delays, p).toFixed(1);
  // Reported, never asserted: timings depend on the machine.
  t.diagnostic(`cross-node visibility over NATS for 50 new notes: p50 ${at(50)} ms, p99 ${at(99)} ms`);
});

test('a node cut off from NATS catches up by seq from PostgreSQL when the bus returns', { skip: skip ?? false }, async (t) => {
  const relay = await TcpCut.open({ host: '127.0.0.1', port: Number(new URL(TEST_NATS_URL).port) });
  t.after(() => relay.cut());
  const [a, b] = await twoNodes(t, 'nats_outage', { natsUrlOfB: relay.url });
  const mei = await a.register('mei_lin');
  await within('the author', () => b.engine.hasUser(mei.user.id));

  await relay.cut();
  await within('the bus to drop', async () => (await b.call('GET', '/health')).json.sync.bus.connected === false);
  const written: string[] = [];
  for (let i = 0; i < 5; i++) written.push((await a.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, title: `Walk ${i}` } })).json.id);
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(written.every((id) => b.engine.catalog.get(id) === undefined), 'with the bus cut and no poll, nothing arrives');

  await relay.restore();
  await within('every note written during the outage', () => written.every((id) => b.engine.catalog.get(id)?.deleted === false));
  const health = (await b.call('GET', '/health')).json;
  assert.equal(health.sync.changes.behind, 0);
  assert.equal(health.sync.bus.connected, true);
});

test('a node that never reaches NATS still gets every write from PostgreSQL on its poll', { skip: skip ?? false }, async (t) => {
  const relay = await TcpCut.open({ host: '127.0.0.1', port: Number(new URL(TEST_NATS_URL).port) });
  await relay.cut();
  const [a, b] = await twoNodes(t, 'nats_none', { natsUrlOfB: relay.url, pollOfB: '200' });
  assert.equal(b.follower.bus.connected(), false);
  const mei = await a.register('mei_lin');
  const note = (await a.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, title: 'Polled walk' } })).json;
  await within('a note, by the poll alone', () => b.engine.catalog.get(note.id)?.deleted === false);
});
