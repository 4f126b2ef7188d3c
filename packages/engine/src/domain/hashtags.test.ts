import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collectTags, parseHashtags } from './hashtags.ts';

test('parses open western hashtags', () => {
  assert.deepEqual(parseHashtags('Love this #Skincare routine, #GRWM!'), ['skincare', 'grwm']);
});

test('parses Xiaohongshu closed hashtags with and without topic type', () => {
  assert.deepEqual(parseHashtags('周末好去处 #杭州旅行# 还有 #探店[话题]# 推荐'), ['杭州旅行', '探店']);
});

test('mixed forms are de-duplicated and normalised (full-width folded)', () => {
  assert.deepEqual(parseHashtags('#ＤeepSeek# and #deepseek and #AI工具'), ['deepseek', 'ai工具']);
});

test('collectTags merges explicit tags first', () => {
  assert.deepEqual(collectTags(['#Beauty', 'beauty'], 'title #好物分享#', 'body #beauty'), ['beauty', '好物分享']);
});
