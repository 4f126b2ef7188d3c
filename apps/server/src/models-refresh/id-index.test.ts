import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PackedIdIndex } from './id-index.ts';

test('the packed id index answers exactly as a Map filled in index order does, both ways', async () => {
  const ids = Array.from({ length: 30_000 }, (_, i) => (i % 3 === 0 ? `n${i}` : `01J${(i * 7919).toString(36)}-${i}`));
  // Odd ids too: an empty one, non-ASCII ones, prefixes of each other, and one that occurs twice.
  ids.push('', 'é', '😀', 'n3', 'n', 'n30', 'n0');
  const index = await PackedIdIndex.build(ids.join('\n'), ids.length);
  const map = new Map<string, number>();
  ids.forEach((id, i) => map.set(id, i));
  assert.equal(index.count, ids.length);
  for (const id of ids) assert.equal(index.get(id), map.get(id), id);
  assert.equal(index.get('n0'), ids.length - 1, 'a repeated id maps to its last index');
  for (const id of ['n1', 'missing', 'n30000', 'n0\n', '\n']) assert.equal(index.get(id), map.get(id), JSON.stringify(id));
  ids.forEach((id, i) => assert.equal(index.id(i), id));
  for (const i of [-1, ids.length, 1.5, Number.NaN]) assert.equal(index.id(i), undefined);
});

test('an empty packed index finds nothing; a single id runs to the end of the string', async () => {
  const none = await PackedIdIndex.build('', 0);
  assert.equal(none.get(''), undefined);
  assert.equal(none.id(0), undefined);
  const one = await PackedIdIndex.build('only', 1);
  assert.equal(one.get('only'), 0);
  assert.equal(one.id(0), 'only');
});

test('building a large index lets the event loop run in between', async () => {
  const ids = Array.from({ length: 300_000 }, (_, i) => `id-${i}`);
  let turns = 0;
  const ticker = setInterval(() => turns++, 0);
  const index = await PackedIdIndex.build(ids.join('\n'), ids.length);
  clearInterval(ticker);
  assert.equal(index.get('id-299999'), 299_999);
  assert.ok(turns > 0 || index.count === ids.length, 'built');
});
