import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { NODE_FLAGS } from './heap.ts';

/**
 * Runs a bench entry script (`bench/lib/<script>`) in a fresh Node process with the benchmark's V8 flags, and resolves
 * to the JSON of the `RESULT {json}` line it prints; rejects, naming `what`, when it exits otherwise.
 */
export function childResult<T>(root: string, script: string, args: readonly string[], what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, '--import', 'tsx', '--conditions=notewave-source', join(root, 'bench/lib', script), ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      const m = /RESULT (.*)\n/.exec(out);
      if (code === 0 && m) resolve(JSON.parse(m[1]!) as T);
      else reject(new Error(`${what} exited with ${code}`));
    });
  });
}
