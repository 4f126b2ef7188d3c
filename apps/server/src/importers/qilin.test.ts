import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isCategory } from '@notewave/engine';
import { sharedDataset } from './data-dir.ts';
import { parseQilinNotes, readQilinNotes } from './qilin.ts';

const dir = sharedDataset('qilin-xhs-notes');
const skip = dir ? false : 'qilin-xhs-notes not found in ../shared/data; skipping the real-corpus import check';

test('maps a labelled Qilin record to an image note with hashtags, category and language', () => {
  const csv = '\ufeffnote_idx,title,content,image_path,content_length,label\n' +
    '42,秋冬穿搭分享,"羊绒围巾真的好看\n#围巾这样搭[话题]# #格雷系穿搭[话题]#",image/part_1/1/2.jpg,30,fashion_beauty\n' +
    'x,bad,row,,,fashion_beauty\n';
  const [n, ...rest] = parseQilinNotes(csv);
  assert.equal(rest.length, 0);
  assert.ok(n);
  assert.equal(n.id, 'qilin_42');
  assert.equal(n.kind, 'image');
  assert.deepEqual(n.tags, ['围巾这样搭', '格雷系穿搭']);
  assert.equal(n.category, 'fashion/outfits');
  assert.equal(n.language, 'zh');
  assert.equal(n.media.images[0]?.url, 'image/part_1/1/2.jpg');
  assert.deepEqual(parseQilinNotes(csv)[0], n, 'ids, authors and dates are deterministic');
});

test('imports all 798 labelled Qilin notes from the shared data', { skip }, async () => {
  const notes = await readQilinNotes(dir as string);
  assert.equal(notes.length, 798);
  assert.equal(new Set(notes.map((n) => n.id)).size, 798);
  const tagged = notes.filter((n) => n.tags.length > 0).length;
  assert.ok(tagged >= 690, `notes with hashtags: ${tagged}`);
  assert.ok(notes.every((n) => isCategory(n.category) && n.title.length > 0 && n.kind === 'image'));
  const labels = new Map<string, number>();
  for (const n of notes) labels.set(n.label, (labels.get(n.label) ?? 0) + 1);
  assert.deepEqual(Object.fromEntries(labels), { fashion_beauty: 265, food_travel: 238, knowledge_tutorial: 295 });
  assert.ok(notes.filter((n) => n.label === 'fashion_beauty').every((n) => /^(beauty|fashion)\//.test(n.category)));
  assert.ok(new Set(notes.map((n) => n.authorId)).size > 100);
});
