import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModel, encodeModel, modelKind } from './codec.ts';

const arrays = () => ({ a: Float32Array.from([1.5, -2, 3]), b: Int32Array.from([7, 8, 9, 10, 11]), c: Float64Array.from([Math.PI]) });

test('a model round-trips: kind, meta with non-ASCII text, and every array with its type and values', () => {
  const bytes = encodeModel('itemknn', { label: '露营 camping', k: 3 }, arrays());
  assert.equal(modelKind(bytes), 'itemknn');
  const d = decodeModel(bytes);
  assert.deepEqual(d.meta, { label: '露营 camping', k: 3 });
  assert.ok(d.arrays.get('a') instanceof Float32Array);
  assert.deepEqual([...d.arrays.get('a')!], [1.5, -2, 3]);
  assert.deepEqual([...d.arrays.get('b')!], [7, 8, 9, 10, 11]);
  assert.deepEqual([...d.arrays.get('c')!], [Math.PI]);
});

test('bytes that own their whole buffer are viewed in place; a piece of a larger buffer is copied out', () => {
  const bytes = encodeModel('pop', {}, arrays());
  const viewed = decodeModel(bytes);
  assert.equal(viewed.arrays.get('b')!.buffer, bytes.buffer, 'no copy');

  const larger = new Uint8Array(bytes.byteLength + 16);
  larger.set(bytes, 8);
  const piece = larger.subarray(8, 8 + bytes.byteLength);
  const copied = decodeModel(piece);
  assert.notEqual(copied.arrays.get('b')!.buffer, larger.buffer, 'does not pin the larger buffer');
  assert.deepEqual([...copied.arrays.get('b')!], [7, 8, 9, 10, 11]);
  larger.fill(0);
  assert.deepEqual([...copied.arrays.get('b')!], [7, 8, 9, 10, 11], 'independent of the input');
});

test('truncated or foreign bytes are refused with a clear error', () => {
  const bytes = encodeModel('pop', {}, arrays());
  assert.throws(() => decodeModel(bytes.slice(0, bytes.byteLength - 8)), /runs past the end/);
  assert.throws(() => decodeModel(new Uint8Array(16)), /bad magic/);
});
