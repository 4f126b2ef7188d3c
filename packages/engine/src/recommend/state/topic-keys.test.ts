import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NoteCatalog } from '../../catalog/note-catalog.ts';
import type { Note } from '../../domain/note.ts';
import { buildCommunity } from '../testing/community-fixture.ts';
import { TopicKeyTable } from './topic-keys.ts';

const note = (id: string, title: string, tags: string[]): Note => ({
  id, authorId: 'a', kind: 'image', title, body: '', tags, category: 'food/recipes', language: 'en', media: { images: [] }, createdAt: 0, editedAt: null, deleted: false,
});

test('keys from user input stop being interned at the bound; catalog keys always are, with stable ids', () => {
  const catalog = new NoteCatalog();
  const table = new TopicKeyTable(3);
  const first = table.ofNote(catalog.upsert(note('n1', 'Matcha latte', ['matcha'])));
  const ids = first.map((k) => k.id);
  assert.ok(table.internLoose('w:alpha') && table.internLoose('w:beta') && table.internLoose('w:gamma'));
  assert.equal(table.loose, 3);
  assert.equal(table.internLoose('w:delta'), null, 'past the bound');
  assert.equal(table.find('w:delta'), undefined);
  assert.equal(table.internLoose('t:matcha')?.id, ids[2], 'a catalog key is found whatever the bound');
  const size = table.size;
  for (let i = 0; i < 1000; i++) table.internLoose(`w:typed${i}`);
  assert.equal(table.size, size, 'search text beyond the bound grows nothing');

  const gammaId = table.find('w:gamma')?.id;
  const second = table.ofNote(catalog.upsert(note('n2', 'Gamma testing', ['fresh'])));
  assert.ok(second.some((k) => k.key === 't:fresh'), 'a note\'s keys are interned past the bound');
  assert.equal(second.find((k) => k.key === 'w:gamma')?.id, gammaId, 'a loose key a note uses keeps its id');
  assert.equal(table.loose, 2, 'a loose key a note uses stops counting as loose');
  assert.ok(table.internLoose('w:delta'), 'which frees a place');
  assert.deepEqual(table.ofNote(catalog.get('n1')!).map((k) => k.id), ids, 'ids never change');
});

test('an edited note gets its new keys once its old ones are forgotten', () => {
  const catalog = new NoteCatalog();
  const table = new TopicKeyTable();
  table.ofNote(catalog.upsert(note('n1', 'Matcha latte', ['matcha'])));
  const edited = catalog.upsert(note('n1', 'Hojicha latte', ['hojicha']));
  table.forget(edited.ix);
  assert.ok(table.ofNote(edited).some((k) => k.key === 't:hojicha'));
  assert.ok(!table.ofNote(edited).some((k) => k.key === 't:matcha'));
});

test('an engine under a flood of distinct searches keeps its loose keys at the bound and still learns from the query', () => {
  const c = buildCommunity({ maxLooseTopicKeys: 8 });
  const topics = c.engine.runtime.topics;
  c.engine.addUser({ id: 'flood', market: 'US', createdAt: c.clock.now() });
  const before = topics.size;
  for (let i = 0; i < 500; i++) c.search('flood', `zq${i}x kw${i}y`);
  assert.equal(topics.loose, 8);
  assert.equal(topics.size, before + 8);
  c.search('flood', 'DeepSeek');
  const p = c.engine.recommender.state.profile('flood')!;
  assert.ok(p.weight('t:deepseek', c.clock.now()) > 0, 'a query term some note uses still reaches the profile');
  assert.equal(p.topic('w:zq499x'), undefined, 'a query term past the bound is skipped');
  assert.ok(p.topic('w:zq0x'), 'one within the bound was kept');
});
