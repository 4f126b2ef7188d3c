import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopicPools } from './topic-pools.ts';

test('pool lists keep every note newest first across the switch to typed storage, without repeating the last', () => {
  const pools = new TopicPools();
  const ref = new Map<string, number[]>();
  for (let i = 0; i < 5000; i++) {
    const key = `t:${i % 7 === 0 ? 'rare' : i % 3}`;
    const ix = i % 11 === 0 ? Math.max(0, i - 1) : i;
    for (let r = 0; r < (i % 5 === 0 ? 2 : 1); r++) {
      pools.add(key, ix);
      const l = ref.get(key) ?? [];
      if (l[l.length - 1] !== ix) l.push(ix);
      ref.set(key, l);
    }
  }
  for (const [key, l] of ref) {
    assert.equal(pools.size(key), l.length);
    assert.deepEqual(pools.newest(key, 100), l.slice(-100).reverse());
    assert.deepEqual(pools.newest(key, 1e9), [...l].reverse());
  }
  assert.equal(pools.size('t:none'), 0);
  assert.deepEqual(pools.newest('t:none', 5), []);
});
