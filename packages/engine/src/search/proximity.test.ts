import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjacentPairs } from './proximity.ts';
import { ids, note, searchOver } from './testing/search-fixtures.ts';

const WORDS = ['吉他', '指法', '练习', '每天', '左手', '右手', '扫弦', '节奏', '入门'];

test('neighbouring Chinese words of two characters or more pair up; one-character and Latin words do not', () => {
  assert.deepEqual(adjacentPairs(['吉他', '指法', '入门']), ['吉他指法', '指法入门']);
  assert.deepEqual(adjacentPairs(['在家', '能', '做', '甜点']), []);
  assert.deepEqual(adjacentPairs(['ukulele', '指法']), []);
  assert.deepEqual(adjacentPairs(['吉他']), []);
});

const FILLER = Array.from({ length: 10 }, (_, i) => note(`f${i}`, '每天练习', `节奏 ${i}`));

test('notes with every query word keep their plain order, together or apart', () => {
  // Same words once each; the note with them apart is shorter, so it leads.
  const s = searchOver(WORDS, [note('apart', '每天练习', '吉他 左手 右手 指法'), note('together', '每天练习', '左手 右手 扫弦 吉他指法'), ...FILLER]);
  assert.deepEqual(ids(s, '吉他指法').slice(0, 2), ['apart', 'together']);
});

test('among notes with only some of the words, those holding a pair together come first', () => {
  // No note has 吉他, 指法 and 入门: the partial matches are ordered by proximity too.
  const s = searchOver(WORDS, [note('apart', '每天练习', '吉他 左手 指法 右手'), note('together', '每天练习', '扫弦 吉他指法 节奏 左手'), ...FILLER]);
  assert.deepEqual(ids(s, '吉他指法入门').slice(0, 2), ['together', 'apart']);
});
