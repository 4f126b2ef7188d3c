/**
 * The engine against another checkout of it on the hand-judged queries, in one process: both index the real notes
 * and every query runs on both back to back (which goes first alternates), so machine load weighs on both alike.
 *
 *   mkdir -p /tmp/before && git archive <commit> packages/engine | tar -x -C /tmp/before
 *   node --import tsx --conditions=notewave-source bench/search-ab.ts --before /tmp/before [--passes N]
 *
 * First checks that both give every query the same answer (note ids, scores, highlights, total). Prints, per set
 * (main, held-out, both), each query's best wall and CPU time over N passes (default 20) as p50, p99 and total, the
 * median per-query ratio and the ten queries slowest before. The other checkout needs no install: the
 * engine imports nothing outside itself.
 *
 *   … bench/search-ab.ts --before /tmp/before --scale 100000 [--passes N] [--only q1,q2]
 *
 * does the same on the scale run's N synthetic notes and its 2,000 queries (bench/search-synthetic.ts), built as
 * bench/search-profile.ts --scale builds them (jieba, no pinyin), one set.
 */
import { join, resolve } from 'node:path';
import { readQilinNotes } from '@notewave/server/importers/qilin.ts';
import { readKuairecNotes } from '@notewave/server/importers/kuairec.ts';
import { PinyinRomanizer } from '@notewave/server/engine/pinyin-romanizer.ts';
import { JiebaSegmenter } from '@notewave/server/engine/jieba-segmenter.ts';
import type * as EngineIndex from '@notewave/engine';
import type * as SearchIndex from '@notewave/engine/search/index.ts';
import { readJudgedSet } from './search-judged/judged.ts';
import { syntheticNotes, syntheticQueries } from './search-synthetic.ts';

type SearchModule = typeof SearchIndex;
type EngineModule = typeof EngineIndex;

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(name) ? (args[args.indexOf(name) + 1] as string) : undefined);
const before = opt('--before');
if (!before) throw new Error('--before <checkout directory> is required');
const PASSES = Number(opt('--passes') ?? 20);
const ROOT = resolve(import.meta.dirname, '..');
const DATA = resolve(ROOT, '../shared/data');

async function engine(dir: string) {
  const search = (await import(join(dir, 'packages/engine/src/search/index.ts'))) as SearchModule;
  const { NoteCatalog } = (await import(join(dir, 'packages/engine/src/index.ts'))) as EngineModule;
  return { search, NoteCatalog };
}
const SCALE = Number(opt('--scale') ?? 0);
const notes = SCALE > 0 ? null : [...(await readQilinNotes(join(DATA, 'qilin-xhs-notes'))), ...(await readKuairecNotes(join(DATA, 'kuairec-sideinfo')))];
const segmenter = new JiebaSegmenter();
let ids = 0;
const build = async (dir: string) => {
  const { search, NoteCatalog } = await engine(dir);
  const analyzer = new search.Analyzer(segmenter);
  const se = new search.SearchEngine(new NoteCatalog(), () => `s${ids++}`, notes ? { analyzer, romanizer: new PinyinRomanizer() } : { analyzer });
  const t0 = performance.now();
  for (const n of notes ?? syntheticNotes(SCALE, 7)) se.upsert(n);
  se.compact();
  console.log(`${dir}: ${se.size} notes indexed in ${Math.round((performance.now() - t0) / 1000)} s`);
  return se;
};
const engines = [await build(resolve(before)), await build(ROOT)];

type Request = { q: string; filters?: SearchIndex.SearchFilters };
const sets = { main: [] as Request[], heldout: [] as Request[] };
if (notes) {
  for (const set of ['main', 'heldout'] as const) {
    const { queries, qrels } = readJudgedSet(undefined, set);
    for (const q of queries) if (qrels.has(q.id)) sets[set].push({ q: q.query });
  }
} else {
  for (const q of syntheticQueries().queries) sets.main.push({ q: q.q, ...(q.filters ? { filters: q.filters } : {}) });
}
// --only q1,q2: just these queries (each set keeps its own).
const only = opt('--only')?.split(',');
if (only) for (const set of [sets.main, sets.heldout]) set.splice(0, set.length, ...set.filter((r) => only.includes(r.q)));
const all = [...sets.main, ...sets.heldout];
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
// Both engines must give every query the same answer (ids, scores to the last bit, highlights, total).
const answer = (e: number, r: Request) => {
  const { searchId: _, ...rest } = (engines[e] as (typeof engines)[number]).search({ ...r, limit: 10 });
  return JSON.stringify(rest);
};
const differ = all.filter((r) => answer(0, r) !== answer(1, r));
console.log(`${differ.length} of ${all.length} answers differ between the engines${differ.length ? `: ${differ.slice(0, 10).map((r) => r.q).join(', ')}` : ''}`);
const wall = engines.map(() => new Array<number>(all.length).fill(Infinity));
const cpu = engines.map(() => new Array<number>(all.length).fill(Infinity));
for (let p = 0; p < PASSES; p++) {
  for (const [k, q] of all.entries()) {
    for (const e of (p + k) % 2 ? [0, 1] : [1, 0]) {
      const c = cpuMs();
      const t = performance.now();
      (engines[e] as (typeof engines)[number]).search({ ...q, limit: 10 });
      (wall[e] as number[])[k] = Math.min((wall[e] as number[])[k] as number, performance.now() - t);
      (cpu[e] as number[])[k] = Math.min((cpu[e] as number[])[k] as number, cpuMs() - c);
    }
  }
}
const pct = (xs: number[], p: number) => [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] as number;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
const report = notes ? ([['main', 0, sets.main.length], ['held-out', sets.main.length, all.length], ['both', 0, all.length]] as const) : ([[`synthetic ${SCALE}`, 0, all.length]] as const);
for (const [set, from, to] of report) {
  for (const e of [0, 1]) {
    const w = (wall[e] as number[]).slice(from, to);
    const c = (cpu[e] as number[]).slice(from, to);
    console.log(`${set} ${e === 0 ? 'before' : 'after '}: steady wall p50 ${r3(pct(w, 50))} p99 ${r3(pct(w, 99))} total ${r3(sum(w))} | CPU p50 ${r3(pct(c, 50))} p99 ${r3(pct(c, 99))} total ${r3(sum(c))}`);
  }
}
const [w0, w1] = wall as [number[], number[]];
const ratios = all.map((_, k) => (w1[k] as number) / (w0[k] as number)).sort((x, y) => x - y);
console.log(`median per-query ratio after / before: ${r3(ratios[Math.floor(ratios.length / 2)] as number)}`);
for (const k of all.map((_, k) => k).sort((x, y) => (w0[y] as number) - (w0[x] as number)).slice(0, 10)) console.log(`  ${all[k]?.q}${all[k]?.filters ? ` ${JSON.stringify(all[k]?.filters)}` : ''}: ${r3(w0[k] as number)} -> ${r3(w1[k] as number)} ms`);
