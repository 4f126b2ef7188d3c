import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldCodePoint, foldText, foldTextWhole, foldWithOffsets, foldWithOffsetsByChar, includesSimplified, toSimplified, unitFold } from './normalize.ts';
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

test('foldText folds unit by unit exactly as the whole-text folding does', () => {
  // Units the shortcut takes (ASCII, full-width forms, punctuation, Han, traditional Han) mixed with ones it leaves to
  // the whole-text folding (combining marks, ligatures, zero-width and control characters, final sigma, emoji).
  const alphabet = [...'aZ9 \n\t，。！？：“”…—‧〜ＡＺｚ１（）體育学習髮发后後咖啡e\u0301ﬁ\u200b\u0007ΣΟΔΟΣ😀\u3000①\u00a0·é❤\ufe0f1\u20e3👍🏻\u200d🀄𝐀🄰'];
  const r = new SeededRng(9);
  for (let i = 0; i < 20000; i++) {
    const s = Array.from({ length: Math.floor(r.next() * 12) }, () => alphabet[Math.floor(r.next() * alphabet.length)]).join('');
    assert.equal(foldText(s), foldTextWhole(s), JSON.stringify(s));
  }
  assert.equal(foldText('Ｈｅｌｌｏ，體育！'), 'hello,体育!');
});

test('foldWithOffsets folds units by table exactly as code point by code point', () => {
  // Every unit the table folds folds alone as the per-character fold does.
  for (let c = 0; c < 0x10000; c++) {
    const u = unitFold(c);
    if (u !== null) assert.equal(u, foldCodePoint(String.fromCharCode(c)), c.toString(16));
  }
  const alphabet = [...'aZ9 \n\t，。！？：“”…—‧〜ＡＺｚ１（）體育学習髮发后後咖啡e\u0301ﬁ\u200b\u0007ΣΟΔΟΣ😀\u3000①\u00a0·é❤\ufe0f1\u20e3👍🏻\u200d🀄𝐀🄰', '\ud800', '\udc00'];
  const r = new SeededRng(13);
  let remapped = 0;
  for (let i = 0; i < 20000; i++) {
    const s = Array.from({ length: Math.floor(r.next() * 16) }, () => alphabet[Math.floor(r.next() * alphabet.length)]).join('');
    const want = foldWithOffsetsByChar(s);
    assert.deepEqual(foldWithOffsets(s), want, JSON.stringify(s));
    if (want.origin) remapped++;
  }
  assert.ok(remapped > 5000, `${remapped} strings whose fold changed length`);
});
