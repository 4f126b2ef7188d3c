import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spells } from './romanizer.ts';

test('typed pinyin spells a word by full syllables, initials or a mix, the last syllable possibly cut short', () => {
  const luying = ['lu', 'ying'];
  for (const typed of ['luying', 'lying', 'luy', 'ly', 'luyin']) assert.ok(spells(typed, luying, false), typed);
  for (const typed of ['lu', 'l', 'luyingx', 'yl', 'lvying']) assert.ok(!spells(typed, luying, false), typed);
  assert.ok(spells('lu', luying, true), 'a suggestion may complete the rest');
  assert.ok(spells('l', luying, true));
  assert.ok(!spells('x', luying, true));
  assert.ok(spells('zhongcao', ['zhong', 'cao'], false));
  assert.ok(spells('zc', ['zhong', 'cao'], false));
  assert.ok(spells('zhc', ['zhong', 'cao'], false));
  assert.ok(spells('cqhg', ['chong', 'qing', 'huo', 'guo'], false));
});
