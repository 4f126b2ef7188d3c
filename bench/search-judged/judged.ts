/**
 * The hand-judged relevance set: reading queries.tsv and qrels.tsv, nDCG@10 against the judgements, and
 * seeded bootstrap confidence intervals over queries. No IO besides the two readers.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const JUDGED_DIR = dirname(fileURLToPath(import.meta.url));

export const QUERY_STYLES = [
  'short', 'colloquial', 'slang', 'traditional', 'english', 'mixed', 'hashtag', 'typo', 'partial', 'question', 'pinyin', 'no-answer',
] as const;
export type QueryStyle = (typeof QUERY_STYLES)[number];

/** A judged query; `gloss` is the meaning in plain simplified Chinese, used only to widen the judging pool. */
export interface JudgedQuery { id: string; style: QueryStyle; query: string; gloss: string }

function rows(text: string, file: string, columns: number): string[][] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  return lines.slice(1).map((l, i) => {
    const cells = l.split('\t');
    if (cells.length < columns) throw new Error(`${file} line ${i + 2}: expected ${columns} tab-separated columns, got ${cells.length}`);
    return cells;
  });
}

export function parseQueries(text: string, file = 'queries.tsv'): JudgedQuery[] {
  const seen = new Set<string>();
  return rows(text, file, 3).map(([id, style, query, gloss], i) => {
    if (!id || seen.has(id)) throw new Error(`${file} line ${i + 2}: missing or duplicate id ${id ?? ''}`);
    seen.add(id);
    if (!(QUERY_STYLES as readonly string[]).includes(style ?? '')) throw new Error(`${file} line ${i + 2}: unknown style ${style ?? ''}`);
    if (!query) throw new Error(`${file} line ${i + 2}: empty query`);
    return { id, style: style as QueryStyle, query, gloss: gloss ?? '' };
  });
}

/** Grades per query id, then note id. */
export type Qrels = Map<string, Map<string, number>>;

export function parseQrels(text: string, file = 'qrels.tsv'): Qrels {
  const out: Qrels = new Map();
  for (const [i, [qid, noteId, grade]] of rows(text, file, 3).entries()) {
    const g = Number(grade);
    if (!qid || !noteId || !(g === 0 || g === 1 || g === 2)) throw new Error(`${file} line ${i + 2}: bad row ${qid ?? ''} ${noteId ?? ''} ${grade ?? ''}`);
    const m = out.get(qid) ?? out.set(qid, new Map()).get(qid)!;
    if (m.has(noteId)) throw new Error(`${file} line ${i + 2}: ${noteId} judged twice for ${qid}`);
    m.set(noteId, g);
  }
  return out;
}

/** The judged sets: `main` (queries.tsv, qrels.tsv) and `heldout` (queries-heldout.tsv, qrels-heldout.tsv). */
export const JUDGED_SETS = ['main', 'heldout'] as const;
export type JudgedSetName = (typeof JUDGED_SETS)[number];

/** File names of a set: the main set's files carry no suffix. */
export function judgedFiles(set: JudgedSetName = 'main'): { queries: string; qrels: string; pool: string } {
  const suffix = set === 'main' ? '' : `-${set}`;
  return { queries: `queries${suffix}.tsv`, qrels: `qrels${suffix}.tsv`, pool: `pool${suffix}.tsv` };
}

/** Reads `--set NAME` from command-line arguments (default `main`). */
export function judgedSetArg(args: string[]): JudgedSetName {
  const i = args.indexOf('--set');
  if (i < 0) return 'main';
  const name = args[i + 1] ?? '';
  if (!(JUDGED_SETS as readonly string[]).includes(name)) throw new Error(`--set: expected one of ${JUDGED_SETS.join(', ')}, got ${name}`);
  return name as JudgedSetName;
}

export function readJudgedSet(dir = JUDGED_DIR, set: JudgedSetName = 'main'): { queries: JudgedQuery[]; qrels: Qrels } {
  const files = judgedFiles(set);
  return {
    queries: parseQueries(readFileSync(join(dir, files.queries), 'utf8'), files.queries),
    qrels: parseQrels(readFileSync(join(dir, files.qrels), 'utf8'), files.qrels),
  };
}

const dcg = (gains: number[]) => gains.reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);

/**
 * nDCG@k with gains 2^g − 1; unjudged notes count as grade 0; the ideal ranking is every judged note of the query.
 * Returns null when the query has no note graded above 0 (nDCG is undefined there).
 */
export function ndcgAt(ids: string[], grades: Map<string, number> | undefined, k = 10): number | null {
  const ideal = dcg([...(grades?.values() ?? [])].filter((g) => g > 0).sort((a, b) => b - a).slice(0, k));
  if (ideal === 0) return null;
  return dcg(ids.slice(0, k).map((id) => grades?.get(id) ?? 0)) / ideal;
}

/** Mulberry32: a small seeded generator so the intervals are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Interval { mean: number; lo: number; hi: number }

const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / Math.max(1, xs.length);

/** The q-quantile of sorted values by the nearest-rank rule on (n − 1)·q, rounded. */
function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))] ?? 0;
}

/**
 * Percentile bootstrap over queries: `resamples` draws of n queries with replacement, the statistic is the
 * mean of `values` (one per query); the interval is the 2.5th and 97.5th percentiles of the resampled means.
 * For a difference between two engines pass the per-query differences (a paired bootstrap).
 */
export function bootstrapMean(values: number[], resamples = 1000, seed = 1): Interval {
  const rnd = seededRandom(seed);
  const n = values.length;
  const means: number[] = [];
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[Math.floor(rnd() * n)] as number;
    means.push(n > 0 ? s / n : 0);
  }
  means.sort((a, b) => a - b);
  return { mean: mean(values), lo: quantile(means, 0.025), hi: quantile(means, 0.975) };
}
