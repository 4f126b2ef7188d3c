import type { ExperimentInput } from '@notewave/api-client';
import { Engine, isEngineError, SeededRng, TimeRandomIds, type Clock, type Experiment, type Storage } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import { loadConfig } from '../../config.ts';
import { readExperimentDefinition } from '../../experiments/definition-file.ts';
import { ExperimentAdmin, type ExperimentReadoutResult } from '../../experiments/experiment-admin.ts';
import type { Command } from '../command.ts';
import { parseFlags } from '../flags.ts';

const USAGE = [
  'usage: notewave experiment create --file DEFINITION.json [--by HANDLE] [--db URL]',
  '       notewave experiment list [--db URL]',
  '       notewave experiment show <name> [--db URL]',
  '       notewave experiment start|pause|stop <name> [--db URL]',
  '       notewave experiment readout <name> [--format table|json] [--db URL]   (also: report)',
  'The definition file holds what POST /api/experiments takes (`-` reads it from stdin). Runs against the database',
  'directly (NOTEWAVE_DATABASE_URL or --db); running servers pick changes up within seconds.',
].join('\n');

const ACTIONS = ['create', 'list', 'show', 'start', 'pause', 'stop', 'readout', 'report'];
const PAGE = 5_000;

export interface ExperimentRun {
  code: number;
  out: string[];
}

/** The `notewave experiment` command, returning its output for tests. */
export async function runExperiment(argv: readonly string[], env: Record<string, string | undefined> = {}, clock: Clock = { now: () => Date.now() }): Promise<ExperimentRun> {
  const [action, ...rest] = argv;
  if (!action || !ACTIONS.includes(action)) return { code: 2, out: [USAGE] };
  const name = ['create', 'list'].includes(action) ? undefined : rest.shift();
  if (name !== undefined && name.startsWith('--')) return { code: 2, out: [USAGE] };
  if (!['create', 'list'].includes(action) && !name) return { code: 2, out: [`name an experiment\n${USAGE}`] };
  let flags: Record<string, string | undefined>;
  try {
    flags = parseFlags(rest, ['db', 'file', 'by', 'format']);
    if (flags.format !== undefined && !['table', 'json'].includes(flags.format)) throw new Error('--format must be table or json');
    if (action === 'create' && !flags.file) throw new Error('create needs --file');
  } catch (err) {
    return { code: 2, out: [`notewave experiment: ${(err as Error).message}\n${USAGE}`] };
  }
  const { config } = loadConfig({ ...env, NOTEWAVE_DATABASE_URL: flags.db ?? env.NOTEWAVE_DATABASE_URL });
  const storage = await openStorage(config.databaseUrl);
  try {
    if (config.autoMigrate) await storage.migrate();
    const admin = await adminFor(storage, clock, action === 'readout' || action === 'report');
    switch (action) {
      case 'create': {
        let spec: ExperimentInput;
        try {
          spec = readExperimentDefinition(flags.file as string);
        } catch (err) {
          return { code: 2, out: [`notewave experiment: ${(err as Error).message}`] };
        }
        const by = flags.by ? await storage.users.getUserByHandle(flags.by) : null;
        if (flags.by && !by) return { code: 2, out: [`notewave experiment: no account with the handle '${flags.by}'`] };
        return { code: 0, out: describe(await admin.create(spec, by?.id ?? 'cli')) };
      }
      case 'list': {
        const all = await admin.list();
        return { code: 0, out: all.length === 0 ? ['no experiments'] : all.map((e) => `${e.name}\t${e.status}\t${e.surface}/${e.layer}\t${e.variants.map((v) => v.name).join(' vs ')}\t${e.primaryMetric}`) };
      }
      case 'show':
        return { code: 0, out: describe(await admin.get(name as string)) };
      case 'start':
      case 'pause':
      case 'stop':
        return { code: 0, out: describe(await admin[action](name as string)) };
      default: {
        const r = await admin.readout(name as string);
        return { code: 0, out: flags.format === 'json' ? [JSON.stringify(r, null, 2)] : formatReadout(r) };
      }
    }
  } catch (err) {
    if (isEngineError(err) && err.code !== 'internal' && err.code !== 'storage_unavailable') return { code: 1, out: [`notewave experiment: ${err.message}`] };
    throw err;
  } finally {
    await storage.close();
  }
}

/** The admin over a bare engine (its configured strategies validate definitions) and, for readouts, note authors. */
async function adminFor(storage: Storage, clock: Clock, needAuthors: boolean): Promise<ExperimentAdmin> {
  const rng = new SeededRng(1);
  const engine = new Engine({ clock, rng, ids: new TimeRandomIds(clock, rng) });
  const authors = new Map<string, string>();
  if (needAuthors) {
    for (let after: string | null = null; ;) {
      const page = await storage.notes.listNotes({ after, limit: PAGE, includeDeleted: true });
      for (const n of page) authors.set(n.id, n.authorId);
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.id;
    }
  }
  return new ExperimentAdmin({
    store: storage.experiments, log: storage.events, recommender: engine.recommender, clock,
    ids: new TimeRandomIds(clock, new SeededRng(clock.now() >>> 0)), authorOf: (id) => authors.get(id) ?? null,
  });
}

