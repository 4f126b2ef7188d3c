import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;

export interface StartedServer {
  url: string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** Builds the web bundle from the current sources (a few seconds), so the tests never run an old one. */
export function buildWeb(): void {
  // The test runner sets NODE_ENV=test, which would make Vite build a development bundle.
  const r = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0 || !existsSync(join(ROOT, 'apps/web/dist/index.html'))) throw new Error(`the web app did not build: ${r.stdout}${r.stderr}`);
  const size = /first load[^\n]*/.exec(r.stdout);
  if (size) console.log(`web build: ${size[0]}`);
}

/**
 * Seeds a small demo community (with its video clips) into a temporary database and starts `notewave serve` from the
 * sources on a random loopback port, the way an operator would run it.
 */
export async function startServer(): Promise<StartedServer> {
  buildWeb();
  const dir = mkdtempSync(join(tmpdir(), 'nw-e2e-'));
  const port = await freePort();
  const env = {
    ...process.env,
    NOTEWAVE_DATABASE_URL: `sqlite://${join(dir, 'notewave.db')}`,
    NOTEWAVE_UPLOAD_DIR: join(dir, 'uploads'),
    NOTEWAVE_PORT: String(port),
    NOTEWAVE_HOST: '127.0.0.1',
    NOTEWAVE_LOG_LEVEL: 'warn',
    NOTEWAVE_MODEL_REFRESH: '0',
  };
  // The CLI from its sources, like every other test, so the browser tests never run a stale build.
  const cli = ['--import', 'tsx', '--conditions=notewave-source', join(ROOT, 'apps/server/src/cli/main.ts')];
  const seed = spawnSync(process.execPath, [...cli, 'seed', '--users', '60', '--notes', '400', '--days', '7'], { cwd: ROOT, env, encoding: 'utf8' });
  if (seed.status !== 0) throw new Error(`seeding failed: ${seed.stderr}`);
  const child: ChildProcess = spawn(process.execPath, [...cli, 'serve'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${log}`);
    try {
      const r = await fetch(`${url}/health`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error(`the server did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    async close() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
