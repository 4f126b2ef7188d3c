import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareInWorkers } from '@notewave/server/simulator/parallel.ts';
import { loadScenario } from '@notewave/server/simulator/scenario-files.ts';
import * as f from '../lib/format.ts';
import { target, type Workload } from '../lib/workload.ts';

/** Smallest community the calibration target is stated for. */
const CALIBRATION_USERS = 5_000;

/**
 * `notewave simulate refugee-wave` under funnel and viral, two worker threads, at the run's user count (300 users
 * for --quick): simulated events per second through the real engine into SQLite, wall time, and where the arrivals'
 * DAU lands after the milestone against the article's 54% / 70%.
 */
export const workload: Workload = {
  name: 'simulate',
  description: 'refugee-wave simulation, funnel vs viral on two threads: events/s, wall time, the arrivals\' DAU drop',
  async run(ctx) {
    const base = loadScenario('refugee-wave');
    const users = ctx.quick ? 300 : ctx.scale.users;
    const scenario = { ...base, users };
    const dir = mkdtempSync(join(tmpdir(), 'notewave-bench-sim-'));
    const started = performance.now();
    let last = 0;
    try {
      const { result, timings } = await compareInWorkers({
        scenario,
        strategies: ['funnel', 'viral'],
        seed: ctx.seed,
        threads: 2,
        url: (s) => `sqlite://${join(dir, `${s}.db`)}`,
        onDay: (strategy, day, days, events) => {
          if (performance.now() - last < 5000) return;
          last = performance.now();
          ctx.log(`simulate ${strategy}: day ${day + 1}/${days}, ${events.toLocaleString('en-US')} events`);
        },
      });
      const wallMs = performance.now() - started;
      const events = timings.reduce((n, t) => n + t.events, 0);
      const metrics: Record<string, number> = { users, days: scenario.days, wall_ms: wallMs, events_total: events, events_per_s_wall: events / (wallMs / 1000) };
      const rows: (string | number)[][] = [];
      for (const t of timings) {
        const s = result.summary[t.strategy]!;
        metrics[`${t.strategy}_events`] = t.events;
        metrics[`${t.strategy}_events_per_s`] = t.eventsPerSecond;
        for (const [pop, v] of Object.entries(s)) {
          if (v.dropDay1 !== null) metrics[`${t.strategy}_${pop}_drop_day1`] = v.dropDay1;
          if (v.dropWeek1 !== null) metrics[`${t.strategy}_${pop}_drop_week1`] = v.dropWeek1;
        }
        rows.push([
          t.strategy, f.num(t.events), f.seconds(t.seconds * 1000), f.num(t.eventsPerSecond),
          pct(s.arrivals?.dropDay1 ?? null), pct(s.arrivals?.dropWeek1 ?? null), pct(s.natives?.dropWeek1 ?? null),
        ]);
      }
      const funnel = result.summary.funnel?.arrivals;
      const calibrated = users >= CALIBRATION_USERS && funnel ? near(funnel.dropDay1, 0.54) && near(funnel.dropWeek1, 0.7) : null;
      return {
        tables: [{
          title: `refugee-wave, ${users.toLocaleString('en-US')} users × ${scenario.days} days, funnel and viral on two threads (wall ${f.seconds(wallMs)})`,
          columns: ['strategy', 'events', 'time', 'events/s', 'arrivals drop +1d', 'arrivals drop +7d', 'natives drop +7d'],
          rows,
        }],
        metrics,
        targets: [
          target('100k users × 30 days, funnel and viral', '≤ 10 min', f.seconds(wallMs), users >= 100_000 ? wallMs <= 600_000 : null),
          target('arrivals\' DAU drop under funnel, +1 d / +7 d', '54% / 70% ± 5 pp (from 5,000 users)', `${pct(funnel?.dropDay1 ?? null)} / ${pct(funnel?.dropWeek1 ?? null)}`, calibrated),
        ],
      };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

function pct(v: number | null): string {
  return v === null ? '-' : `${(v * 100).toFixed(1)}%`;
}

function near(v: number | null, want: number): boolean {
  return v !== null && Math.abs(v - want) <= 0.05;
}
