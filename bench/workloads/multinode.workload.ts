import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '@notewave/storage';
import { dropSchema, throwawaySchemaName } from '@notewave/storage/postgres/throwaway-schema.ts';
import { createNode, type NotewaveNode } from '@notewave/server/app.ts';
import { parseConfig } from '@notewave/server/config.ts';
import * as f from '../lib/format.ts';
import { summarize, type Summary } from '../lib/stats.ts';
import { target, type Workload, type WorkloadResult } from '../lib/workload.ts';

const PG_URL = process.env.TEST_POSTGRES_URL ?? process.env.NOTEWAVE_BENCH_POSTGRES_URL;
const BOUND_MS = 5_000;

async function call(node: NotewaveNode, method: string, url: string, token?: string, body?: unknown): Promise<{ status: number; json: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any -- replies read by property path
  const res = await node.http.inject({
    method: method as 'GET',
    url,
    headers: { ...(token && { authorization: `Bearer ${token}` }), ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { payload: JSON.stringify(body) }),
  });
  return { status: res.statusCode, json: res.body ? JSON.parse(res.body) : undefined };
}

/** Milliseconds from now until `check` holds (Infinity past the bound). */
async function until(check: () => boolean | Promise<boolean>): Promise<number> {
  const t0 = performance.now();
  while (!(await check())) {
    if (performance.now() - t0 > BOUND_MS) return Infinity;
    await new Promise((r) => setTimeout(r, 1));
  }
  return performance.now() - t0;
}

export const workload: Workload = {
  name: 'multinode',
  description: 'Two API nodes on one PostgreSQL schema: time until a write acknowledged by one is served by the other',
  async run(ctx): Promise<WorkloadResult> {
    if (!PG_URL) return { tables: [], metrics: {}, notes: ['skipped: set TEST_POSTGRES_URL (or NOTEWAVE_BENCH_POSTGRES_URL) to a PostgreSQL server'] };
    const schema = throwawaySchemaName('bench_nodes');
    const uploads = mkdtempSync(join(tmpdir(), 'notewave-bench-nodes-'));
    const { config } = parseConfig({
      NOTEWAVE_DATABASE_URL: PG_URL, NOTEWAVE_LOG_LEVEL: 'silent', NOTEWAVE_UPLOAD_DIR: uploads, NOTEWAVE_SEED: String(ctx.seed),
      // Only the LISTEN/NOTIFY wake-up may carry changes across: the fallback poll would hide its delay.
      NOTEWAVE_EVENT_TAIL_MS: '600000', NOTEWAVE_RATE_LIMITS: 'false',
    });
    const a = await createNode(config, { storage: await openStorage(PG_URL, { schema, migrate: true }) });
    const b = await createNode(config, { storage: await openStorage(PG_URL, { schema }) });
    try {
      await a.start(false);
      await b.start(false);
      const trials = ctx.quick ? 50 : 200;
      const noteDelay: number[] = [];
      const editDelay: number[] = [];
      const sessionDelay: number[] = [];
      const writeLatency: number[] = [];
      const reg = await call(a, 'POST', '/api/auth/register', undefined, { handle: 'bench_author', password: 'correct horse battery', displayName: 'Bench', locale: 'en-US', market: 'US' });
      if (reg.status !== 201) throw new Error(`register: ${reg.status}`);
      const token = reg.json.token as string;
      for (let i = 0; i < trials; i++) {
        const t0 = performance.now();
        const created = await call(a, 'POST', '/api/notes', token, { kind: 'image', title: `Lake walk ${i}`, body: 'By the water #citywalk', category: 'travel/city-walk' });
        writeLatency.push(performance.now() - t0);
        noteDelay.push(await until(() => b.engine.catalog.get(created.json.id)?.deleted === false));
        await call(b, 'GET', `/api/notes/${created.json.id}`);
        await call(a, 'PATCH', `/api/notes/${created.json.id}`, token, { title: `Pagoda walk ${i}` });
        editDelay.push(await until(async () => (await call(b, 'GET', `/api/notes/${created.json.id}`)).json.title === `Pagoda walk ${i}`));
      }
      for (let i = 0; i < Math.min(trials, 50); i++) {
        const login = await call(a, 'POST', '/api/auth/login', undefined, { handle: 'bench_author', password: 'correct horse battery' });
        const t = login.json.token as string;
        await call(b, 'GET', '/api/me', t);
        await call(a, 'POST', '/api/auth/logout', t);
        sessionDelay.push(await until(async () => (await call(b, 'GET', '/api/me', t)).status === 401));
      }
      const rows: [string, Summary][] = [
        ['note create → in B\'s engine', summarize(noteDelay)],
        ['note edit → served by B', summarize(editDelay)],
        ['logout → token refused by B', summarize(sessionDelay)],
        ['note create on A (acknowledged)', summarize(writeLatency)],
      ];
      const worst = Math.max(...[noteDelay, editDelay, sessionDelay].map((s) => summarize(s).p99));
      return {
        tables: [{
          title: 'cross-node visibility (in-process nodes, loopback PostgreSQL)',
          columns: ['what', 'n', 'p50', 'p99', 'max'],
          rows: rows.map(([what, s]) => [what, s.n, f.ms(s.p50), f.ms(s.p99), f.ms(s.max)]),
        }],
        metrics: {
          note_visible_p50_ms: summarize(noteDelay).p50, note_visible_p99_ms: summarize(noteDelay).p99,
          edit_visible_p99_ms: summarize(editDelay).p99, logout_visible_p99_ms: summarize(sessionDelay).p99,
        },
        targets: [target('cross-node visibility p99', '≤ 250 ms', f.ms(worst), Number.isFinite(worst) ? worst <= 250 : false)],
        notes: ['both nodes run in this process; the delay excludes network hops between hosts'],
      };
    } finally {
      await a.close();
      await b.close();
      rmSync(uploads, { recursive: true, force: true });
      await dropSchema(PG_URL, schema);
    }
  },
};
