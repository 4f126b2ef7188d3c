import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { NODE_FLAGS } from './heap.ts';

export interface ServerReport {
  url: string;
  loaded: { users: number; notes: number; follows: number; events: number; lastSeq: number };
  rss: number;
  heapUsed: number;
  uptimeMs: number;
  /** CPU time the server used until it was ready (user + system). */
  cpuMs: number;
  /** Whether the engine was restored from its snapshot or rebuilt from storage. */
  loadedFrom?: 'snapshot' | 'storage';
}

export interface RunningServer {
  url: string;
  /** Wall time from spawning the process to the first healthy /health answer. */
  startMs: number;
  report: ServerReport;
  child: ChildProcess;
  /** The JSON of the next line `<tag> {json}` the server prints from now on. */
  nextLine<T>(tag: string, timeoutMs?: number): Promise<T>;
  /** SIGTERM, then SIGKILL if the process has not exited after `graceMs` (default 10 s). */
  stop(graceMs?: number): Promise<void>;
}

/** A free loopback port: bind to 0, read the port, release it. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * Starts `bench/lib/serve-node.ts` as a child process on a database and waits until /health answers 200;
 * the time to that answer is the start-up time (state rebuilt from storage included). `env` adds serve-node's
 * other settings (BENCH_ROLE, BENCH_DATABASE_SCHEMA).
 */
export async function startServer(root: string, databaseUrl: string, clockStart: number, timeoutMs = 15 * 60_000, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--expose-gc', ...NODE_FLAGS, '--import', 'tsx', '--conditions=notewave-source', join(root, 'bench/lib/serve-node.ts')], {
    cwd: root,
    env: { ...process.env, BENCH_DATABASE_URL: databaseUrl, BENCH_PORT: String(port), BENCH_CLOCK_START: String(clockStart), ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let exited: number | null = null;
  let stopping = false;
  child.once('exit', (code, signal) => {
    exited = code ?? -1;
    // A server that dies under load leaves the client with bare connection errors: say how it ended.
    if (!stopping) process.stderr.write(`server process ${child.pid} exited unexpectedly (${signal ? `signal ${signal}` : `code ${code}`})\n`);
  });
  let out = '';
  const waiting: { tag: string; resolve(v: unknown): void }[] = [];
  let readyReport: ((r: ServerReport) => void) | null = null;
  const ready = new Promise<ServerReport>((resolve) => (readyReport = resolve));
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    for (let nl = out.indexOf('\n'); nl >= 0; nl = out.indexOf('\n')) {
      const line = out.slice(0, nl);
      out = out.slice(nl + 1);
      const sp = line.indexOf(' ');
      if (sp < 0) continue;
      const tag = line.slice(0, sp);
      if (tag === 'READY') readyReport?.(JSON.parse(line.slice(sp + 1)) as ServerReport);
      const w = waiting.findIndex((x) => x.tag === tag);
      if (w >= 0) waiting.splice(w, 1)[0]!.resolve(JSON.parse(line.slice(sp + 1)));
    }
  });
  const nextLine = <T>(tag: string, timeoutMs = 30 * 60_000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server printed no ${tag} line in time`)), timeoutMs);
      waiting.push({ tag, resolve: (v) => (clearTimeout(timer), resolve(v as T)) });
    });
  for (;;) {
    if (exited !== null) throw new Error(`server process exited with ${exited} before serving`);
    if (performance.now() - t0 > timeoutMs) {
      stopping = true;
      child.kill('SIGKILL');
      throw new Error('server did not become healthy in time');
    }
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const startMs = performance.now() - t0;
  const report = await ready;
  return {
    url,
    startMs,
    report,
    child,
    nextLine,
    stop: (graceMs = 10_000) =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (exited !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
