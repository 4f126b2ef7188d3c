import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCategory } from '@notewave/engine';
import { sharedDataset } from './data-dir.ts';
import { parseKuairecNotes, parseTopicTags, readKuairecNotes } from './kuairec.ts';

const dir = sharedDataset('kuairec-sideinfo');
const skip = dir ? false : 'kuairec-sideinfo not found in ../shared/data; skipping the real-corpus import check';

const HEADER = 'video_id,manual_cover_text,caption,topic_tag,first_level_category_id,first_level_category_name,second_level_category_id,second_level_category_name,third_level_category_id,third_level_category_name\n';

test('maps caption rows to video notes with topic tags and a mapped category', () => {
  const notes = parseKuairecNotes(HEADER +
    '4,五爱街最美美女,#搞笑 #五爱市场 这真是完美搭配啊！,"[五爱市场,搞笑]",5,时尚,737,营销售卖,2596,女装\n' +
    '1,UNKNOWN,,[],27,高新数码,-124,UNKNOWN,-124,UNKNOWN\n' +
    '9,UNKNOWN,家常红烧肉的做法 #美食,[],10,美食,100,美食教程,-124,UNKNOWN\n' +
    'oops,UNKNOWN,broken "row,[],1,x,1,x,1,x\n');
  assert.deepEqual(notes.map((n) => n.id), ['kuairec_4', 'kuairec_9']);
  const [a, b] = notes;
  assert.equal(a?.kind, 'video');
  assert.equal(a?.title, '五爱街最美美女');
  assert.deepEqual(a?.tags, ['五爱市场', '搞笑']);
  assert.match(a?.category ?? '', /^fashion\//);
  assert.equal(b?.title, '家常红烧肉的做法');
  assert.equal(b?.category, 'food/recipes');
});

test('topic tag lists parse with and without quotes', () => {
  assert.deepEqual(parseTopicTags('[a, b,c]'), ['a', 'b', 'c']);
  assert.deepEqual(parseTopicTags("['x','y']"), ['x', 'y']);
  assert.deepEqual(parseTopicTags('[]'), []);
});

test('imports the KuaiRec captions from the shared data', { skip }, async () => {
  const notes = await readKuairecNotes(dir as string);
  // 10,728 videos (10,732 raw records); the 990 with neither caption nor cover text are skipped.
  assert.equal(notes.length, 9738);
  assert.equal(new Set(notes.map((n) => n.id)).size, notes.length);
  assert.ok(notes.every((n) => n.kind === 'video' && isCategory(n.category) && /^kuairec_\d+$/.test(n.id)));
  const tagged = notes.filter((n) => n.tags.length > 0).length;
  assert.equal(tagged, 6116);
  const cats = new Set(notes.map((n) => n.category.split('/')[0]));
  for (const top of ['food', 'fashion', 'beauty', 'music-dance', 'comedy', 'pets']) assert.ok(cats.has(top), top);
});
