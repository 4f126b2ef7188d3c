import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { packIds, PackedIdIndex, sharedCopy, type PackedIds } from './id-index.ts';

test('the packed id index answers exactly as a Map filled in index order does, both ways', () => {
  const ids = Array.from({ length: 30_000 }, (_, i) => (i % 3 === 0 ? `n${i}` : `01J${(i * 7919).toString(36)}-${i}`));
  // Odd ids too: an empty one, non-ASCII ones, one with a newline, prefixes of each other, and one that occurs twice.
  ids.push('', 'é', '😀', 'e\u0301', 'a\nb', 'n3', 'n', 'n30', 'n0');
  const index = new PackedIdIndex(packIds(ids));
  const map = new Map<string, number>();
  ids.forEach((id, i) => map.set(id, i));
  assert.equal(index.count, ids.length);
  for (const id of ids) assert.equal(index.get(id), map.get(id), id);
  assert.equal(index.get('n0'), ids.length - 1, 'a repeated id maps to its last index');
  for (const id of ['n1', 'missing', 'n30000', 'n0\n', '\n', 'a', 'b', 'è', '😁', 'e']) assert.equal(index.get(id), map.get(id), JSON.stringify(id));
  ids.forEach((id, i) => assert.equal(index.id(i), id));
  for (const i of [-1, ids.length, 1.5, Number.NaN]) assert.equal(index.id(i), undefined);
});

test('an empty packed index finds nothing; a single id is found both ways', () => {
  const none = new PackedIdIndex(packIds([]));
  assert.equal(none.get(''), undefined);
  assert.equal(none.id(0), undefined);
  const one = new PackedIdIndex(packIds(['only']));
  assert.equal(one.get('only'), 0);
  assert.equal(one.get('onl'), undefined);
  assert.equal(one.id(0), 'only');
});

test('packed ids and model bytes cross to another thread as shared memory, not copies', () => {
  const packed = packIds(['a', 'bb', 'ccc']);
  const bytes = sharedCopy(new Uint8Array([1, 2, 3, 4]));
  const { port1, port2 } = new MessageChannel();
  try {
    port1.postMessage({ packed, bytes });
    const got = receiveMessageOnPort(port2)!.message as { packed: PackedIds; bytes: Uint8Array };
    for (const a of [got.packed.bytes, got.packed.starts, got.packed.slots, got.bytes]) assert.ok(a.buffer instanceof SharedArrayBuffer);
    assert.equal(got.bytes.byteLength, got.bytes.buffer.byteLength, 'the copy spans its whole buffer, so a model is decoded in place');
    assert.deepEqual([...got.bytes], [1, 2, 3, 4]);
    // The same memory: a write on one side shows on the other.
    packed.bytes[0] = 'z'.charCodeAt(0);
    assert.equal(new PackedIdIndex(got.packed).id(0), 'z');
    assert.equal(new PackedIdIndex(got.packed).get('bb'), 1);
  } finally {
    port1.close();
  }
});
