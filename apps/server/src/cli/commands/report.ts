import {
  activesReport, audienceReport, contentReport, funnelReport, REPORT_NAMES, reportTable, retentionReport, toCsv, ANALYTICS_DIMENSIONS,
  type AnalyticsDimension, type AnalyticsReport, type AnalyticsRollup, type ReportName, type ReportTable,
} from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { loadConfig } from '../../config.ts';
import { loadAnalytics } from '../../engine/load-analytics.ts';
import { parseFlags } from '../flags.ts';
import type { Command } from '../command.ts';
import { progress } from '../progress.ts';

const USAGE = [
  `usage: notewave report <${REPORT_NAMES.join('|')}> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--by DIMENSION]`,
  '                       [--metric dau|wau|mau] [--since YYYY-MM-DD] [--period day|week] [--horizon N]',
  '                       [--format table|csv|json] [--db URL] [--tz ZONE]',
  `Dimensions: ${ANALYTICS_DIMENSIONS.join(', ')}. Reads the database named by NOTEWAVE_DATABASE_URL (or --db) and`,
  'prints the same figures as the operator dashboard; days are counted in NOTEWAVE_TIME_ZONE (or --tz).',
  '--to defaults to the last day with data and --from to 29 days before it.',
].join('\n');

const FLAGS = ['from', 'to', 'by', 'metric', 'since', 'period', 'horizon', 'format', 'db', 'tz'];

export const command: Command = {
  summary: 'print analytics (actives, retention, audience, content, funnel) from the database',
  usage: USAGE,
  async run(argv) {
    const [name, ...rest] = argv;
    let flags: Record<string, string | undefined>;
    try {
      if (!name || !(REPORT_NAMES as readonly string[]).includes(name)) throw new Error(`name a report: ${REPORT_NAMES.join(', ')}`);
      flags = parseFlags(rest, FLAGS);
      check(flags.by, ANALYTICS_DIMENSIONS, '--by');
      check(flags.metric, ['dau', 'wau', 'mau'], '--metric');
      check(flags.period, ['day', 'week'], '--period');
      check(flags.format, ['table', 'csv', 'json'], '--format');
      if (flags.horizon !== undefined && !/^\d{1,2}$/.test(flags.horizon)) throw new Error('--horizon must be a whole number of periods, at most 99');
    } catch (err) {
      console.error(`notewave report: ${(err as Error).message}\n${USAGE}`);
      return 2;
    }
    const { config } = loadConfig({ NOTEWAVE_DATABASE_URL: flags.db, NOTEWAVE_TIME_ZONE: flags.tz });
    const storage = await openStorage(config.databaseUrl);
    try {
      const total = await storage.events.lastSeq();
      const bar = progress('events', total);
      const rollup = await loadAnalytics(storage, config.timeZone, (p) => bar.update(p.lastSeq, Math.max(total, p.lastSeq)));
      bar.stop();
      let report: AnalyticsReport;
      try {
        report = build(rollup, name as ReportName, flags);
      } catch (err) {
        console.error(`notewave report: ${(err as Error).message}`);
        return 2;
      }
      const format = flags.format ?? 'table';
      process.stdout.write(format === 'json' ? `${JSON.stringify(report.report, null, 2)}\n` : format === 'csv' ? toCsv(reportTable(report)) : formatTable(reportTable(report)));
      return 0;
    } finally {
      await storage.close();
    }
  },
};

function build(rollup: AnalyticsRollup, name: ReportName, f: Record<string, string | undefined>): AnalyticsReport {
  const cal = rollup.calendar;
  const by = (f.by ?? 'all') as AnalyticsDimension;
  const to = f.to !== undefined ? cal.parse(f.to) : (rollup.range?.to ?? cal.dayOf(Date.now()));
  const from = f.from !== undefined ? cal.parse(f.from) : to - 29;
  if (from > to) throw new Error('--from must not be after --to');
  switch (name) {
    case 'actives': {
      const since = f.since === undefined ? undefined : cal.parse(f.since);
      return { name, report: activesReport(rollup, { from, to, by, metric: (f.metric ?? 'dau') as 'dau', since }) };
    }
    case 'retention': {
      const period = (f.period ?? 'day') as 'day' | 'week';
      return { name, report: retentionReport(rollup, { from, to, by, period, horizon: Number(f.horizon ?? (period === 'day' ? 30 : 8)) }) };
    }
    case 'audience':
      return { name, report: audienceReport(rollup, f.from === undefined && f.to === undefined ? { by } : { by, from, to }) };
    case 'content':
      return { name, report: contentReport(rollup, { from, to, by }) };
    case 'funnel':
      return { name, report: funnelReport(rollup, { from, to, by }) };
  }
}

/** Aligned columns for a terminal: fractions as percentages, counts as integers, missing as a dash. */
export function formatTable(t: ReportTable): string {
  const numeric = t.columns.map((_, c) => t.rows.some((r) => typeof r[c] === 'number'));
  const fractional = t.columns.map((_, c) => t.rows.some((r) => typeof r[c] === 'number' && !Number.isInteger(r[c])));
  const cells = [t.columns, ...t.rows.map((r) => r.map((v, c) => {
    if (v === null) return '-';
    if (typeof v === 'number') return fractional[c] ? `${(v * 100).toFixed(1)}%` : String(v);
    return v;
  }))];
  const widths = t.columns.map((_, c) => Math.max(...cells.map((r) => String(r[c]).length)));
  return cells.map((r) => r.map((v, c) => (numeric[c] ? String(v).padStart(widths[c]!) : String(v).padEnd(widths[c]!))).join('  ').trimEnd()).join('\n') + '\n';
}

function check(v: string | undefined, allowed: readonly string[], flag: string): void {
  if (v !== undefined && !allowed.includes(v)) throw new Error(`${flag} must be one of ${allowed.join(', ')}, got '${v}'`);
}
