import type { RunMetrics } from './metrics.ts';
import { round } from './metrics.ts';
import type { Scenario } from './scenario.ts';
import type { ChartSeries, LineChart } from './svg-chart.ts';

/** Each population's DAU around the milestone, as fractions of its DAU on the day before it. */
export interface SegmentSummary {
  dauBefore: number;
  dropDay1: number | null;
  dropWeek1: number | null;
  /** Mean share of a cohort still active 1 and 7 days after arriving. */
  retentionDay1: number | null;
  retentionDay7: number | null;
}

/** The machine-readable result of `notewave simulate`: identical for the same scenario, sizes and seed. */
export interface SimulationResult {
  scenario: string;
  seed: number;
  users: number;
  days: number;
  startDate: string;
  milestone: Scenario['milestone'];
  populations: { name: string; source: string; strategy: string | null; markets: Record<string, number> }[];
  strategies: string[];
  /** Strategy → population → figures around the milestone. */
  summary: Record<string, Record<string, SegmentSummary>>;
  runs: Record<string, RunMetrics>;
}

/** DAU on the day before the milestone `d`, and the fall a day and a week after it as fractions of that day. */
export function dropsAround(dau: readonly number[], d: number | undefined): Pick<SegmentSummary, 'dauBefore' | 'dropDay1' | 'dropWeek1'> {
  const before = d === undefined ? 0 : (dau[d - 1] ?? 0);
  const drop = (k: number): number | null => (d === undefined || before === 0 || d + k >= dau.length ? null : round(1 - dau[d + k]! / before));
  return { dauBefore: before, dropDay1: drop(1), dropWeek1: drop(7) };
}

export function summarise(s: Scenario, run: RunMetrics): Record<string, SegmentSummary> {
  const out: Record<string, SegmentSummary> = {};
  for (const [pop, dau] of Object.entries(run.dau)) {
    const curve = run.retention[pop]?.curve ?? [];
    out[pop] = { ...dropsAround(dau, s.milestone?.day), retentionDay1: curve[1] ?? null, retentionDay7: curve[7] ?? null };
  }
  return out;
}

export function buildResult(s: Scenario, seed: number, runs: RunMetrics[]): SimulationResult {
  return {
    scenario: s.name,
    seed,
    users: s.users,
    days: s.days,
    startDate: s.startDate,
    milestone: s.milestone,
    populations: s.populations.map((p) => ({ name: p.name, source: p.source, strategy: p.strategy, markets: p.markets })),
    strategies: runs.map((r) => r.strategy),
    summary: Object.fromEntries(runs.map((r) => [r.strategy, summarise(s, r)])),
    runs: Object.fromEntries(runs.map((r) => [r.strategy, r])),
  };
}

/** The printed comparison: one row per strategy and population, side by side. */
export function summaryTable(r: SimulationResult): string {
  const D = r.milestone?.day;
  const header = ['strategy', 'population', 'users', `DAU ${D !== undefined ? `day ${D - 1}` : '-'}`, 'drop +1d', 'drop +7d', 'ret d1', 'ret d7', 'satisf.', 'views/sess', 'posts', 'video'];
  const rows: string[][] = [header];
  for (const strategy of r.strategies) {
    const run = r.runs[strategy]!;
    for (const pop of Object.keys(run.dau)) {
      const s = r.summary[strategy]![pop]!;
      const e = run.engagement[pop]!;
      const sat = run.satisfaction[pop]!.filter((v): v is number => v !== null);
      const size = run.retention[pop]!.cohorts.reduce((n, c) => n + c.size, 0);
      rows.push([
        strategy, pop, String(size), String(s.dauBefore), pct(s.dropDay1), pct(s.dropWeek1), pct(s.retentionDay1), pct(s.retentionDay7),
        sat.length ? (sat[sat.length - 1]!).toFixed(2) : '-', e.sessions ? (e.views / e.sessions).toFixed(1) : '-', String(e.posts), pct(run.content[pop]!.video),
      ]);
    }
  }
  return formatTable(rows, 2);
}

/**
 * Each run's experiment, when it had one: per variant, the accounts it took, their DAU on the day before the milestone
 * and its drop a day and a week later (as the summary computes them for populations).
 */
export function experimentTable(r: SimulationResult): string {
  const D = r.milestone?.day;
  const header = ['strategy', 'experiment', 'variant', 'serves', 'accounts', `DAU ${D !== undefined ? `day ${D - 1}` : '-'}`, 'drop +1d', 'drop +7d'];
  const rows: string[][] = [header];
  for (const strategy of r.strategies) {
    const x = r.runs[strategy]!.experiment;
    if (!x) continue;
    for (const [variant, dau] of Object.entries(x.dau)) {
      const d = dropsAround(dau, D);
      rows.push([strategy, x.name, variant, x.strategies[variant]!, String(x.units[variant] ?? 0), String(d.dauBefore), pct(d.dropDay1), pct(d.dropWeek1)]);
    }
  }
  return rows.length === 1 ? '' : formatTable(rows, 4);
}

const pct = (v: number | null) => (v === null ? '-' : `${(v * 100).toFixed(1)}%`);

/** Rows (the first is the header) in aligned columns: the first `leftAligned` columns padded right, the rest left. */
function formatTable(rows: readonly string[][], leftAligned: number): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) => row.map((v, c) => (c < leftAligned ? v.padEnd(widths[c]!) : v.padStart(widths[c]!))).join('  ')).join('\n') + '\n';
}

/** The charts `--charts` writes: DAU per population (one line per strategy × population) and day-k retention curves. */
export function charts(r: SimulationResult): Record<string, LineChart> {
  const pops = r.populations.map((p) => p.name);
  const colors = ['#d62b4b', '#2b6cd6', '#1f9d55', '#b7791f', '#805ad5', '#319795'];
  const marker = r.milestone ? { index: r.milestone.day, label: r.milestone.label } : undefined;
  const dauSeries: ChartSeries[] = [];
  const retSeries: ChartSeries[] = [];
  r.strategies.forEach((strategy, si) => {
    const run = r.runs[strategy]!;
    pops.forEach((pop, pi) => {
      const color = colors[si % colors.length]!;
      dauSeries.push({ name: `${pop} · ${strategy}`, values: run.dau[pop]!, color, dashed: pi > 0 });
      retSeries.push({ name: `${pop} · ${strategy}`, values: run.retention[pop]!.curve, color, dashed: pi > 0 });
    });
  });
  const days = r.runs[r.strategies[0]!]?.days ?? [];
  const variantSeries: ChartSeries[] = [];
  r.strategies.forEach((strategy, si) => {
    const x = r.runs[strategy]!.experiment;
    if (!x) return;
    Object.entries(x.dau).forEach(([variant, values], vi) => {
      variantSeries.push({ name: `${variant} (${x.strategies[variant]}) · ${strategy}`, values, color: colors[vi % colors.length]!, dashed: si > 0 });
    });
  });
  const experiment: Record<string, LineChart> = variantSeries.length === 0 ? {} : {
    'experiment-dau.svg': { title: `${r.scenario}: daily active users by experiment variant`, xLabels: days, series: variantSeries, yLabel: 'DAU', marker },
  };
  return {
    ...experiment,
    'dau.svg': { title: `${r.scenario}: daily active users by population and strategy`, xLabels: days, series: dauSeries, yLabel: 'DAU', marker },
    'retention.svg': {
      title: `${r.scenario}: share of each cohort active k days after arriving`,
      xLabels: days.map((_, k) => `+${k}`),
      series: retSeries,
      yLabel: 'retained',
      percent: true,
    },
  };
}
