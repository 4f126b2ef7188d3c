import { test } from 'node:test';
import assert from 'node:assert/strict';
import { includesSimplified, toSimplified } from './normalize.ts';
import { SeededRng } from '../runtime/rng.ts';

test('includesSimplified answers as folding the whole text would', () => {
  // Traditional characters, their simplified forms, and characters folding does not touch.
  const alphabet = [...'體育學習們說會國這裡髮发頭头體体后後里裏咖啡店a1 #'];
  const r = new SeededRng(5);
  const pick = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(r.next() * alphabet.length)]).join('');
  let found = 0;
  for (let i = 0; i < 5000; i++) {
    const text = pick(Math.floor(r.next() * 30));
    const part = pick(1 + Math.floor(r.next() * 3));
    const want = text.includes(part) || toSimplified(text).includes(part);
    assert.equal(includesSimplified(text, part), want, `${text} / ${part}`);
    if (want && !text.includes(part)) found++;
  }
  // Matches only folding reveals were tried, not only plain ones.
  assert.ok(found > 50, `${found} matches through folding`);
  assert.equal(includesSimplified('我們去體育館', '们'), true);
  assert.equal(includesSimplified('我們去體育館', '体育'), true);
  assert.equal(includesSimplified('我們去體育館', '学'), false);
});
