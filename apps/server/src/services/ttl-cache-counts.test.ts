import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TtlCache } from './ttl-cache.ts';

test('a TTL cache counts lookups it answers as hits, and absent or expired entries as misses', () => {
  const cache = new TtlCache<string, number>(1_000, 10);
  assert.equal(cache.get('a', 0), undefined);
  cache.fill(cache.ticket(), 'a', 1, 0);
  assert.equal(cache.get('a', 500), 1);
  assert.equal(cache.get('a', 1_000), undefined, 'expired');
  assert.deepEqual({ hits: cache.hits, misses: cache.misses }, { hits: 1, misses: 2 });
});
