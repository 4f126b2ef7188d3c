import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/*
 * Real server processes for the tests that kill them: each runs `crash-server.ts` with its settings passed in argv
 * (never the environment), listens on a free loopback port and is driven over HTTP with fetch.
 */

const ENTRY = fileURLToPath(new URL('./crash-server.ts', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
}

export interface HttpReply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON a route answers by property path
  json: any;
}

/** Starts a server process on `settings` (and a PostgreSQL schema); resolves once it prints the URL it listens on. */
export function startServerProcess(settings: Record<string, string>, schema?: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=notewave-source', ENTRY, JSON.stringify(settings), ...(schema ? [schema] : [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\S+)/.exec(out);
      if (m) resolve({ child, url: m[1] as string });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before listening: ${err.slice(-2000)}`)));
  });
}

/** Resolves once the process has exited (at once if it already has). */
export function stopped(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

/** Stops a process politely (SIGTERM) and waits for it. */
export async function stopServerProcess(server: ServerProcess): Promise<void> {
  server.child.kill('SIGTERM');
  await stopped(server.child);
}

/** One JSON request over HTTP; rejects only when the connection fails (a dead server), never on a status. */
export async function call(url: string, method: string, path: string, token: string | null, body?: unknown): Promise<HttpReply> {
  const res = await fetch(url + path, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(token && { authorization: `Bearer ${token}` }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}
