/**
 * The partial-match (OR, minimum-should-match) evaluation alone: MaxScore against scoring every posting, on one
 * synthetic index, the two run interleaved query by query so machine load affects both alike.
 *
 *   node --import tsx --conditions=notewave-source bench/or-maxscore.bench.ts [--docs N] [--queries Q]
 *
 * Documents draw their words from a Zipf-like vocabulary (a few words in most notes, a long tail of rare ones);
 * queries are 2-5 words of mixed frequency, minimum-should-match as the engine sets it. Reports CPU-time p50/p99
 * per query for page sizes 10 and 200 (the engine's re-rank depth), and checks the top pages agree.
 */
import { InvertedIndex } from '@notewave/engine/search/inverted-index.ts';
import { executeOr, executeOrExhaustive } from '@notewave/engine/search/query-executor.ts';
import type { Clause } from '@notewave/engine/search/query-plan.ts';
import { TopK } from '@notewave/engine/search/top-k.ts';
import { seededRandom } from './search-judged/judged.ts';

const args = process.argv.slice(2);
const arg = (name: string, def: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : def);
const DOCS = arg('--docs', 200_000);
const QUERIES = arg('--queries', 400);
const VOCABULARY = 50_000;
const BUDGET = 10_000;


const r = seededRandom(42);
const word = (skew: number) => `w${Math.floor(VOCABULARY ** r() ** skew) - 1}`;
const index = new InvertedIndex();
const t0 = performance.now();
for (let d = 0; d < DOCS; d++) {
  const field = (n: number) => Array.from({ length: 1 + Math.floor(r() * n) }, () => word(2.2));
  index.add(d, [field(10), field(3), field(50)]);
}
console.log(`indexed ${DOCS.toLocaleString()} documents, ${index.termCount.toLocaleString()} terms in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// The engine's rule: any one of two words, 2 of 3, 3 of 4 or 5.
const minMatch = (n: number) => (n <= 2 ? 1 : n <= 5 ? n - 1 : Math.ceil(n * 0.6));
const queries: Clause[][] = [];
while (queries.length < QUERIES) {
  const n = 2 + Math.floor(r() * 4);
  const clauses: Clause[] = [];
  for (let i = 0; i < n; i++) {
    const tid = index.termId(word(1.2));
    if (tid >= 0) clauses.push({ tids: [tid], weights: [1], ...(i === n - 1 ? { head: true } : {}) });
  }
  if (clauses.length >= 2) queries.push(clauses);
}

const cpu = () => process.cpuUsage().user + process.cpuUsage().system;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};

const rows = [];
for (const k of [10, 200]) {
  const fast: number[] = [];
  const slow: number[] = [];
  let differ = 0;
  for (let pass = 0; pass < 2; pass++) {
    for (const clauses of queries) {
      const need = minMatch(clauses.length);
      const a = new TopK(k);
      const b = new TopK(k);
      let c = cpu();
      executeOr(index, clauses, () => true, a, BUDGET, need);
      const tf = cpu() - c;
      c = cpu();
      executeOrExhaustive(index, clauses, () => true, b, BUDGET, need);
      const ts = cpu() - c;
      if (pass === 1) {
        fast.push(tf / 1000);
        slow.push(ts / 1000);
        if (JSON.stringify(a.drain()) !== JSON.stringify(b.drain())) differ++;
      }
    }
  }
  rows.push({
    k,
    queries: queries.length,
    exhaustiveP50ms: +pct(slow, 50).toFixed(3),
    exhaustiveP99ms: +pct(slow, 99).toFixed(3),
    maxScoreP50ms: +pct(fast, 50).toFixed(3),
    maxScoreP99ms: +pct(fast, 99).toFixed(3),
    pagesDiffering: differ,
  });
}
console.table(rows);
