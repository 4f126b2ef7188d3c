import { test } from 'node:test';
import assert from 'node:assert/strict';
import { highlight, type HighlightTerms } from './snippet.ts';
import { highlightReference } from './testing/snippet-reference.ts';
import { SeededRng } from '../runtime/rng.ts';

test('highlight marks random texts exactly as the reference does, with and without a window', () => {
  // Words and characters that folding keeps apart or changes (case, full width, traditional, ellipsis, ligature,
  // combining mark, zero-width and emoji), so both the unit-by-unit fold and the whole-text fold are taken.
  const pieces = ['coffee', 'Coffee', 'ＣＯＦＦＥＥ', 'shops', 'shop', 'running', 'run', "don't", '咖啡', '咖啡店', '體育', '体育', '学习', '學習',
    '髮型', '发型', '后来', '後來', ' ', ' ', '，', '。', '…', '—', 'ﬁ', 'e\u0301', '\u200b', '😀', '👍🏻', '\u200d', '❤\ufe0f', '①', 'Σ', 'x', '7', '\n'];
  const subs = ['咖啡', '体育', '学习', '发型', '后来', 'coffee shop', '...', '①', '1', 'fi', 'é', '店'];
  const stems = ['coffe', 'shop', 'run', 'don', 'fi'];
  const r = new SeededRng(31);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r.next() * xs.length)] as T;
  let marked = 0;
  let windowed = 0;
  for (let i = 0; i < 6000; i++) {
    const length = i % 3 === 0 ? Math.floor(r.next() * 400) : Math.floor(r.next() * 40);
    const text = Array.from({ length }, () => pick(pieces)).join('');
    const terms: HighlightTerms = {
      stems: new Set(Array.from({ length: Math.floor(r.next() * 2) }, () => pick(stems))),
      prefixes: Array.from({ length: Math.floor(r.next() * 1.5) }, () => pick(['cof', 'sh', 'ru'])),
      substrings: Array.from({ length: Math.floor(r.next() * 4) }, () => pick(subs)),
    };
    const window = pick([undefined, 30, 120]);
    const got = highlight(text, terms, window);
    assert.equal(got, highlightReference(text, terms, window), JSON.stringify({ text, terms: { ...terms, stems: [...terms.stems] }, window }));
    if (got.includes('<mark>')) marked++;
    if (window !== undefined && text.length > 3 * window) windowed++;
  }
  // Not vacuous: most texts have marks, and long texts went through the window.
  assert.ok(marked > 3000, `${marked} marked`);
  assert.ok(windowed > 500, `${windowed} windowed`);
});
