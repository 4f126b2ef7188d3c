import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateEvent } from './event.ts';

test('accepts a valid view event and stamps user and time', () => {
  const r = validateEvent({ type: 'view', clientEventId: 'c1', noteId: 'n1', portion: 0.9, extra: 'ignored' }, 'u1', 42);
  assert.equal(r.ok, true);
  if (r.ok) assert.deepEqual(r.event, { userId: 'u1', clientEventId: 'c1', ts: 42, type: 'view', noteId: 'n1', portion: 0.9 });
});

test('rejects wrong types and ranges with a message', () => {
  const cases: [unknown, RegExp][] = [
    [null, /object/],
    [{ type: 'zap', clientEventId: 'a' }, /type must be/],
    [{ type: 'like', noteId: 'n' }, /clientEventId/],
    [{ type: 'view', clientEventId: 'a', noteId: 'n', portion: 1.5 }, /portion/],
    [{ type: 'dwell', clientEventId: 'a', noteId: 'n', ms: -1 }, /ms/],
    [{ type: 'impression', clientEventId: 'a', noteId: 'n', position: 1.5 }, /position/],
    [{ type: 'search', clientEventId: 'a', query: '   ' }, /query/],
    [{ type: 'follow', clientEventId: 'a', targetUserId: 'u1' }, /themselves/],
    [{ type: 'not_interested', clientEventId: 'a', targetKind: 'city', target: 'x' }, /targetKind/],
  ];
  for (const [raw, re] of cases) {
    const r = validateEvent(raw, 'u1', 1);
    assert.equal(r.ok, false, JSON.stringify(raw));
    if (!r.ok) assert.match(r.message, re);
  }
});

test('rejects events holding a NUL or a lone surrogate in any string', () => {
  const cases: unknown[] = [
    { type: 'like', clientEventId: 'a\uD800', noteId: 'n' },
    { type: 'like', clientEventId: 'a', noteId: 'n\u0000' },
    { type: 'search', clientEventId: 'a', query: 'q\uDC00x' },
    { type: 'view', clientEventId: 'a', noteId: 'n', portion: 1, surface: '\u0000' },
  ];
  for (const raw of cases) {
    const r = validateEvent(raw, 'u1', 1);
    assert.equal(r.ok, false, JSON.stringify(raw));
    if (!r.ok) assert.match(r.message, /NUL character or a lone surrogate/);
  }
  assert.equal(validateEvent({ type: 'search', clientEventId: 'a', query: '😀 emoji 中文' }, 'u1', 1).ok, true);
});