function time(t: number | null): string {
  return t === null ? '-' : new Date(t).toISOString();
}

function describe(e: Experiment): string[] {
  const lines = [
    `${e.name} (${e.id}): ${e.status}`,
    `  hypothesis: ${e.hypothesis}`,
    `  surface ${e.surface}, layer ${e.layer}, traffic ${(e.traffic * 100).toFixed(1)}%${e.layerRange ? ` (buckets ${e.layerRange.start}–${e.layerRange.end})` : ''}`,
    ...e.variants.map((v, i) => `  ${i === 0 ? 'control  ' : 'variant  '} ${v.name}: ${v.strategy}${v.override ? ` with override ${JSON.stringify(v.override)}` : ''} (weight ${v.weight})`),
    `  targeting: ${Object.keys(e.targeting).length === 0 ? 'everyone' : JSON.stringify(e.targeting)}`,
    `  primary metric ${e.primaryMetric}; guardrails ${e.guardrailMetrics.join(', ') || 'none'}`,
  ];
  if (e.plan && e.plan.sampleSize === 0) lines.push('  plan: no recent traffic on the surface to size it from');
  else if (e.plan) {
    const b = e.plan.baseline;
    lines.push(`  plan: ${e.plan.sampleSize} units to detect ${(e.plan.mde * 100).toFixed(1)}% at alpha ${e.plan.alpha}, power ${e.plan.power}` +
      `${e.plan.days === null ? '' : `, about ${e.plan.days} days`} (baseline ${b.mean.toFixed(4)} over ${b.units} users, ${b.dailyUnits}/day)`);
  }
  lines.push(`  created ${time(e.createdAt)}, started ${time(e.startedAt)}, paused ${time(e.pausedAt)}, stopped ${time(e.stoppedAt)}`);
  return lines;
}

function num(v: number | null | undefined): string {
  if (v === null || v === undefined) return '-';
  return Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(4);
}
function pct(v: number | null): string {
  return v === null ? '-' : `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}%`;
}

/** The readout as the dashboard shows it: verdict, sample-ratio check, metrics per variant, comparisons. */
export function formatReadout(r: ExperimentReadoutResult): string[] {
  const out = [`${r.experiment.name}: ${r.decision.verdict.replace(/_/g, ' ')}`, `  ${r.decision.summary}`];
  out.push(`  sample ratio: ${r.srm.observed.join(' / ')} exposed (expected ${r.srm.expected.map((e) => e.toFixed(0)).join(' / ')}), chi-square ${r.srm.chiSquare.toFixed(2)}, p ${r.srm.p.toFixed(4)}${r.srm.mismatch ? '  MISMATCH' : ''}`);
  if (r.progress.planned) out.push(`  progress: ${r.progress.units} of ${r.progress.planned} planned units (${((r.progress.share ?? 0) * 100).toFixed(0)}%)`);
  out.push('', `  ${'metric'.padEnd(26)}${r.variants.map((v) => `${v.name} (n=${v.analysedUnits})`.padStart(22)).join('')}`);
  for (const m of Object.keys(r.metricDescriptions)) {
    const cells = r.variants.map((v) => {
      const e = v.metrics[m as keyof typeof v.metrics];
      return (e ? `${num(e.value)} ±${num(e.se)}` : '-').padStart(22);
    });
    out.push(`  ${m.padEnd(26)}${cells.join('')}`);
  }
  out.push('', `  ${'metric'.padEnd(26)}${'variant'.padEnd(14)}${'lift'.padStart(9)}${`${Math.round((1 - r.alpha) * 100)}% CI (fixed)`.padStart(26)}${'p (always valid)'.padStart(18)}  role`);
  for (const c of r.comparisons) {
    const ci = c.relativeCi ? `${pct(c.relativeCi[0])} … ${pct(c.relativeCi[1])}` : `${num(c.ci[0])} … ${num(c.ci[1])}`;
    out.push(`  ${c.metric.padEnd(26)}${c.variant.padEnd(14)}${pct(c.relative).padStart(9)}${ci.padStart(26)}${c.pSequential.toFixed(4).padStart(18)}  ${c.role}${c.significant ? ' *' : ''}`);
  }
  out.push('', `  read ${r.read.exposures} exposures and ${r.read.events} events`);
  return out;
}

export const command: Command = {
  summary: 'define, start, pause, stop and read out experiments between feed strategies',
  usage: USAGE,
  async run(argv) {
    const { code, out } = await runExperiment(argv);
    for (const line of out) (code === 0 ? console.log : console.error)(line);
    return code;
  },
};
