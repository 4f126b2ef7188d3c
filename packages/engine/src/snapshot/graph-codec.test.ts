import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteReader, ByteWriter } from './byte-io.ts';
import { FRAME_BYTES, FrameReader } from './frames.ts';
import { readGraph, writeGraph, type GraphCodecOptions } from './graph-codec.ts';

class Box {
  items = new Map<string, unknown>();
  tags = new Set<string>();
  scale = 1;
  onChange: () => number = () => this.scale;
  constructor(readonly name: string) {}
}

class Unlisted {
  x = 1;
}

const OPTS: GraphCodecOptions = { classes: new Map<string, abstract new (...args: never[]) => unknown>([['Box', Box]]) };

function roundTrip(root: object, into: object, opts: GraphCodecOptions = OPTS): Uint8Array[] {
  const w = new ByteWriter();
  for (const _ of writeGraph(root, w, opts));
  w.flush();
  const r = new ByteReader(new FrameReader(w.frames));
  for (const _ of readGraph(into, r, opts));
  assert.ok(r.atEnd(), 'every byte read');
  return w.frames;
}

test('values, identity and typed-array views over one buffer come back as they were', () => {
  const src = new Box('a');
  const buffer = new ArrayBuffer(64);
  const whole = new Float64Array(buffer);
  whole.set([1.5, -0, Number.NaN, Infinity, 2 ** 60]);
  const view = new Uint8Array(buffer, 8, 16);
  const shared = { n: 1 };
  const long = `${'路'.repeat(FRAME_BYTES)}\ud800end`;
  src.items.set('nums', [0, -1, 2 ** 53, -(2 ** 53), 0.1, -0, Number.NaN, 12345678901234]);
  src.items.set('views', { whole, view });
  src.items.set('twice', [shared, shared]);
  src.items.set('misc', { big: 2n ** 70n, when: new Date(5), nothing: null, missing: undefined, yes: true, latin: 'é'.repeat(10) });
  src.items.set('long', long);
  src.tags.add('x').add('y');
  src.scale = 3;
  const into = new Box('a');
  const ownChange = into.onChange;
  roundTrip(src, into);
  assert.equal(into.scale, 3);
  assert.equal(into.onChange, ownChange, 'functions are the restored-into object\'s own');
  assert.equal(into.onChange(), 3, 'and see the restored state');
  assert.deepEqual([...into.tags], ['x', 'y']);
  const nums = into.items.get('nums') as number[];
  assert.deepEqual(nums, [0, -1, 2 ** 53, -(2 ** 53), 0.1, -0, Number.NaN, 12345678901234]);
  assert.ok(Object.is(nums[5], -0));
  const views = into.items.get('views') as { whole: Float64Array; view: Uint8Array };
  assert.equal(views.whole.buffer, views.view.buffer, 'views share their buffer again');
  assert.deepEqual([...views.whole.subarray(0, 5)], [1.5, -0, Number.NaN, Infinity, 2 ** 60]);
  assert.equal(views.view.byteOffset, 8);
  const twice = into.items.get('twice') as object[];
  assert.equal(twice[0], twice[1], 'an object reached twice is one object');
  const misc = into.items.get('misc') as Record<string, unknown>;
  assert.deepEqual(misc, { big: 2n ** 70n, when: new Date(5), nothing: null, missing: undefined, yes: true, latin: 'é'.repeat(10) });
  assert.ok(into.items.get('long') === long, 'a string longer than a frame, with a lone surrogate');
});

test('an instance of an unregistered class is refused by name', () => {
  const src = new Box('a');
  src.items.set('odd', new Unlisted());
  assert.throws(() => roundTrip(src, new Box('a')), /cannot snapshot an instance of Unlisted at Map\.odd: its class is not registered/);
});

test('a function in an object the restored-into graph does not have is refused, not dropped', () => {
  const src = new Box('a');
  src.items.set('handler', { run: () => 1 });
  assert.throws(() => roundTrip(src, new Box('a')), /keeps Object\.run from the engine it is restored into, which has no such object/);
});

test('externals and skipped fields stay those of the graph restored into', () => {
  const clock = { now: () => 1 };
  const src = Object.assign(new Box('a'), { clock, scale: 9 });
  const intoClock = { now: () => 2 };
  const into = Object.assign(new Box('a'), { clock: intoClock });
  const opts: GraphCodecOptions = { ...OPTS, externals: new Set([clock, intoClock]), skipped: new Map([['Box', new Set(['scale'])]]) };
  roundTrip(src, into, opts);
  assert.equal((into as Box & { clock: unknown }).clock, intoClock);
  assert.equal(into.scale, 1);
});
