import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderCoverSvg, type CoverNote } from './cover.ts';
import { wrapText, escapeXml } from './cover-text.ts';

const base: CoverNote = { id: 'n_0m5d4ruo00001', title: '周末去杭州旅行探店｜10家宝藏咖啡馆', category: 'travel/shop-visits', language: 'zh', kind: 'image' };

/** A small well-formedness check: balanced tags, quoted attributes, no stray '<' or '&' in text. */
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  const token = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = token.exec(svg)) !== null) {
    consumed = token.lastIndex;
    const [, close, name, attrs, selfClose, text] = m;
    const checkEntities = (s: string) => assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(s), `bad entity in ${s}`);
    if (text !== undefined) {
      checkEntities(text);
      continue;
    }
    checkEntities(attrs ?? '');
    if (close) assert.equal(stack.pop(), name, `mismatched </${name}>`);
    else if (!selfClose) stack.push(name!);
  }
  assert.equal(consumed, svg.length, `unparsable at ${svg.slice(consumed, consumed + 40)}`);
  assert.deepEqual(stack, []);
  assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
}

test('a cover is a well-formed SVG carrying the title and category label', () => {
  const svg = renderCoverSvg(base);
  assertWellFormed(svg);
  assert.ok(svg.includes('旅行探店 · 探店'));
  assert.ok(svg.includes('杭州'));
  assert.ok(!/https?:\/\/(?!www\.w3\.org\/2000\/svg)/.test(svg), 'no external references');
});

test('the same note renders identically; other notes and pages differ', () => {
  assert.equal(renderCoverSvg(base), renderCoverSvg({ ...base }));
  assert.notEqual(renderCoverSvg(base), renderCoverSvg({ ...base, id: 'n_0m5d4ruo00002' }));
  assert.notEqual(renderCoverSvg(base), renderCoverSvg(base, { page: 2 }));
});

test('markup and control characters in titles are escaped or dropped', () => {
  const svg = renderCoverSvg({ ...base, title: `<script>alert("x")</script> & 'quotes' \u0001\uD800 done`, tags: ['a&b'] });
  assertWellFormed(svg);
  assert.ok(!svg.includes('<script'));
  assert.ok(svg.includes('&lt;script&gt;') && svg.includes('&amp;') && svg.includes('&quot;'));
  assert.ok(!svg.includes('\u0001') && !svg.includes('\uD800'));
});

test('video covers are 9:16 with a play mark and duration', () => {
  const svg = renderCoverSvg({ ...base, kind: 'video', category: 'music-dance/dance-challenges', language: 'en', title: 'Dance challenge tutorial', media: { durationSec: 83 } });
  assertWellFormed(svg);
  assert.ok(svg.includes('viewBox="0 0 1080 1920"'));
  assert.ok(svg.includes('>1:23<'));
  assert.ok(svg.includes('Music &amp; dance · Dance challenges'));
});

test('long titles wrap within the width and end in an ellipsis when cut', () => {
  const long = 'DeepSeek step-by-step guide for busy workers who want to automate weekly reports, slide decks and trip planning without writing a single line of code';
  const { lines, truncated } = wrapText(long, 14, 4);
  assert.equal(lines.length, 4);
  assert.ok(truncated && lines[3]!.endsWith('…'));
  assert.ok(lines.every((l) => l.length > 0));
  const zh = wrapText('码农神器！DeepSeek帮我五分钟写完脚本，效率翻倍，再也不用加班了。', 8, 6);
  assert.ok(!zh.truncated);
  assert.ok(zh.lines.every((l) => !/^[，。！]/.test(l)), 'no line starts with closing punctuation');
  assert.equal(zh.lines.join(''), '码农神器！DeepSeek帮我五分钟写完脚本，效率翻倍，再也不用加班了。');
  assertWellFormed(renderCoverSvg({ ...base, title: long.repeat(3) }));
});

test('untitled notes and unknown categories still render a complete cover', () => {
  const svg = renderCoverSvg({ ...base, title: '   ', category: 'nonsense', language: 'en' });
  assertWellFormed(svg);
  assert.ok(svg.includes('>Other<'));
});

test('escapeXml leaves emoji intact', () => {
  assert.equal(escapeXml('好物✨🔥 <3'), '好物✨🔥 &lt;3');
});
