/**
 * Pools the judged queries for reading: every query of queries.tsv runs through Notewave and every peer of the
 * search benchmark (bench/search-engines.ts), plus a plain substring run over each query's gloss (its meaning in
 * simplified Chinese, so English, pinyin and misspelt queries also bring their answers into the pool). The union
 * of the top 10 of every run is written, shuffled per query and without saying which run found a note, to
 * bench/search-judged/pool.tsv (git-ignored: it holds dataset text). Pairs already graded in qrels.tsv are left
 * out, so re-pooling after an engine change asks only for the new notes.
 *
 *   node --import tsx --conditions=notewave-source bench/search-judged/pool.ts [--set heldout]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Note } from '@notewave/engine';
import { readQilinNotes } from '@notewave/server/importers/qilin.ts';
import { readKuairecNotes } from '@notewave/server/importers/kuairec.ts';
import { stableHash } from '@notewave/server/importers/synth.ts';
import { allContenders } from '../search-engines.ts';
import { JUDGED_DIR, judgedFiles, judgedSetArg, parseQrels, parseQueries } from './judged.ts';

export const DATA = resolve(JUDGED_DIR, '../../../shared/data');

export async function readRealNotes(): Promise<Note[]> {
  return [...(await readQilinNotes(join(DATA, 'qilin-xhs-notes'))), ...(await readKuairecNotes(join(DATA, 'kuairec-sideinfo')))];
}

/** The substring run: notes holding every gloss word, title holders first, then by number of occurrences. */
function glossRun(notes: Note[], words: string[]): string[] {
  const scored: { id: string; score: number }[] = [];
  for (const n of notes) {
    const title = n.title.toLowerCase();
    const all = `${title}\n${n.tags.join(' ').toLowerCase()}\n${n.body.toLowerCase()}`;
    if (!words.every((w) => all.includes(w))) continue;
    const inTitle = words.filter((w) => title.includes(w)).length;
    const count = words.reduce((s, w) => s + all.split(w).length - 1, 0);
    scored.push({ id: n.id, score: inTitle * 1000 + Math.min(count, 999) });
  }
  return scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, 10).map((s) => s.id);
}

const clean = (s: string) => s.replace(/\[[^\]\n]{1,8}R?\]/g, '').replace(/\s+/g, ' ').trim();

/** Title, tags and about 140 characters of body around the first gloss or query word found in it. */
function excerpt(n: Note, words: string[]): { title: string; text: string } {
  const body = clean(n.body);
  const lower = body.toLowerCase();
  const at = Math.min(...words.map((w) => lower.indexOf(w)).filter((i) => i >= 0), Infinity);
  const start = at === Infinity ? 0 : Math.max(0, at - 50);
  const tags = n.tags.length > 0 ? `[${n.tags.slice(0, 6).join(',')}] ` : '';
  return { title: clean(n.title).slice(0, 80), text: `${tags}${start > 0 ? '…' : ''}${body.slice(start, start + 140)}` };
}

async function main() {
  const files = judgedFiles(judgedSetArg(process.argv.slice(2)));
  const queries = parseQueries(readFileSync(join(JUDGED_DIR, files.queries), 'utf8'), files.queries);
  const qrelsPath = join(JUDGED_DIR, files.qrels);
  const qrels = existsSync(qrelsPath) ? parseQrels(readFileSync(qrelsPath, 'utf8')) : new Map<string, Map<string, number>>();
  const notes = await readRealNotes();
  const byId = new Map(notes.map((n) => [n.id, n]));
  const pools = new Map<string, Set<string>>(queries.map((q) => [q.id, new Set<string>()]));
  for (const c of allContenders()) {
    await c.build(notes);
    for (const q of queries) for (const id of await c.query(q.query)) pools.get(q.id)!.add(id);
    console.log(`  ${c.name} pooled`);
  }
  for (const q of queries) {
    const words = (q.gloss || q.query).toLowerCase().replace(/^#/, '').split(/\s+/).filter(Boolean);
    for (const id of glossRun(notes, words)) pools.get(q.id)!.add(id);
  }
  const lines = ['query_id\tquery\tgloss\tnote_id\ttitle\ttext'];
  let total = 0;
  let todo = 0;
  for (const q of queries) {
    const words = [...(q.gloss || q.query).toLowerCase().split(/\s+/), q.query.toLowerCase().replace(/^#/, '')].filter(Boolean);
    const ids = [...pools.get(q.id)!].sort((a, b) => stableHash(`${q.id}:${a}`) - stableHash(`${q.id}:${b}`) || (a < b ? -1 : 1));
    total += ids.length;
    for (const id of ids) {
      if (qrels.get(q.id)?.has(id)) continue;
      const { title, text } = excerpt(byId.get(id)!, words);
      lines.push([q.id, q.query, q.gloss, id, title, text].map((s) => s.replace(/[\t\n]/g, ' ')).join('\t'));
      todo++;
    }
  }
  const out = join(JUDGED_DIR, files.pool);
  writeFileSync(out, lines.join('\n') + '\n');
  console.log(`${queries.length} queries, ${total} pooled pairs, ${todo} not yet judged, written to ${out}`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(JUDGED_DIR, 'pool.ts')) await main();
