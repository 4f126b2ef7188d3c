/**
 * Search benchmark: relevance and latency of Notewave's BM25F index against MiniSearch, Orama and
 * FlexSearch on real Chinese notes, then a synthetic scale run.
 *
 *   node --import tsx --conditions=notewave-source bench/search.bench.ts [--quick] [--scale N] [--no-libs] [--judged] [--passes N]
 *   [--set heldout] [--engines Notewave,FlexSearch] (--scale 0 skips the scale run; --no-libs measures Notewave alone; --judged runs only the hand-judged set of
 *   bench/search-judged, see bench/README-search.md part 3, and --set heldout its held-out queries; --passes sets the timed passes over the judged queries;
 *   --engines keeps the judged contenders whose names start with one of the given words)
 *
 * Part 1 (real corpora, read at run time from ../shared/data; skipped with a message when absent):
 * the 798 Qilin Xiaohongshu notes and the KuaiRec captions, imported with apps/server/src/importers.
 * The labelled query set is built deterministically (see bench/README-search.md):
 *   - tag queries: tags carried by 5..150 notes, 2..10 characters, ordered by a stable hash, first 150.
 *     The query is the tag's text. Those tags are held out: removed from the notes' tag lists and
 *     their hashtags blanked from title and body before indexing, so engines must find the notes
 *     from their remaining words. Grades: 2 = the note carried the tag, 1 = same leaf category as
 *     the tag's most common category.
 *   - category queries: the Chinese name of every leaf category holding ≥ 10 notes.
 *     Grades: 2 = note in that leaf, 1 = same top-level category.
 * Every engine gets the same jieba tokens (Notewave's analyzer); libraries run AND first and OR when
 * AND finds nothing, like Notewave. Metrics: nDCG@10, MRR (first grade-2 hit), query p50/p99 over
 * repeated passes (analysis included), build time and memory (heap + array buffers, after GC).
 * Latency is given three ways because the machine is shared: wall time, process CPU time (which
 * also counts GC and JIT threads), and "steady" = each query's best wall time over the passes, the
 * percentile then taken across queries (the per-query cost with preemption and GC spikes removed).
 *
 * Part 2: N synthetic bilingual notes (1M, or 100k with --quick) drawn from jieba's dictionary and
 * seeded pseudo-English words with Zipf frequencies; query and suggestion p50/p99 and memory.
 *
 * Prints tables and writes bench/results/search.json. Figures depend on the machine; compare ratios.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { NoteCatalog, TAXONOMY, type Note } from '@notewave/engine';
import { IntlSegmenter, LIFESTYLE_WORDS, SearchEngine, type Segmenter } from '@notewave/engine/search/index.ts';
import { readQilinNotes } from '@notewave/server/importers/qilin.ts';
import { readKuairecNotes } from '@notewave/server/importers/kuairec.ts';
import { stableHash } from '@notewave/server/importers/synth.ts';
import { allContenders, analyzer, flexsearch, minisearch, notewave, notewaveIntl, orama, type Contender } from './search-engines.ts';
import { judgedSetArg, readJudgedSet, seededRandom } from './search-judged/judged.ts';
import { syntheticNotes, syntheticQueries, vocabularies } from './search-synthetic.ts';
import { judgedTables, markdownTable, runJudged, type JudgedRun } from './search-judged/evaluate.ts';

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const NO_LIBS = args.includes('--no-libs');
const JUDGED_ONLY = args.includes('--judged');
const JUDGED_SET = judgedSetArg(args);
const passesArg = args.indexOf('--passes');
const PASSES = passesArg >= 0 ? Number(args[passesArg + 1]) : QUICK ? 3 : 5;
const scaleArg = args.indexOf('--scale');
const SCALE_N = scaleArg >= 0 ? Number(args[scaleArg + 1]) : JUDGED_ONLY ? 0 : QUICK ? 100_000 : 1_000_000;
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = resolve(ROOT, '../shared/data');

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const memory = () => {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
// The machine is shared, so wall time includes waiting for a core; CPU time shows the work itself.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const MB = (b: number) => Math.round(b / 1048576);
const ms = (x: number) => Math.round(x * 1000) / 1000;
function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
}

// ---------------------------------------------------------------- labelled queries
interface LabelledQuery { q: string; kind: 'tag' | 'category'; grades: Map<string, number>; ideal: number[] }

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function buildQuerySet(notes: Note[]): { queries: LabelledQuery[]; corpus: Note[] } {
  const df = new Map<string, Note[]>();
  for (const n of notes) for (const t of n.tags) (df.get(t) ?? df.set(t, []).get(t)!).push(n);
  const picked = [...df.entries()]
    .filter(([t, ns]) => ns.length >= 5 && ns.length <= 150 && [...t].length >= 2 && [...t].length <= 10 && analyzer.queryTerms(t).length > 0)
    .sort((a, b) => stableHash(a[0]) - stableHash(b[0]) || (a[0] < b[0] ? -1 : 1))
    .slice(0, 150);
  const held = new Set(picked.map(([t]) => t));
  const patterns = picked.map(([t]) => new RegExp(`#${escapeRe(t)}(?:\\[[^\\]#]{1,10}\\])?#?`, 'giu'));
  const corpus = notes.map((n) => {
    if (!n.tags.some((t) => held.has(t))) return n;
    const blank = (s: string) => patterns.reduce((acc, re) => acc.replace(re, ' '), s);
    return { ...n, tags: n.tags.filter((t) => !held.has(t)), title: blank(n.title), body: blank(n.body) };
  });
  const queries: LabelledQuery[] = [];
  const ideal = (g: Map<string, number>) => [...g.values()].sort((a, b) => b - a).slice(0, 10);
  for (const [tag, carriers] of picked) {
    const counts = new Map<string, number>();
    for (const n of carriers) counts.set(n.category, (counts.get(n.category) ?? 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
    const grades = new Map<string, number>();
    for (const n of notes) if (n.category === top) grades.set(n.id, 1);
    for (const n of carriers) grades.set(n.id, 2);
    queries.push({ q: tag, kind: 'tag', grades, ideal: ideal(grades) });
  }
  for (const top of TAXONOMY) {
    for (const leaf of top.children) {
      const inLeaf = notes.filter((n) => n.category === leaf.id);
      if (inLeaf.length < 10) continue;
      const grades = new Map<string, number>();
      for (const n of notes) if (n.category.startsWith(`${top.id}/`)) grades.set(n.id, 1);
      for (const n of inLeaf) grades.set(n.id, 2);
      queries.push({ q: leaf.zh, kind: 'category', grades, ideal: ideal(grades) });
    }
  }
  return { queries, corpus };
}

function ndcg(ids: string[], q: LabelledQuery): number {
  const dcg = (gs: number[]) => gs.reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  const best = dcg(q.ideal);
  return best > 0 ? dcg(ids.slice(0, 10).map((id) => q.grades.get(id) ?? 0)) / best : 0;
}

function rr(ids: string[], q: LabelledQuery): number {
  const i = ids.findIndex((id) => q.grades.get(id) === 2);
  return i < 0 ? 0 : 1 / (i + 1);
}

interface Row { engine: string; nDCG10: number; nDCG10_tags: number; nDCG10_categories: number; MRR: number; p50ms: number; p99ms: number; cpuP50ms: number; cpuP99ms: number; steadyP50ms: number; steadyP99ms: number; buildS: number; buildCpuS: number; memoryMB: number }

async function evaluate(c: Contender, notes: Note[], queries: LabelledQuery[], passes: number): Promise<Row> {
  const before = memory();
  const t0 = performance.now();
  const c0 = cpuMs();
  await c.build(notes);
  const buildS = (performance.now() - t0) / 1000;
  const buildCpuS = (cpuMs() - c0) / 1000;
  const memoryMB = MB(memory() - before);
  const nd: number[] = [];
  const mrr: number[] = [];
  const byKind = { tag: [] as number[], category: [] as number[] };
  for (const q of queries) {
    const ids = await c.query(q.q);
    const v = ndcg(ids, q);
    nd.push(v);
    byKind[q.kind].push(v);
    mrr.push(rr(ids, q));
  }
  const times: number[] = [];
  const cpu: number[] = [];
  const best = new Array<number>(queries.length).fill(Infinity);
  for (let p = 0; p < passes; p++) {
    for (const [i, q] of queries.entries()) {
      const c0 = cpuMs();
      const t = performance.now();
      await c.query(q.q);
      const wall = performance.now() - t;
      times.push(wall);
      cpu.push(cpuMs() - c0);
      best[i] = Math.min(best[i] as number, wall);
    }
  }
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);
  return {
    engine: c.name,
    nDCG10: Math.round(mean(nd) * 1000) / 1000,
    nDCG10_tags: Math.round(mean(byKind.tag) * 1000) / 1000,
    nDCG10_categories: Math.round(mean(byKind.category) * 1000) / 1000,
    MRR: Math.round(mean(mrr) * 1000) / 1000,
    p50ms: ms(percentile(times, 50)),
    p99ms: ms(percentile(times, 99)),
    cpuP50ms: ms(percentile(cpu, 50)),
    cpuP99ms: ms(percentile(cpu, 99)),
    steadyP50ms: ms(percentile(best, 50)),
    steadyP99ms: ms(percentile(best, 99)),
    buildS: Math.round(buildS * 100) / 100,
    buildCpuS: Math.round(buildCpuS * 100) / 100,
    memoryMB,
  };
}

// ---------------------------------------------------------------- segmenters
/** Speed over the corpus text, and how many lifestyle slang words each keeps whole in a sentence. */
function compareSegmenters(notes: Note[]) {
  const texts = notes.map((n) => `${n.title}\n${n.body}`.toLowerCase());
  return [analyzer.segmenter, new IntlSegmenter()].map((seg: Segmenter) => {
    seg.cutIndex(texts[0] ?? '');
    const c0 = cpuMs();
    let tokens = 0;
    for (const t of texts) tokens += seg.cutIndex(t).length;
    const cpu = (cpuMs() - c0) / 1000;
    const whole = LIFESTYLE_WORDS.filter((w) => seg.cutQuery(`我在${w}上看到的`).includes(w)).length;
    return { segmenter: seg.name, tokens, tokensPerCpuSecond: Math.round(tokens / cpu), slangKeptWhole: `${whole}/${LIFESTYLE_WORDS.length}` };
  });
}

