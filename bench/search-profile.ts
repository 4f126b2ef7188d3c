/**
 * Per-query search cost and a fingerprint of the answers, to find the slow queries and to check that a faster engine
 * returns the same pages.
 *
 *   node --import tsx --conditions=notewave-source bench/search-profile.ts [--judged] [--scale N] [--passes P]
 *     [--top K] [--only q1,q2] [--out fingerprint.json] [--compare fingerprint.json]
 *
 * --judged: Notewave as bench/search.bench.ts builds it (jieba, pinyin) over the real notes, both hand-judged query
 * sets (main and held-out); --scale N: the scale run's N synthetic notes and 2,000 queries (bench/search-synthetic.ts).
 * Each query runs P times (default 5); its cost is its best CPU time. Prints the total, p50, p99 and the K slowest
 * queries. --out writes every query's page (note ids, relevance to the last bit, highlights) and total; --compare
 * reads such a file and lists the queries whose answer differs. Add --cpu-prof to node for a profile.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NoteCatalog } from '@notewave/engine';
import { SearchEngine, type SearchRequest, type SearchResponse } from '@notewave/engine/search/index.ts';
import { readKuairecNotes } from '@notewave/server/importers/kuairec.ts';
import { readQilinNotes } from '@notewave/server/importers/qilin.ts';
import { PinyinRomanizer } from '@notewave/server/engine/pinyin-romanizer.ts';
import { analyzer } from './search-engines.ts';
import { readJudgedSet } from './search-judged/judged.ts';
import { syntheticNotes, syntheticQueries } from './search-synthetic.ts';

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(name) ? (args[args.indexOf(name) + 1] as string) : undefined);
const PASSES = Number(opt('--passes') ?? 5);
const TOP = Number(opt('--top') ?? 15);
const SCALE = Number(opt('--scale') ?? 0);
const JUDGED = args.includes('--judged') || SCALE === 0;
const DATA = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/data');

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const r3 = (x: number) => Math.round(x * 1000) / 1000;
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

let ids = 0;
const nextId = () => `s${ids++}`;
const requests: SearchRequest[] = [];
let se: SearchEngine;
if (JUDGED) {
  const notes = [...(await readQilinNotes(join(DATA, 'qilin-xhs-notes'))), ...(await readKuairecNotes(join(DATA, 'kuairec-sideinfo')))];
  se = new SearchEngine(new NoteCatalog(), nextId, { analyzer, romanizer: new PinyinRomanizer() });
  for (const n of notes) se.upsert(n);
  se.compact();
  for (const set of ['main', 'heldout'] as const) {
    const { queries, qrels } = readJudgedSet(undefined, set);
    for (const q of queries) if (qrels.has(q.id)) requests.push({ q: q.query, limit: 10 });
  }
  console.log(`judged: ${notes.length} notes, ${requests.length} queries (main + held-out)`);
} else {
  se = new SearchEngine(new NoteCatalog(), nextId, { analyzer });
  const t0 = performance.now();
  for (const note of syntheticNotes(SCALE, 7)) se.upsert(note);
  se.compact();
  for (const q of syntheticQueries().queries) requests.push({ q: q.q, filters: q.filters, limit: 10 });
  console.log(`synthetic: ${SCALE} notes built in ${Math.round((performance.now() - t0) / 1000)} s, ${requests.length} queries`);
}

// --only q1,q2: time just these queries (to profile them).
const only = opt('--only')?.split(',');
if (only) requests.splice(0, requests.length, ...requests.filter((r) => only.includes(r.q)));
const answers: SearchResponse[] = requests.map((r) => se.search(r));
const cpu = new Array<number>(requests.length).fill(Infinity);
const wall = new Array<number>(requests.length).fill(Infinity);
for (let p = 0; p < PASSES; p++) {
  for (const [i, r] of requests.entries()) {
    const c = cpuMs();
    const t = performance.now();
    se.search(r);
    wall[i] = Math.min(wall[i] as number, performance.now() - t);
    cpu[i] = Math.min(cpu[i] as number, cpuMs() - c);
  }
}
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
console.log(`best of ${PASSES} per query, ms: CPU total ${r3(sum(cpu))} p50 ${r3(percentile(cpu, 50))} p99 ${r3(percentile(cpu, 99))}; ` +
  `wall total ${r3(sum(wall))} p50 ${r3(percentile(wall, 50))} p99 ${r3(percentile(wall, 99))}`);
const slow = requests.map((r, i) => ({ r, i })).sort((a, b) => (wall[b.i] as number) - (wall[a.i] as number)).slice(0, TOP);
for (const { r, i } of slow) console.log(`  ${r3(wall[i] as number)} ms wall, ${r3(cpu[i] as number)} CPU  ${r.q}${r.filters ? ` ${JSON.stringify(r.filters)}` : ''}`);

const key = (r: SearchRequest) => `${r.q}\t${JSON.stringify(r.filters ?? {})}`;
const fingerprint = Object.fromEntries(requests.map((r, i) => {
  const a = answers[i] as SearchResponse;
  return [key(r), { total: a.total, estimated: a.totalIsEstimate ?? false, hits: a.hits.map((h) => [h.noteId, h.relevance, h.score, h.highlights.title, h.highlights.body]) }];
}));
const out = opt('--out');
if (out) {
  writeFileSync(out, JSON.stringify(fingerprint));
  console.log(`wrote ${out}`);
}
const compare = opt('--compare');
if (compare && existsSync(compare)) {
  const before = JSON.parse(readFileSync(compare, 'utf8')) as typeof fingerprint;
  const differ = Object.keys(fingerprint).filter((k) => JSON.stringify(fingerprint[k]) !== JSON.stringify(before[k]));
  console.log(`${differ.length} of ${requests.length} answers differ from ${compare}`);
  for (const k of differ.slice(0, 20)) console.log(`  ${k.replace('\t', ' ')}`);
  if (differ.length > 0) process.exitCode = 1;
}
