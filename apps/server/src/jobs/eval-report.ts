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
}

export function newReport(ds: Dataset, seed: number, threads: number, evaluatedUsers: number, testUsers: number, command: string): EvalReport {
  return {
    dataset: ds.name, protocol: ds.protocol, users: ds.nUsers, items: ds.nItems,
    trainInteractions: (ds.fullTrain ?? ds.train).nnz, evaluatedUsers, testUsers, command, seed, threads,
    startedAt: new Date().toISOString(), node: process.version, rows: [], references: ds.references ?? [],
  };
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
    `Re-run: \`${r.command}\`. Times are wall-clock on a shared machine; CPU seconds count all threads.`,
    '',
  ].join('\n');
}
