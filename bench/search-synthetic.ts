/**
 * The synthetic corpus and queries of the search bench's scale run (bench/search.bench.ts, part 2), shared with
 * bench/search-profile.ts: N bilingual notes drawn from jieba's dictionary and seeded pseudo-English words with Zipf
 * frequencies, and 2,000 queries over the same vocabularies.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { TAXONOMY, type Note } from '@notewave/engine';
import { seededRandom } from './search-judged/judged.ts';

export class Zipf {
  private readonly cdf: Float64Array;
  constructor(readonly items: string[], private readonly rnd: () => number, s = 1.0) {
    this.cdf = new Float64Array(items.length);
    let acc = 0;
    for (let i = 0; i < items.length; i++) this.cdf[i] = acc += 1 / (i + 1) ** s;
    for (let i = 0; i < items.length; i++) this.cdf[i] = (this.cdf[i] as number) / acc;
  }
  next(): string {
    const x = this.rnd();
    let lo = 0;
    let hi = this.cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return this.items[lo] as string;
  }
}

export function vocabularies(rnd: () => number): { zh: string[]; en: string[] } {
  const require = createRequire(import.meta.url);
  const dictPath = join(dirname(require.resolve('@node-rs/jieba')), 'dict.txt');
  const zh = readFileSync(dictPath, 'utf8')
    .split('\n')
    .map((l) => l.split(' '))
    .filter((p) => p.length >= 2 && /^[\u4e00-\u9fff]{2,4}$/.test(p[0] as string))
    .sort((a, b) => Number(b[1]) - Number(a[1]))
    .slice(200, 40_200)
    .map((p) => p[0] as string);
  const syll = ['la', 'te', 'ma', 'cha', 'ro', 'sty', 'le', 'co', 'fee', 'ski', 'n', 'glo', 'w', 'run', 'ner', 'bo', 'ho', 'cam', 'pin', 'g', 'ur', 'ban', 'tra', 'vel', 'fit', 'ness', 'yo', 'ga', 'bak', 'er', 'y', 'pe', 'ts'];
  const en = new Set<string>();
  while (en.size < 8000) {
    let w = '';
    const k = 2 + Math.floor(rnd() * 3);
    for (let i = 0; i < k; i++) w += syll[Math.floor(rnd() * syll.length)];
    en.add(w);
  }
  return { zh, en: [...en] };
}

export function* syntheticNotes(n: number, seed: number): Generator<Note> {
  const rnd = seededRandom(seed);
  const { zh, en } = vocabularies(rnd);
  const zw = new Zipf(zh, rnd);
  const ew = new Zipf(en, rnd);
  const tagPool = Array.from({ length: 5000 }, (_, i) => (i % 4 === 0 ? `${en[i]}${en[i + 1]}` : `${zh[i * 3]}${zh[i * 3 + 1]}`));
  const tw = new Zipf(tagPool, rnd);
  const leaves = TAXONOMY.flatMap((t) => t.children.map((c) => c.id));
  const words = (z: Zipf, k: number, sep: string) => Array.from({ length: k }, () => z.next()).join(sep);
  for (let i = 0; i < n; i++) {
    const english = rnd() < 0.2;
    const mixed = !english && rnd() < 0.2;
    const z = english ? ew : zw;
    const sep = english ? ' ' : '';
    const tags = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => tw.next());
    let body = `${words(z, 12, sep)}${english ? '. ' : '，'}${words(z, 12 + Math.floor(rnd() * 12), sep)}`;
    if (mixed) body += ` ${words(ew, 3, ' ')}`;
    yield {
      id: `syn_${i}`,
      authorId: `user_${Math.floor(rnd() * 50_000)}`,
      kind: rnd() < 0.3 ? 'video' : 'image',
      title: words(z, 4 + Math.floor(rnd() * 5), sep),
      body: `${body} ${tags.map((t) => `#${t}`).join(' ')}`,
      tags,
      category: leaves[Math.floor(rnd() * leaves.length)] as string,
      language: english ? 'en' : 'zh',
      media: { images: [] },
      createdAt: Date.UTC(2025, 0, 1) + i * 30_000,
      editedAt: null,
      deleted: false,
    };
  }
}

export interface SyntheticQuery { q: string; filters?: { category?: string; kind?: 'video' } }

/**
 * The scale run's 2,000 queries: single words, two-word AND queries, three-word queries, one-character / three-letter
 * prefixes, and 5% with a category or kind filter. `pick` and `rnd` continue the same seeded stream (suggestion prefixes).
 */
export function syntheticQueries(): { queries: SyntheticQuery[]; pick: (xs: string[]) => string; rnd: () => number } {
  const rnd = seededRandom(11);
  const { zh, en } = vocabularies(seededRandom(7));
  const pick = (xs: string[]) => xs[20 + Math.floor(rnd() ** 2 * 5000)] as string;
  const queries: SyntheticQuery[] = [];
  for (let j = 0; j < 2000; j++) {
    const r = rnd();
    const v = rnd() < 0.25 ? en : zh;
    const sep = v === en ? ' ' : '';
    if (r < 0.3) queries.push({ q: pick(v) });
    else if (r < 0.75) queries.push({ q: `${pick(v)}${sep || ' '}${pick(v)}` });
    else if (r < 0.85) queries.push({ q: pick(v).slice(0, v === en ? 3 : 1) });
    else if (r < 0.95) queries.push({ q: `${pick(v)} ${pick(v)} ${pick(v)}` });
    else queries.push({ q: pick(v), filters: rnd() < 0.5 ? { category: 'food' } : { kind: 'video' } });
  }
  return { queries, pick, rnd };
}
