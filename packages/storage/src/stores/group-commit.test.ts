import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GroupCommit } from './group-commit.ts';

/** A write that records each call and can be made to fail for chosen items. */
function recorder(fails: (n: number) => boolean = () => false) {
  const calls: number[][] = [];
  const write = async (items: readonly number[]) => {
    calls.push([...items]);
    await new Promise((r) => setImmediate(r));
    if (items.some(fails)) throw new Error(`bad item in ${items}`);
    return items.map((n) => n * 10);
  };
  return { calls, write };
}

test('a lone submission is written at once, alone', async () => {
  const { calls, write } = recorder();
  const gc = new GroupCommit(write, 100);
  assert.deepEqual(await gc.submit([1, 2]), [10, 20]);
  assert.deepEqual(calls, [[1, 2]]);
});

test('submissions of one turn share the first write, those arriving during it the next; each gets its own outputs', async () => {
  const { calls, write } = recorder();
  const gc = new GroupCommit(write, 100);
  const first = [gc.submit([1]), gc.submit([2, 3])];
  // The write starts after this turn's callbacks; this one runs right after it has started.
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(calls, [[1, 2, 3]]);
  const second = [gc.submit([4]), gc.submit([5])];
  assert.deepEqual(await Promise.all([...first, ...second]), [[10], [20, 30], [40], [50]]);
  assert.deepEqual(calls, [[1, 2, 3], [4, 5]]);
});

test('a write that completes within its own microtasks (a synchronous driver) still groups concurrent callers', async () => {
  const calls: number[][] = [];
  const gc = new GroupCommit(async (items: readonly number[]) => {
    calls.push([...items]);
    return items.map((n) => n + 1);
  }, 100);
  // Two requests handled in separate callbacks of the same turn, as sockets read in one poll phase are.
  const out = await new Promise<number[][]>((resolve) => {
    const got: Promise<number[]>[] = [];
    setImmediate(() => got.push(gc.submit([1])));
    setImmediate(() => {
      got.push(gc.submit([2]));
      void Promise.all(got).then(resolve);
    });
  });
  assert.deepEqual(out, [[2], [3]]);
  assert.deepEqual(calls, [[1, 2]]);
});

test('groups never exceed the item cap unless one submission alone does', async () => {
  const { calls, write } = recorder();
  const gc = new GroupCommit(write, 3);
  await Promise.all([gc.submit([1]), gc.submit([2, 3]), gc.submit([4]), gc.submit([5, 6, 7, 8]), gc.submit([9])]);
  assert.deepEqual(calls, [[1, 2, 3], [4], [5, 6, 7, 8], [9]]);
});

test('a failing submission in a group fails alone; its neighbours still succeed', async () => {
  const { write } = recorder((n) => n === 3);
  const gc = new GroupCommit(write, 100);
  const settled = await Promise.allSettled([gc.submit([1]), gc.submit([2]), gc.submit([3]), gc.submit([4])]);
  assert.deepEqual(settled.map((s) => s.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  assert.deepEqual(settled[3], { status: 'fulfilled', value: [40] });
});

test('settled waits for every submission made so far', async () => {
  const { write } = recorder();
  const gc = new GroupCommit(write, 100);
  const done: number[] = [];
  void gc.submit([1]).then(() => done.push(1));
  void gc.submit([2]).then(() => done.push(2));
  await gc.settled();
  assert.deepEqual(done.sort(), [1, 2]);
  await gc.settled();
});
