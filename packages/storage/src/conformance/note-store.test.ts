import assert from 'node:assert/strict';
import type { NoteTerms, Storage } from '@notewave/engine';
import { conformance } from './backends.ts';
import { note, rejectsWithCode, user } from './fixtures.ts';

async function withAuthors(s: Storage, ...ids: string[]): Promise<void> {
  await s.users.insertUsers(ids.map((id) => user(id)));
}

/** Stored terms are opaque to storage: any strings must come back exactly, including quotes and astral characters. */
function terms(tag: string, over: Partial<NoteTerms> = {}): NoteTerms {
  return { analyzer: 'jieba-1-test', text: `fp-${tag}`, title: ['周末', tag], tags: ['#探店', '探店'], body: ['杭州', 'city', 'walk', '"q"\\', '🍵'], ...over };
}

conformance('NoteStore', (it) => {
  it('creates notes of both kinds and reads them back exactly', async (s) => {
    await withAuthors(s, 'u1');
    const image = note('n1', 'u1');
    const video = note('n2', 'u1', {
      kind: 'video',
      title: 'Dance challenge',
      tags: [],
      language: 'en',
      media: { images: [{ url: 'https://img.example/cover.jpg' }], videoUrl: 'https://v.example/n2.mp4', durationSec: 14.5 },
    });
    await s.notes.createNote(image);
    await s.notes.createNote(video);
    assert.deepEqual(await s.notes.getNote('n1'), image);
    assert.deepEqual(await s.notes.getNote('n2'), video);
    assert.equal(await s.notes.getNote('missing'), null);
  });

  it('rejects a duplicate id with conflict and an unknown author with not_found', async (s) => {
    await withAuthors(s, 'u1');
    await s.notes.createNote(note('n1', 'u1'));
    await rejectsWithCode(s.notes.createNote(note('n1', 'u1')), 'conflict');
    await rejectsWithCode(s.notes.createNote(note('n2', 'ghost')), 'not_found');
  });

  it('getNotes follows the order of the ids and skips missing ones', async (s) => {
    await withAuthors(s, 'u1');
    await s.notes.insertNotes(['n1', 'n2', 'n3'].map((id) => note(id, 'u1')));
    const got = await s.notes.getNotes(['n3', 'missing', 'n1', 'n3']);
    assert.deepEqual(got.map((n) => n.id), ['n3', 'n1', 'n3']);
    assert.deepEqual(await s.notes.getNotes([]), []);
  });

  it('reads by id stay right when the same number of ids is asked for again with other ids', async (s) => {
    await withAuthors(s, 'u1', 'u2');
    const all = Array.from({ length: 12 }, (_, i) => note(`n${String(i).padStart(2, '0')}`, i % 2 ? 'u1' : 'u2', { title: `title ${i}` }));
    await s.notes.insertNotes(all);
    for (let start = 0; start < 9; start += 3) {
      const want = all.slice(start, start + 3).reverse();
      assert.deepEqual(await s.notes.getNotes(want.map((n) => n.id)), want);
      assert.deepEqual(await s.notes.getNote(all[start]!.id), all[start]);
    }
    assert.deepEqual(await s.notes.getNotes(['missing', 'n11', 'n00']), [all[11], all[0]]);
  });

  it('updates patched fields and stamps editedAt; a missing note gives null', async (s) => {
    await withAuthors(s, 'u1');
    const n = note('n1', 'u1');
    await s.notes.createNote(n);
    const media = { images: [{ url: 'https://img.example/new.jpg' }, { url: 'https://img.example/2.jpg', width: 10 }] };
    const updated = await s.notes.updateNote('n1', { title: '新标题', tags: ['a', 'b'], media }, 1_760_000_000_000);
    assert.deepEqual(updated, { ...n, title: '新标题', tags: ['a', 'b'], media, editedAt: 1_760_000_000_000 });
    assert.deepEqual(await s.notes.getNote('n1'), updated);
    assert.equal(await s.notes.updateNote('missing', { title: 'x' }, 1), null);
  });

  it('soft delete hides a note from listings and counts but keeps it readable by id', async (s) => {
    await withAuthors(s, 'u1');
    await s.notes.insertNotes(['n1', 'n2'].map((id) => note(id, 'u1')));
    assert.equal(await s.notes.softDeleteNote('n1', 1_760_000_000_000), true);
    assert.equal(await s.notes.softDeleteNote('n1', 1_760_000_000_001), false);
    assert.equal(await s.notes.softDeleteNote('missing', 1), false);
    assert.equal((await s.notes.getNote('n1'))?.deleted, true);
    assert.deepEqual((await s.notes.listNotes({ limit: 10 })).map((n) => n.id), ['n2']);
    assert.deepEqual((await s.notes.listNotes({ limit: 10, includeDeleted: true })).map((n) => n.id), ['n1', 'n2']);
    assert.equal(await s.notes.countNotes(), 1);
    assert.equal(await s.notes.updateNote('n1', { title: 'edit after delete' }, 2), null);
  });

  it('lists by author and kind with keyset paging', async (s) => {
    await withAuthors(s, 'u1', 'u2');
    const notes = Array.from({ length: 9 }, (_, i) => note(`n${i}`, i % 2 === 0 ? 'u1' : 'u2', { kind: i % 3 === 0 ? 'video' : 'image' }));
    await s.notes.insertNotes(notes);
    const pages: string[][] = [];
    let after: string | null = null;
    for (;;) {
      const page = await s.notes.listNotes({ after, limit: 2, authorId: 'u1' });
      if (page.length === 0) break;
      pages.push(page.map((n) => n.id));
      after = page[page.length - 1]!.id;
    }
    assert.deepEqual(pages, [['n0', 'n2'], ['n4', 'n6'], ['n8']]);
    assert.deepEqual((await s.notes.listNotes({ limit: 10, kind: 'video' })).map((n) => n.id), ['n0', 'n3', 'n6']);
    assert.deepEqual((await s.notes.listNotes({ limit: 10, kind: 'video', authorId: 'u2', after: 'n0' })).map((n) => n.id), ['n3']);
  });

  it('lists newest first with a keyset cursor when asked for descending order', async (s) => {
    await withAuthors(s, 'u1', 'u2');
    await s.notes.insertNotes(Array.from({ length: 7 }, (_, i) => note(`n${i}`, i === 3 ? 'u2' : 'u1')));
    await s.notes.softDeleteNote('n5', 1);
    const pages: string[][] = [];
    for (let after: string | null = null; ;) {
      const page = await s.notes.listNotes({ after, limit: 2, authorId: 'u1', order: 'desc' });
      if (page.length === 0) break;
      pages.push(page.map((n) => n.id));
      after = page[page.length - 1]!.id;
    }
    assert.deepEqual(pages, [['n6', 'n4'], ['n2', 'n1'], ['n0']]);
    assert.deepEqual((await s.notes.listNotes({ limit: 3, order: 'desc', includeDeleted: true })).map((n) => n.id), ['n6', 'n5', 'n4']);
    assert.deepEqual((await s.notes.listNotes({ limit: 2, order: 'asc' })).map((n) => n.id), ['n0', 'n1']);
  });

  it('lists notes edited or deleted since a time, of any age, by id', async (s) => {
    await withAuthors(s, 'u1');
    await s.notes.insertNotes(['n1', 'n2', 'n3', 'n4', 'n5'].map((id) => note(id, 'u1')));
    await s.notes.updateNote('n4', { title: 'old edit' }, 100);
    await s.notes.updateNote('n2', { title: 'new edit' }, 200);
    await s.notes.softDeleteNote('n5', 300);
    await s.notes.updateNote('n1', { title: 'edited' }, 250);
    await s.notes.softDeleteNote('n1', 260);
    const changed = await s.notes.listChangedNotes(200, null, 10);
    assert.deepEqual(changed.map((n) => [n.id, n.title, n.deleted]), [['n1', 'edited', true], ['n2', 'new edit', false], ['n5', note('n5', 'u1').title, true]]);
    assert.deepEqual((await s.notes.listChangedNotes(200, 'n1', 1)).map((n) => n.id), ['n2']);
    assert.deepEqual(await s.notes.listChangedNotes(301, null, 10), []);
  });

  it('bulk-inserts many notes in one transaction and rolls back on conflict', async (s) => {
    await withAuthors(s, 'u1');
    await s.notes.insertNotes(Array.from({ length: 600 }, (_, i) => note(`n${String(i).padStart(4, '0')}`, 'u1')));
    assert.equal(await s.notes.countNotes(), 600);
    await rejectsWithCode(s.notes.insertNotes([note('fresh', 'u1'), note('n0000', 'u1')]), 'conflict');
    assert.equal(await s.notes.getNote('fresh'), null);
  });

  it('stores analysed terms beside notes and lists live notes with them in id order, keyset paged', async (s) => {
    await withAuthors(s, 'u1');
    await s.notes.createNote(note('n1', 'u1'), terms('n1'));
    await s.notes.insertNotes([note('n2', 'u1'), note('n3', 'u1'), note('n4', 'u1')], [terms('n2'), null, terms('n4', { body: [] })]);
    await s.notes.insertNotes([note('n5', 'u1')]);
    await s.notes.softDeleteNote('n4', 1);
    const all = await s.notes.listIndexableNotes(null, 10);
    assert.deepEqual(all.map((x) => x.note), ['n1', 'n2', 'n3', 'n5'].map((id) => note(id, 'u1')));
    assert.deepEqual(all.map((x) => x.terms), [terms('n1'), terms('n2'), null, null]);
    assert.deepEqual((await s.notes.listIndexableNotes(null, 2)).map((x) => x.note.id), ['n1', 'n2']);
    assert.deepEqual((await s.notes.listIndexableNotes('n2', 2)).map((x) => x.note.id), ['n3', 'n5']);
    // Ordinary reads do not carry the terms.
    assert.deepEqual(await s.notes.getNote('n1'), note('n1', 'u1'));
  });

  it('an edit of title, body or tags drops stored terms unless it brings new ones; other edits keep them', async (s) => {
    await withAuthors(s, 'u1');
    await s.notes.insertNotes(['n1', 'n2', 'n3', 'n4'].map((id) => note(id, 'u1')), ['n1', 'n2', 'n3', 'n4'].map((id) => terms(id)));
    await s.notes.updateNote('n1', { body: 'new body' }, 10);
    await s.notes.updateNote('n2', { tags: ['x'] }, 10, terms('n2-new'));
    await s.notes.updateNote('n3', { category: 'food/recipes', media: { images: [] } }, 10);
    await s.notes.updateNote('n4', { title: 'new title' }, 10);
    const byId = new Map((await s.notes.listIndexableNotes(null, 10)).map((x) => [x.note.id, x]));
    assert.equal(byId.get('n1')?.terms, null);
    assert.equal(byId.get('n1')?.note.body, 'new body');
    assert.deepEqual(byId.get('n2')?.terms, terms('n2-new'));
    assert.deepEqual(byId.get('n3')?.terms, terms('n3'));
    assert.equal(byId.get('n4')?.terms, null);
  });

  it('setNoteTerms replaces the terms of existing notes in bulk and skips unknown ids', async (s) => {
    await withAuthors(s, 'u1');
    const ids = Array.from({ length: 700 }, (_, i) => `n${String(i).padStart(4, '0')}`);
    await s.notes.insertNotes(ids.map((id) => note(id, 'u1')));
    await s.notes.setNoteTerms([...ids.map((id) => ({ id, terms: terms(id) })), { id: 'ghost', terms: terms('ghost') }]);
    await s.notes.setNoteTerms([]);
    const listed = await s.notes.listIndexableNotes(null, 1000);
    assert.equal(listed.length, 700);
    for (const x of listed) assert.deepEqual(x.terms, terms(x.note.id));
    assert.equal(await s.notes.getNote('ghost'), null);
  });
});
