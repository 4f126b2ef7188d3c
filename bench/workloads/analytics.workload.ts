import {
  activesReport, AnalyticsRollup, audienceReport, contentReport, DEFAULT_RECOMMEND_CONFIG, funnelReport, retentionReport,
  type AnalyticsNoteInfo, type EngineEvent,
} from '@notewave/engine';
import * as f from '../lib/format.ts';
import { loadedEngine } from '../lib/loaded-engine.ts';
import { summarize } from '../lib/stats.ts';
import { target, type Workload } from '../lib/workload.ts';

/**
 * The operator dashboard's queries against the rollups a loaded engine kept while applying the whole event log,
 * and what keeping those rollups costs per event (a fresh rollup fed the same users, notes and events).
 */
export const workload: Workload = {
  name: 'analytics',
  description: 'operator dashboard queries (actives, retention, audience, content, funnel) and rollup cost per event',
  async run(ctx) {
    const { engine, community } = await loadedEngine(ctx);
    const r = engine.analytics;
    const range = r.range;
    if (range === null) throw new Error('the loaded engine applied no events');
    const to = range.to;
    const from = to - 29;
    const queries: [string, () => unknown][] = [
      ['actives: DAU by source, 30 days, since-change', () => activesReport(r, { from, to, by: 'source', metric: 'dau', since: from })],
      ['actives: MAU by market, 30 days', () => activesReport(r, { from, to, by: 'market', metric: 'mau' })],
      ['retention: daily cohorts by source, D0–D30', () => retentionReport(r, { from, to, by: 'source', period: 'day', horizon: 30 })],
      ['retention: weekly cohorts by market, W0–W8', () => retentionReport(r, { from: range.from, to, by: 'market', period: 'week', horizon: 8 })],
      ['audience: by source', () => audienceReport(r, { by: 'source' })],
      ['content: by source, top tags', () => contentReport(r, { from, to, by: 'source' })],
      ['funnel: by strategy', () => funnelReport(r, { from, to, by: 'strategy' })],
    ];
    const runs = ctx.quick ? 15 : 7;
    const rows: (string | number)[][] = [];
    const metrics: Record<string, number> = {};
    let worstP99 = 0;
    let dashboard = 0;
    for (const [label, q] of queries) {
      q();
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        q();
        samples.push(performance.now() - t0);
      }
      const s = summarize(samples);
      worstP99 = Math.max(worstP99, s.p99);
      dashboard += s.p50;
      rows.push([label, s.n, f.ms(s.p50), f.ms(s.p99), f.ms(s.max)]);
      metrics[`${label.split(':')[0]}_${rows.length}_p50_ms`] = s.p50;
    }
    metrics.dashboard_all_queries_p50_ms = dashboard;

    // Rollup upkeep: the same stream into a rollup alone, timed in chunks so generation is not counted.
    const notes = new Map<string, AnalyticsNoteInfo>();
    const surfaces = DEFAULT_RECOMMEND_CONFIG.surfaces;
    const fresh = new AnalyticsRollup({
      noteInfo: (id) => notes.get(id) ?? null,
      strategyOf: (s) => surfaces[s] ?? 'none',
    });
    for (const u of community.users()) fresh.addUser(u);
    for (const n of community.notes()) {
      const info = { category: n.category, kind: n.kind, tags: n.tags };
      notes.set(n.id, info);
      fresh.addNote(n.authorId, n.createdAt, info);
    }
    let applyMs = 0;
    let events = 0;
    const chunk: EngineEvent[] = [];
    const flush = (): void => {
      const t0 = performance.now();
      for (const e of chunk) fresh.apply(e);
      applyMs += performance.now() - t0;
      events += chunk.length;
      chunk.length = 0;
    };
    for (const e of community.events()) {
      chunk.push(e);
      if (chunk.length === 50_000) flush();
    }
    flush();
    metrics.rollup_apply_us_per_event = (applyMs * 1000) / events;
    metrics.users = r.users.size;
    metrics.events = r.appliedEvents;
    return {
      tables: [
        {
          title: `dashboard queries over ${f.num(r.appliedEvents)} events, ${f.num(r.users.size)} users, ${range.to - range.from + 1} days (ms)`,
          columns: ['query', 'runs', 'p50', 'p99', 'max'],
          rows,
        },
        {
          title: 'keeping the rollups up to date',
          columns: ['events', 'apply ms', 'µs per event'],
          rows: [[f.num(events), f.ms(applyMs), f.num(metrics.rollup_apply_us_per_event, 2)]],
        },
      ],
      metrics,
      targets: [target('dashboard query (worst p99)', '≤ 200 ms', `${f.ms(worstP99)} ms`, worstP99 <= 200)],
    };
  },
};
