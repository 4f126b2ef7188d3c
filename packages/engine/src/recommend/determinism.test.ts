import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = fileURLToPath(new URL('./testing/feed-transcript.ts', import.meta.url));

/** One fresh Node process: no warmed caches, interned keys or module state carried over from another run. */
async function transcript(seed: number): Promise<unknown[]> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--conditions=notewave-source', script, String(seed)], { maxBuffer: 16 << 20 });
  return JSON.parse(stdout) as unknown[];
}

test('two fresh processes given the same seed and events serve the same pages', async () => {
  const [a, b] = await Promise.all([transcript(11), transcript(11)]);
  assert.equal(a.length, 8);
  assert.ok((a as unknown[][]).every((page) => page.length > 0));
  assert.deepEqual(a, b);
  // The transcript depends on the seed, so equality above is not two empty or constant outputs.
  const other = await transcript(12);
  assert.notDeepEqual(other, a);
});
