import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openStorage } from '@notewave/storage';
import { importNotes } from './import-corpus.ts';
import { readQilinNotes } from './qilin.ts';

const QILIN = fileURLToPath(new URL('../../../../../shared/data/qilin-xhs-notes', import.meta.url));
const skip = existsSync(QILIN) ? false : `${QILIN} is absent`;

test('importing the Qilin notes creates their authors and is idempotent', { skip }, async () => {
  const notes = await readQilinNotes(QILIN, { limit: 120 });
  const storage = await openStorage('sqlite::memory:');
  try {
    await storage.migrate();
    const first = await importNotes(storage, notes, Date.UTC(2026, 0, 1));
    assert.equal(first.imported, notes.length);
    assert.ok(first.authorsCreated > 0);
    assert.equal(await storage.notes.countNotes(), notes.length);
    const again = await importNotes(storage, notes, Date.UTC(2026, 0, 1));
    assert.deepEqual({ imported: again.imported, skipped: again.skipped, authorsCreated: again.authorsCreated }, { imported: 0, skipped: notes.length, authorsCreated: 0 });
    const sample = await storage.notes.getNote(notes[0]!.id);
    assert.equal(sample?.title, notes[0]!.title);
    const author = await storage.users.getUser(notes[0]!.authorId);
    assert.equal(author?.signupSource, 'import');
  } finally {
    await storage.close();
  }
});
