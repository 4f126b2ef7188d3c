import { test } from 'node:test';
import assert from 'node:assert/strict';

import { decodeEntities, highlightSegments, snippetSegments, type Segment } from './highlight.ts';

test('highlights become text and mark segments, with entities decoded once', () => {
  const segs: Segment[] = highlightSegments('Best <mark>DeepSeek</mark> tips &amp; tricks for &lt;coders&gt;');
  assert.deepEqual(segs, [
    { text: 'Best ', mark: false },
    { text: 'DeepSeek', mark: true },
    { text: ' tips & tricks for <coders>', mark: false },
  ]);
  assert.equal(decodeEntities('&amp;lt;b&amp;gt;'), '&lt;b&gt;');
  assert.equal(decodeEntities('&#39;quoted&#x27; &quot;x&quot; &#128512;'), "'quoted' \"x\" 😀");
  assert.equal(decodeEntities('&nosuch; &#0; &#99999999;'), '&nosuch; &#0; &#99999999;');
});

test('markup other than mark is never produced: stray tags stay literal text', () => {
  const segs: Segment[] = highlightSegments('<img src=x onerror=alert(1)><mark>咖啡</mark><script>x</script>');
  assert.deepEqual(segs.map((s) => s.mark), [false, true, false]);
  assert.equal(segs[0]?.text, '<img src=x onerror=alert(1)>');
  assert.equal(segs[2]?.text, '<script>x</script>');
  // Entity-encoded mark tags are text, not highlights.
  assert.deepEqual(highlightSegments('&lt;mark&gt;no&lt;/mark&gt;'), [{ text: '<mark>no</mark>', mark: false }]);
});

test('long highlights are cut around the first match with ellipses', () => {
  const before = 'a'.repeat(300);
  const after = 'b'.repeat(300);
  const segs: Segment[] = snippetSegments(highlightSegments(`${before}<mark>match</mark>${after}`), 60);
  const text = segs.map((s) => s.text).join('');
  assert.ok(text.startsWith('… '));
  assert.ok(text.endsWith(' …'));
  assert.ok(segs.some((s) => s.mark && s.text === 'match'));
  assert.ok(text.length <= 60 + 4);
  const short: Segment[] = highlightSegments('short <mark>one</mark>');
  assert.equal(snippetSegments(short, 60), short);
});
