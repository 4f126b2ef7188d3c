/**
 * Evaluates every engine of bench/search-engines.ts on the hand-judged set (queries.tsv + qrels.tsv) over the
 * real notes: nDCG@10 with a 95% bootstrap interval (1,000 resamples over queries, seed 1), the paired
 * difference to the best peer with its interval, nDCG@10 per query style, how often a no-answer query gets
 * results anyway, and p50/p99 latency on the judged queries. Called by bench/search.bench.ts (`--judged`).
 */
import type { Note } from '@notewave/engine';
import type { Contender } from '../search-engines.ts';
import { bootstrapMean, ndcgAt, QUERY_STYLES, type Interval, type JudgedQuery, type Qrels } from './judged.ts';

export interface JudgedRun {
  engine: string;
  perQuery: Map<string, number>;
  noAnswerWithHits: number;
  noAnswerQueries: number;
  latency: { p50ms: number; p99ms: number; steadyP50ms: number; steadyP99ms: number };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}
const r3 = (x: number) => Math.round(x * 1000) / 1000;

export async function runJudged(c: Contender, notes: Note[], queries: JudgedQuery[], qrels: Qrels, passes: number): Promise<JudgedRun> {
  await c.build(notes);
  const perQuery = new Map<string, number>();
  let noAnswerWithHits = 0;
  let noAnswerQueries = 0;
  for (const q of queries) {
    const ids = await c.query(q.query);
    const v = ndcgAt(ids, qrels.get(q.id));
    if (v !== null) perQuery.set(q.id, v);
    else {
      noAnswerQueries++;
      if (ids.length > 0) noAnswerWithHits++;
    }
  }
  const times: number[] = [];
  const best = new Array<number>(queries.length).fill(Infinity);
  for (let p = 0; p < passes; p++) {
    for (const [i, q] of queries.entries()) {
      const t = performance.now();
      await c.query(q.query);
      const wall = performance.now() - t;
      times.push(wall);
      best[i] = Math.min(best[i] as number, wall);
    }
  }
  return {
    engine: c.name,
    perQuery,
    noAnswerWithHits,
    noAnswerQueries,
    latency: { p50ms: r3(percentile(times, 50)), p99ms: r3(percentile(times, 99)), steadyP50ms: r3(percentile(best, 50)), steadyP99ms: r3(percentile(best, 99)) },
  };
}

const fmt = (i: Interval) => `${i.mean.toFixed(3)} [${i.lo.toFixed(3)}, ${i.hi.toFixed(3)}]`;
const fmtDiff = (i: Interval) => `${i.mean >= 0 ? '+' : ''}${i.mean.toFixed(3)} [${i.lo >= 0 ? '+' : ''}${i.lo.toFixed(3)}, ${i.hi >= 0 ? '+' : ''}${i.hi.toFixed(3)}]`;

/** Tables for the console and the README: overall with intervals, and per style. */
export function judgedTables(runs: JudgedRun[], queries: JudgedQuery[]) {
  // Queries with at least one note graded above 0 in the judgements (the same set for every engine).
  const ids = queries.map((q) => q.id).filter((id) => runs.every((r) => r.perQuery.has(id)));
  const vals = (r: JudgedRun, subset = ids) => subset.map((id) => r.perQuery.get(id) as number);
  const peers = runs.filter((r) => !r.engine.startsWith('Notewave'));
  const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  const bestPeer = [...peers].sort((a, b) => avg(vals(b)) - avg(vals(a)))[0];
  const overall = runs.map((r) => ({
    engine: r.engine,
    'nDCG@10 [95% CI]': fmt(bootstrapMean(vals(r))),
    'vs best peer [95% CI]': bestPeer && r !== bestPeer ? fmtDiff(bootstrapMean(vals(r).map((v, i) => v - (vals(bestPeer)[i] as number)))) : bestPeer ? '(best peer)' : '',
    'no-answer queries with hits': `${r.noAnswerWithHits}/${r.noAnswerQueries}`,
    'p50 / p99 ms': `${r.latency.p50ms} / ${r.latency.p99ms}`,
    'steady p50 / p99 ms': `${r.latency.steadyP50ms} / ${r.latency.steadyP99ms}`,
  }));
  const styles = QUERY_STYLES.filter((s) => s !== 'no-answer');
  const byStyle = styles.map((s) => {
    const subset = queries.filter((q) => q.style === s && ids.includes(q.id)).map((q) => q.id);
    const row: Record<string, string | number> = { style: s, queries: subset.length };
    for (const r of runs) row[r.engine] = avg(vals(r, subset)).toFixed(3);
    return row;
  });
  return { judgedQueries: ids.length, bestPeer: bestPeer?.engine ?? '', overall, byStyle };
}

/** A GitHub table, for bench/README-search.md. */
export function markdownTable(rows: Record<string, string | number>[]): string {
  const cols = Object.keys(rows[0] ?? {});
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(cols), line(cols.map(() => '---')), ...rows.map((r) => line(cols.map((c) => r[c] ?? '')))].join('\n');
}
