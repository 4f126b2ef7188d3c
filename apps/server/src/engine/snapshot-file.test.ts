import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withFileChunks } from './snapshot-file.ts';

const openFiles = () => readdirSync('/proc/self/fd').length;

test('a snapshot file is closed however its reader stops: after the first chunk, at the end, or by throwing', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'notewave-chunks-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'file.bin');
  writeFileSync(path, new Uint8Array(10_000).map((_, i) => i & 0xff));
  const before = openFiles();

  // A header reader pulls the first chunk and stops, as the frame reader does (a for-of loop would close the
  // generator itself; a reader that calls next() does not).
  const first = withFileChunks(path, (chunks) => chunks[Symbol.iterator]().next().value?.length ?? 0, 4_096);
  assert.equal(first, 4_096);
  assert.equal(openFiles(), before, 'closed after reading only the first chunk');

  // A full read sees every byte, in order.
  const bytes: number[] = [];
  withFileChunks(path, (chunks) => {
    for (const c of chunks) bytes.push(...c);
  }, 4_096);
  assert.equal(bytes.length, 10_000);
  assert.ok(bytes.every((b, i) => b === (i & 0xff)));
  assert.equal(openFiles(), before);

  // A reader that fails part-way (a damaged frame) still closes the file.
  assert.throws(() => withFileChunks(path, (chunks) => {
    const it = chunks[Symbol.iterator]();
    it.next();
    it.next();
    throw new Error('damaged frame');
  }, 4_096), /damaged frame/);
  assert.equal(openFiles(), before, 'closed after the reader threw');
});
