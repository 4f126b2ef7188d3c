import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRng } from '../../runtime/rng.ts';
import { RecencyLog } from './recency-log.ts';

test('a recency log behaves like a Map with move-to-newest and oldest-first eviction', () => {
  const rng = new SeededRng(7);
  for (const limit of [1, 5, 64, 300]) {
    const log = new RecencyLog(limit, 2);
    const ref = new Map<number, [number, number, number]>();
    for (let i = 0; i < 20_000; i++) {
      const key = rng.int(limit * 3);
      if (rng.next() < 0.1) {
        assert.equal(log.delete(key), ref.delete(key));
        continue;
      }
      const t = i * 1.5;
      const p = rng.next();
      const o = rng.int(3);
      log.set(key, t, p, o);
      ref.delete(key);
      ref.set(key, [t, p, o]);
      if (ref.size > limit) ref.delete(ref.keys().next().value as number);
      assert.equal(log.size, ref.size);
      const probe = rng.int(limit * 3);
      assert.equal(log.get(probe), ref.get(probe)?.[0]);
      assert.equal(log.has(probe), ref.has(probe));
      if (ref.has(probe)) {
        assert.equal(log.payload(probe, 0), ref.get(probe)![1]);
        assert.equal(log.payload(probe, 1), ref.get(probe)![2]);
      }
    }
    assert.deepEqual([...log], [...ref].map(([k, v]) => [k, v[0]]));
    assert.deepEqual([...log.keys()], [...ref.keys()]);
  }
});

test('an empty recency log answers without allocating', () => {
  const log = new RecencyLog(10);
  assert.equal(log.size, 0);
  assert.equal(log.get(3), undefined);
  assert.equal(log.delete(3), false);
  assert.deepEqual([...log], []);
});

test('dropping entries older than a time stops at the first newer one and frees an emptied log', () => {
  const log = new RecencyLog(100, 1);
  for (let i = 0; i < 50; i++) log.set(i, i * 10, i / 100);
  log.set(3, 5); // moved to the newest end, though its time is old
  log.dropOlderThan(200);
  assert.deepEqual([...log.keys()], [...Array.from({ length: 30 }, (_, i) => i + 20).filter((k) => k !== 3), 3]);
  assert.equal(log.payload(25, 0), 0.25);
  assert.equal(log.get(3), 5);
  log.dropOlderThan(1e9);
  assert.equal(log.size, 0);
  assert.deepEqual([...log], []);
  log.set(7, 1);
  assert.equal(log.get(7), 1);
});
