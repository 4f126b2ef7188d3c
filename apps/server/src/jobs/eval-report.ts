import type { MetricReport } from '@notewave/engine';
import type { Dataset, ReferenceRow } from '../datasets/index.ts';

/** One model's line in an evaluation report. */
export interface EvalRow {
  model: string;
  metrics: MetricReport;
  trainSeconds: number;
  /** CPU time of training over all threads: comparable across machines and under load, unlike wall time. */
  trainCpuSeconds: number;
  evalSeconds: number;
  /** JS heap and resident-set growth across training, in MiB (RSS includes the worker threads). */
  heapDeltaMiB: number;
  rssDeltaMiB: number;
  params: Record<string, unknown>;
}

export interface EvalReport {
  dataset: string;
  protocol: string;
  users: number;
  items: number;
  trainInteractions: number;
  evaluatedUsers: number;
  /** All test users; more than evaluatedUsers when a sample was ranked. */
  testUsers: number;
  /** Command line that reproduces the report. */
  command: string;
  seed: number;
  threads: number;
  startedAt: string;
  node: string;
  rows: EvalRow[];
  references: ReferenceRow[];
  /** Why published rows were left out, when they were. */
  referencesNote?: string;
}

export function newReport(ds: Dataset, seed: number, threads: number, evaluatedUsers: number, testUsers: number, command: string): EvalReport {
  const { rows, note } = comparableReferences(ds, evaluatedUsers, testUsers);
  return {
    dataset: ds.name, protocol: ds.protocol, users: ds.nUsers, items: ds.nItems,
    trainInteractions: (ds.fullTrain ?? ds.train).nnz, evaluatedUsers, testUsers, command, seed, threads,
    startedAt: new Date().toISOString(), node: process.version, rows: [], references: rows, ...(note ? { referencesNote: note } : {}),
  };
}

/**
 * The published rows a report may print: only for a split of exactly the published shape, ranked in full for every
 * test user. A sample of users overstates NDCG, and another split's numbers say nothing about this one.
 */
export function comparableReferences(ds: Dataset, evaluatedUsers: number, testUsers: number): { rows: ReferenceRow[]; note?: string } {
  const refs = ds.references;
  if (!refs) return { rows: [] };
  const shape = refs.split;
  const train = (ds.fullTrain ?? ds.train).nnz;
  const test = ds.test.positives.idx.length;
  if (ds.nUsers !== shape.users || ds.nItems !== shape.items || train !== shape.trainInteractions || test !== shape.testInteractions) {
    return { rows: [], note: `published rows left out: this split (${ds.nUsers} users, ${ds.nItems} items, ${train} / ${test} pairs) is not the one they were measured on` };
  }
  if (evaluatedUsers !== testUsers) {
    return { rows: [], note: `published rows left out: ${evaluatedUsers} sampled test users are not comparable with full ranking of all ${testUsers}` };
  }
  return { rows: [...refs.rows] };
}

const f4 = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(4));

/** Markdown table: our rows, then the published reference rows for the same split. */
export function markdownTable(r: EvalReport): string {
  const signed = r.rows.some((row) => row.metrics.negativeTop20Rate !== undefined);
  const head = ['model', 'Recall@20', 'NDCG@20', 'Recall@10', 'NDCG@10', ...(signed ? ['neg@20 rate'] : []), 'train s', 'train CPU s', 'eval s', 'heap Δ MiB', 'RSS Δ MiB'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const row of r.rows) {
    const m = row.metrics;
    lines.push(`| ${[row.model, f4(m['recall@20']), f4(m['ndcg@20']), f4(m['recall@10']), f4(m['ndcg@10']),
      ...(signed ? [f4(m.negativeTop20Rate)] : []), row.trainSeconds.toFixed(1), row.trainCpuSeconds.toFixed(1), row.evalSeconds.toFixed(1),
      row.heapDeltaMiB.toFixed(0), row.rssDeltaMiB.toFixed(0)].join(' | ')} |`);
  }
  for (const ref of r.references) {
    lines.push(`| ${[ref.model, f4(ref['recall@20']), f4(ref['ndcg@20']), '–', '–', ...(signed ? ['–'] : []), '–', '–', '–', '–', '–'].join(' | ')} |`);
  }
  return lines.join('\n');
}

export function markdownReport(r: EvalReport): string {
  const refs = r.references.map((x) => `- ${x.model}: ${x.source}`).join('\n');
  return [
    `# Offline evaluation: ${r.dataset}`,
    '',
    `${r.users} users, ${r.items} items, ${r.trainInteractions} training interactions; ${r.evaluatedUsers === r.testUsers ? `all ${r.testUsers} test users ranked` : `an evenly spaced sample of ${r.evaluatedUsers} of ${r.testUsers} test users ranked`}.`,
    `Protocol: ${r.protocol}.`,
    `Seed ${r.seed}, ${r.threads} worker thread(s), Node ${r.node}, started ${r.startedAt}.`,
    '',
    markdownTable(r),
    '',
    ...(refs ? ['Reference rows (published, same split):', refs, ''] : []),
    ...(r.referencesNote ? [`${r.referencesNote}.`, ''] : []),
    `Re-run: \`${r.command}\`. Times are wall-clock on a shared machine; CPU seconds count all threads.`,
    '',
  ].join('\n');
}
