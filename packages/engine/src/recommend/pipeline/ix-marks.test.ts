import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IxMarks, IxSlots } from './ix-marks.ts';

test('marks hold the indices added since the last clear, far indices included', () => {
  const m = new IxMarks();
  m.clear();
  m.add(3);
  m.add(50_000);
  assert.ok(m.has(3) && m.has(50_000));
  assert.ok(!m.has(4) && !m.has(49_999) && !m.has(1_000_000));
  m.clear();
  assert.ok(!m.has(3) && !m.has(50_000));
  m.add(4);
  assert.ok(m.has(4) && !m.has(3));
});

test('slots map indices to positions until the next clear', () => {
  const s = new IxSlots();
  s.clear();
  assert.equal(s.get(7), -1);
  s.set(7, 0);
  s.set(70_000, 1);
  s.set(7, 2);
  assert.equal(s.get(7), 2);
  assert.equal(s.get(70_000), 1);
  s.clear();
  assert.equal(s.get(7), -1);
  assert.equal(s.get(70_000), -1);
});
