import assert from 'node:assert/strict';
import { conformance } from './backends.ts';
import { note, rejectsWithCode, user, viewEvent } from './fixtures.ts';

conformance('Storage lifecycle', (it) => {
  it('migrations are versioned and idempotent', async (s) => {
    assert.deepEqual(await s.migrate(), []);
    assert.deepEqual(await s.migrate(), []);
    assert.equal(await s.users.countUsers(), 0);
  });

  it('reports its capabilities and answers ping', async (s, lease) => {
    const backend = lease.url.startsWith('sqlite') ? 'sqlite' : 'postgres';
    assert.deepEqual(s.capabilities, { backend, multiNode: backend === 'postgres' });
    await s.ping();
  });

  it('close is safe to call twice and later calls fail with storage_unavailable', async (s) => {
    await s.close();
    await s.close();
    await rejectsWithCode(s.ping(), 'storage_unavailable');
    await rejectsWithCode(s.users.getUser('u1'), 'storage_unavailable');
  });

  it('close lets appends already in flight finish', async (s, lease) => {
    const inFlight = [s.events.append([viewEvent('u1', 'a')]), s.events.append([viewEvent('u1', 'b'), viewEvent('u2', 'a')])];
    await s.close();
    const outcomes = (await Promise.all(inFlight)).flat();
    assert.deepEqual(outcomes.map((o) => o.status), ['stored', 'stored', 'stored']);
    if (lease.durable) assert.equal(await (await lease.reopen()).events.count(), 3);
  });

  it('keeps acknowledged writes across close and reopen', async (s, lease) => {
    await s.users.createUser(user('u1'));
    await s.notes.createNote(note('n1', 'u1'));
    const out = await s.events.append([viewEvent('u1', 'a'), viewEvent('u1', 'b')]);
    await s.models.putModel('m', new Uint8Array([1, 2]), { a: 1 }, 5);

    const again = await lease.reopen();
    assert.deepEqual(await again.migrate(), []);
    assert.deepEqual(await again.users.getUser('u1'), user('u1'));
    assert.deepEqual(await again.notes.getNote('n1'), note('n1', 'u1'));
    assert.deepEqual((await again.events.readSince(0, 10)).map((e) => e.seq), out.map((o) => (o as { seq: number }).seq));
    assert.equal((await again.events.append([viewEvent('u1', 'a')]))[0]?.status, 'duplicate');
    const [fresh] = await again.events.append([viewEvent('u1', 'c')]);
    assert.ok((fresh as { seq: number }).seq > (out[1] as { seq: number }).seq);
    assert.equal((await again.models.getModel('m'))?.version, 1);
  }, { durable: true });
});
