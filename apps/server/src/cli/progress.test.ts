import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progress } from './progress.ts';

function capture() {
  const lines: string[] = [];
  return { lines, stream: { isTTY: false, write: (t: string) => lines.push(t) } };
}

test('without a terminal, progress prints a line per tenth done and a summary at the end', () => {
  const { lines, stream } = capture();
  let clock = 0;
  const bar = progress('import', 1000, stream, () => clock);
  for (let done = 0; done <= 1000; done += 50) {
    clock += 100;
    bar.update(done);
  }
  bar.stop('(3 skipped)');
  assert.equal(lines.length, 12);
  assert.equal(lines[0], 'import: 0% (0/1,000, 0.1 s)\n');
  assert.equal(lines[1], 'import: 10% (100/1,000, 0.3 s)\n');
  assert.equal(lines[10], 'import: 100% (1,000/1,000, 2.1 s)\n');
  assert.equal(lines[11], 'import: done, 1,000 in 2.1 s (3 skipped)\n');
});

test('a new total and extra information show on the next line', () => {
  const { lines, stream } = capture();
  const bar = progress('train', 10, stream, () => 0);
  bar.update(1, 10, 'loss 0.5000');
  bar.update(1, 2, 'loss 0.4000');
  bar.stop();
  bar.stop();
  assert.deepEqual(lines, ['train: 10% (1/10, 0.0 s) loss 0.5000\n', 'train: 50% (1/2, 0.0 s) loss 0.4000\n', 'train: done, 1 in 0.0 s\n']);
});
