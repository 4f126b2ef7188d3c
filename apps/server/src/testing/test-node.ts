import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Session } from '@notewave/api-client';
import { createNode, type NodeOptions, type NotewaveNode } from '../app.ts';
import { parseConfig } from '../config.ts';
import { JiebaSegmenter } from '../engine/jieba-segmenter.ts';

export interface TestNode extends NotewaveNode {
  /** Registers a user and returns their session. */
  register(handle: string, extra?: Record<string, unknown>): Promise<Session>;
  /** Calls the API in-process; the body is sent as JSON unless it is a string. */
  call(method: string, url: string, opts?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<Reply>;
}

export interface Reply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever JSON a route answers by property path
  json: any;
  text: string;
  headers: Record<string, unknown>;
}

/** One segmenter for every node a test process starts: building one takes most of a second, and it never changes. */
let segmenter: JiebaSegmenter | null = null;

/** A whole node on in-memory SQLite with a throwaway upload directory; nothing listens on a port. */
export async function startTestNode(env: Record<string, string> = {}, opts: NodeOptions = {}): Promise<TestNode> {
  const uploads = mkdtempSync(join(tmpdir(), 'notewave-uploads-'));
  const { config } = parseConfig({
    NOTEWAVE_DATABASE_URL: 'sqlite::memory:',
    NOTEWAVE_LOG_LEVEL: 'silent',
    NOTEWAVE_UPLOAD_DIR: uploads,
    NOTEWAVE_SEED: '7',
    ...env,
  });
  const node = await createNode(config, { segmenter: (segmenter ??= new JiebaSegmenter()), ...opts });
  await node.http.ready();
  const call: TestNode['call'] = async (method, url, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let payload: string | undefined;
    if (opts.body !== undefined) {
      payload = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await node.http.inject({ method: method as 'GET', url, headers, payload });
    let json: unknown;
    try {
      json = res.body ? JSON.parse(res.body) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.statusCode, json, text: res.body, headers: res.headers };
  };
  const closeNode = node.close.bind(node);
  return Object.assign(node, {
    call,
    async register(handle: string, extra: Record<string, unknown> = {}) {
      const r = await call('POST', '/api/auth/register', {
        body: { handle, password: 'correct horse', displayName: handle, locale: 'en-US', market: 'US', ...extra },
      });
      if (r.status !== 201) throw new Error(`register ${handle}: ${r.status} ${r.text}`);
      return r.json as Session;
    },
    async close() {
      await closeNode();
      rmSync(uploads, { recursive: true, force: true });
    },
  });
}

export const NOTE = { kind: 'image', title: 'Weekend city walk in Hangzhou', body: 'Best route by the lake #citywalk', category: 'travel/city-walk' };
