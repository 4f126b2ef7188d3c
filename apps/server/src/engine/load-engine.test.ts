import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCommunity, type DemoCommunity } from '@notewave/demo';
import { SeededRng, TimeRandomIds, type Engine, type Note, type NoteTerms, type Storage } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { analyseNote, seedCommunity } from '../seeding/seed-community.ts';
import { NOTE, startTestNode } from '../testing/test-node.ts';
import { JiebaSegmenter } from './jieba-segmenter.ts';
import { loadEngine, type LoadReport } from './load-engine.ts';

// The server's segmenter, as the seeded terms were made with.
const segmenter = new JiebaSegmenter();
const community = (): DemoCommunity => generateCommunity({ seed: 11, users: 40, notes: 400, days: 10, eventsPerUser: 30 });

async function seeded(analyse: (n: Note) => NoteTerms | null): Promise<Storage> {
  const storage = await openStorage('sqlite::memory:');
  await storage.migrate();
  await seedCommunity(storage, community(), async (p) => p, () => {}, analyse);
  return storage;
}

// Same seeds, same clock: two loads of the same data must end in the same state, down to ids and random draws.
async function load(storage: Storage, storeTerms = true): Promise<{ engine: Engine; report: LoadReport }> {
  const end = community().options.endTime;
  const clock = { now: () => end };
  const rng = new SeededRng(5);
  return loadEngine(storage, { clock, rng, ids: new TimeRandomIds(clock, rng.fork('ids')), segmenter }, undefined, { storeTerms });
}

/** Everything a client can observe of search and feeds, for a spread of queries and users. */
function observe(engine: Engine, notes: readonly Note[], users: readonly string[]): unknown[] {
  const out: unknown[] = [];
  const queries = ['DeepSeek', '穿搭', '咖啡', 'city walk', '"好物"', '保姆级攻略', 'skincare routine', 'zzzz-none'];
  for (const n of notes.slice(0, 12)) queries.push(n.title.slice(0, 6), ...n.tags.slice(0, 1));
  for (const q of queries) {
    out.push(engine.runSearch({ q, limit: 20 }));
    out.push(engine.runSearch({ q, limit: 10, userId: users[0], filters: { language: 'zh' } }));
    out.push(engine.suggest(q.slice(0, 2)));
  }
  for (const userId of users) {
    for (const strategy of engine.recommender.strategies()) out.push(engine.feed({ userId, surface: 'discover', strategy, limit: 20 }));
  }
  out.push(engine.trending());
  return out;
}

test('an engine indexing stored terms answers searches and feeds exactly as one that analysed the text itself', async () => {
  const withTerms = await seeded(analyseNote);
  const without = await seeded(() => null);
  try {
    const notes = (await withTerms.notes.listIndexableNotes(null, 1000)).map((x) => x.note);
    const users = (await withTerms.users.listUsers(null, 8)).map((u) => u.id);

    const stored = await load(withTerms);
    assert.equal(stored.report.notes, notes.length);
    assert.equal(stored.report.analysed, 0, 'every note indexed from its stored terms');
    const analysed = await load(without, false);
    assert.equal(analysed.report.analysed, notes.length, 'every note analysed');
    assert.ok(stored.report.events > 500);
    assert.deepEqual({ ...stored.report, analysed: 0 }, { ...analysed.report, analysed: 0 });

    assert.equal(stored.engine.search.termCount, analysed.engine.search.termCount);
    assert.deepEqual(observe(stored.engine, notes, users), observe(analysed.engine, notes, users));
  } finally {
    await withTerms.close();
    await without.close();
  }
});

test('stale terms (another analyser, or text edited since) are analysed again and written back', async () => {
  // A stale term no real word is near, so typo tolerance cannot answer for it.
  const wrongVersion = (n: Note): NoteTerms => ({ ...analyseNote(n), analyzer: 'jieba-0-old', body: ['qqzzxxkk'] });
  // Terms of another text: the fingerprint no longer matches the note.
  const wrongText = (n: Note): NoteTerms => ({ ...analyseNote({ ...n, body: `${n.body} edited` }), body: ['qqzzxxkk'] });
  const reference = await seeded(analyseNote);
  try {
    const notes = (await reference.notes.listIndexableNotes(null, 1000)).map((x) => x.note);
    const users = (await reference.users.listUsers(null, 4)).map((u) => u.id);
    const expected = observe((await load(reference)).engine, notes, users);
    for (const stale of [wrongVersion, wrongText]) {
      const storage = await seeded(stale);
      try {
        const first = await load(storage);
        assert.equal(first.report.analysed, notes.length);
        assert.deepEqual(observe(first.engine, notes, users), expected);
        assert.equal(first.engine.runSearch({ q: 'qqzzxxkk' }).total, 0);
        // The fresh terms were stored: the next start indexes them as they are.
        const second = await load(storage);
        assert.equal(second.report.analysed, 0);
        assert.deepEqual(observe(second.engine, notes, users), expected);
      } finally {
        await storage.close();
      }
    }
  } finally {
    await reference.close();
  }
});

test('notes written through the API carry their terms: a restart indexes them without analysing, edits included', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-terms-'));
  const env = { NOTEWAVE_DATABASE_URL: `sqlite://${join(dir, 'nw.db')}` };
  try {
    const first = await startTestNode(env);
    const mei = await first.register('mei_lin');
    const a = (await first.call('POST', '/api/notes', { token: mei.token, body: NOTE })).json;
    const b = (await first.call('POST', '/api/notes', { token: mei.token, body: { ...NOTE, title: '第二篇笔记' } })).json;
    assert.equal((await first.call('PATCH', `/api/notes/${a.id}`, { token: mei.token, body: { body: '西湖边的羊绒围巾 #杭州旅行#' } })).status, 200);
    assert.equal((await first.call('PATCH', `/api/notes/${b.id}`, { token: mei.token, body: { category: 'food/recipes' } })).status, 200);
    await first.close();

    const second = await startTestNode(env);
    try {
      assert.equal(second.loaded.notes, 2);
      assert.equal(second.loaded.analysed, 0);
      assert.deepEqual((await second.call('GET', '/api/search?q=羊绒围巾')).json.hits.map((h: { note: { id: string } }) => h.note.id), [a.id]);
      assert.deepEqual((await second.call('GET', '/api/search?q=第二篇')).json.hits.map((h: { note: { id: string } }) => h.note.id), [b.id]);
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
