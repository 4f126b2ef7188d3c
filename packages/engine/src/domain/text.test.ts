import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findUnstorableText, isStorableText } from './text.ts';

test('storable text allows any well-formed string and refuses NUL and lone surrogates', () => {
  for (const s of ['', 'plain', '中文 😀', '\uD83D\uDE00', 'tab\tnew\nline']) assert.equal(isStorableText(s), true, JSON.stringify(s));
  for (const s of ['\u0000', 'a\u0000b', '\uD800', 'x\uDC00', '\uDE00\uD83D', 'end\uD83D']) assert.equal(isStorableText(s), false, JSON.stringify(s));
});

test('finds the path of the first unstorable string, keys included', () => {
  assert.equal(findUnstorableText({ a: 'ok', b: [1, 'fine', { c: 'bad\u0000' }] }), 'b[2].c');
  assert.equal(findUnstorableText({ ['k\uD800']: 1 }), 'k\uD800');
  assert.equal(findUnstorableText('\uDC00'), '');
  assert.equal(findUnstorableText({ a: ['x', 2, null, true] }), null);
});