// ---------------------------------------------------------------- synthetic scale run

async function scaleRun(n: number) {
  const before = memory();
  const t0 = performance.now();
  const c0 = cpuMs();
  let i = 0;
  const se = new SearchEngine(new NoteCatalog(), () => `s${i++}`, { analyzer });
  let k = 0;
  for (const note of syntheticNotes(n, 7)) {
    se.upsert(note);
    if (++k % 100_000 === 0) console.log(`  indexed ${k.toLocaleString()} notes (${Math.round((performance.now() - t0) / 1000)} s)`);
  }
  se.compact();
  const buildS = (performance.now() - t0) / 1000;
  const buildCpuS = (cpuMs() - c0) / 1000;
  const memoryMB = MB(memory() - before);

  const { queries, pick, rnd } = syntheticQueries();
  const { zh, en } = vocabularies(seededRandom(7));
  const times: number[] = [];
  const cpu: number[] = [];
  const best = new Array<number>(queries.length).fill(Infinity);
  let matched = 0;
  for (let pass = 0; pass < 3; pass++) {
    for (const [j, q] of queries.entries()) {
      const c1 = cpuMs();
      const t = performance.now();
      const r = se.search({ q: q.q, filters: q.filters, limit: 10 });
      best[j] = Math.min(best[j] as number, performance.now() - t);
      if (pass === 1) {
        times.push(performance.now() - t);
        cpu.push(cpuMs() - c1);
        if (r.total > 0) matched++;
      }
    }
  }
  const stimes: number[] = [];
  const scpu: number[] = [];
  for (let j = 0; j < 1000; j++) {
    const w = pick(rnd() < 0.3 ? en : zh);
    const p = w.slice(0, 1 + Math.floor(rnd() * 2));
    const c1 = cpuMs();
    const t = performance.now();
    se.suggest(p, 10);
    stimes.push(performance.now() - t);
    scpu.push(cpuMs() - c1);
  }
  // The catalog belongs to the engine facade (it also carries the recommender's per-note data);
  // measure it alone on a tenth of the notes and subtract, to report the search engine's own share.
  const sample = Math.max(1, Math.floor(n / 10));
  const cBefore = memory();
  const catalog = new NoteCatalog();
  for (const note of syntheticNotes(sample, 7)) catalog.upsert(note);
  const catalogMB = MB(((memory() - cBefore) * n) / sample);
  if (catalog.size !== sample) throw new Error('catalog sample incomplete');
  const slow = queries
    .map((q, j) => ({ q: q.q, ms: cpu[j] as number }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);
  console.log('  slowest queries (CPU ms):', slow.map((x) => `${x.q} ${ms(x.ms)}`).join(' | '));
  return {
    notes: n,
    terms: se.termCount,
    buildS: Math.round(buildS),
    buildCpuS: Math.round(buildCpuS),
    memoryMB,
    catalogMB,
    searchMB: memoryMB - catalogMB,
    queries: queries.length,
    queriesWithHits: matched,
    p50ms: ms(percentile(times, 50)),
    p99ms: ms(percentile(times, 99)),
    maxms: ms(Math.max(...times)),
    cpuP50ms: ms(percentile(cpu, 50)),
    cpuP99ms: ms(percentile(cpu, 99)),
    steadyP50ms: ms(percentile(best, 50)),
    steadyP99ms: ms(percentile(best, 99)),
    suggestP50ms: ms(percentile(stimes, 50)),
    suggestP99ms: ms(percentile(stimes, 99)),
    suggestCpuP99ms: ms(percentile(scpu, 99)),
  };
}

// ---------------------------------------------------------------- main
const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, quick: QUICK };
const qilinDir = join(DATA, 'qilin-xhs-notes');
const kuairecDir = join(DATA, 'kuairec-sideinfo');
if (existsSync(qilinDir) && existsSync(kuairecDir)) {
  const notes = [...(await readQilinNotes(qilinDir)), ...(await readKuairecNotes(kuairecDir))];
  if (!JUDGED_ONLY) {
    const { queries, corpus } = buildQuerySet(notes);
    console.log(`real corpus: ${corpus.length} notes (Qilin + KuaiRec), ${queries.length} labelled queries ` +
      `(${queries.filter((q) => q.kind === 'tag').length} held-out tags, ${queries.filter((q) => q.kind === 'category').length} categories)`);
    results.segmenters = compareSegmenters(corpus);
    console.table(results.segmenters);
    const contenders = [
      notewave('Notewave', analyzer, false),
      ...(NO_LIBS ? [] : [notewaveIntl(false), minisearch(), orama(), flexsearch()]),
    ];
    const rows: Row[] = [];
    for (const c of contenders) {
      rows.push(await evaluate(c, corpus, queries, QUICK ? 3 : 5));
      console.log(`  ${c.name} done`);
    }
    console.table(rows);
    results.relevance = { notes: corpus.length, queries: queries.length, rows };
  }
  // The hand-judged set (bench/search-judged): the real notes as they are, queries typed as users type them.
  const judged = readJudgedSet(undefined, JUDGED_SET);
  const judgedQueries = judged.queries.filter((q) => judged.qrels.has(q.id));
  console.log(`hand-judged set (${JUDGED_SET}): ${judgedQueries.length} of ${judged.queries.length} queries judged`);
  const runs: JudgedRun[] = [];
  // --engines Notewave,FlexSearch: only the contenders whose names start with one of these.
  const only = args.includes('--engines') ? String(args[args.indexOf('--engines') + 1]).split(',') : null;
  for (const c of (NO_LIBS ? [notewave()] : allContenders()).filter((x) => !only || only.some((o) => x.name.startsWith(o)))) {
    runs.push(await runJudged(c, notes, judgedQueries, judged.qrels, PASSES));
    console.log(`  ${c.name} done`);
  }
  const tables = judgedTables(runs, judgedQueries);
  console.log(`nDCG@10 over ${tables.judgedQueries} queries with a relevant note; best peer: ${tables.bestPeer}`);
  console.log(markdownTable(tables.overall));
  console.log(markdownTable(tables.byStyle));
  results[JUDGED_SET === 'main' ? 'judged' : `judged-${JUDGED_SET}`] = { queries: judgedQueries.length, ...tables, perQuery: Object.fromEntries(runs.map((r) => [r.engine, Object.fromEntries(r.perQuery)])) };
} else {
  console.log(`skipping the relevance comparison: ${qilinDir} or ${kuairecDir} not found (the licensed corpora are read from ../shared/data)`);
}

if (SCALE_N > 0) {
  console.log(`scale run: ${SCALE_N.toLocaleString()} synthetic bilingual notes`);
  const scale = await scaleRun(SCALE_N);
  console.table([scale]);
  results.scale = scale;
}

// Parts can be run separately (--no-libs, --scale 0): keep the figures of the part not re-run.
const out = join(ROOT, 'bench/results/search.json');
mkdirSync(dirname(out), { recursive: true });
const previous = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
writeFileSync(out, JSON.stringify({ ...previous, ...results }, null, 2) + '\n');
console.log(`wrote ${out}`);
