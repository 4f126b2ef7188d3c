import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Engine, StoredEvent } from '@notewave/engine';
import { NOTE, startTestNode } from '../testing/test-node.ts';

const LANTERN = { kind: 'image', title: 'Lantern workshop by the lake', body: 'Paper lanterns for the festival #lantern', category: 'home/decor' };
const KITES = { kind: 'image', title: 'Kite flying at the lantern festival', body: 'Kites over the lake #kites', category: 'travel/city-walk' };

function profileOf(engine: Engine, userId: string): unknown {
  const p = engine.recommender.state.profile(userId);
  assert.ok(p, 'the user has a profile');
  return { topics: [...p.topics], queries: p.queries };
}

test('a node that replays the log builds the profiles the serving node built from searches, though the index changed since', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-replay-'));
  const env = { NOTEWAVE_DATABASE_URL: `sqlite://${join(dir, 'notewave.db')}` };
  const a = await startTestNode(env);
  let b: Awaited<ReturnType<typeof startTestNode>> | null = null;
  try {
    const mei = await a.register('mei_lin');
    const tom = await a.register('tom_w');
    await a.call('POST', '/api/notes', { token: mei.token, body: NOTE });
    await a.call('POST', '/api/notes', { token: mei.token, body: LANTERN });
    // A signed-in search logs a `search` event server-side; a client may also send one without results.
    assert.equal((await a.call('GET', '/api/search?q=lantern', { token: tom.token })).status, 200);
    assert.equal((await a.call('GET', '/api/search?q=kites', { token: tom.token })).json.hits.length, 0);
    const sent = await a.call('POST', '/api/events', { token: tom.token, body: { events: [{ type: 'search', clientEventId: 's1', query: 'festival', resultIds: [] }] } });
    assert.equal(sent.json.accepted, 1);

    const stored = (await a.storage.events.readSince(0, 100)).filter((e): e is Extract<StoredEvent, { type: 'search' }> => e.type === 'search');
    assert.equal(stored.length, 3);
    const byQuery = new Map(stored.map((e) => [e.query, e.resultIds]));
    assert.equal(byQuery.get('lantern')?.length, 1, 'the server-side event records what the search returned');
    assert.deepEqual(byQuery.get('kites'), [], 'and that it returned nothing');
    assert.equal(byQuery.get('festival')?.length, 1, 'a client event without results is stored with them');

    // The index changes: a note that matches every query above.
    await a.call('POST', '/api/notes', { token: mei.token, body: KITES });
    b = await startTestNode(env);
    assert.equal(b.engine.runSearch({ q: 'kites' }).hits.length, 1);
    assert.deepEqual(profileOf(b.engine, tom.user.id), profileOf(a.engine, tom.user.id));
  } finally {
    await a.close();
    await b?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
