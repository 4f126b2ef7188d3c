import { parseArgs as parseFlags } from 'node:util';
import { ladderTo, scaleNamed, type Scale } from './scale.ts';

export interface BenchArgs {
  quick: boolean;
  only: string[] | null;
  scale: Scale;
  seed: number;
  list: boolean;
  /** Scales the memory and start-up workloads measure, smallest first, ending with `scale`. */
  ladder: Scale[];
}

export const USAGE = `usage: bench/run.ts [--quick] [--only feed,ingest,…] [--scale tiny|quick|medium|large|full]
                    [--notes N --users N --events N] [--seed N] [--ladder all|none|tiny,quick,…] [--list]
  --quick   CI size (50k notes / 5k users / 200k events) and shorter runs; same tables
  --scale   a named size (default: full = 1M notes / 100k users / 10M events; quick with --quick)
  --notes/--users/--events   a custom size (overrides --scale)
  --only    run only these workloads (comma-separated names; see --list)
  --ladder  the smaller scales memory and start-up also measure before the run's own: all of them
            (default), none, or named ones (e.g. tiny,quick)`;

const OPTIONS = {
  quick: { type: 'boolean' },
  list: { type: 'boolean' },
  help: { type: 'boolean' },
  only: { type: 'string' },
  scale: { type: 'string' },
  notes: { type: 'string' },
  users: { type: 'string' },
  events: { type: 'string' },
  seed: { type: 'string' },
  ladder: { type: 'string' },
} as const;

/** Parses `--flag`, `--key value` and `--key=value` with node:util's parseArgs. Throws on anything unknown. */
export function parseArgs(argv: readonly string[]): BenchArgs {
  const kv = parseOptions(argv);
  if (kv.help) throw new Error(USAGE);
  const quick = kv.quick === true;
  let scale = scaleNamed(kv.scale ?? (quick ? 'quick' : 'full'));
  if (kv.notes !== undefined || kv.users !== undefined || kv.events !== undefined) {
    const n = (k: 'notes' | 'users' | 'events', fallback: number) => {
      const v = Number(kv[k] ?? fallback);
      if (!Number.isInteger(v) || v < 1) throw new Error(`--${k} must be a positive integer`);
      return v;
    };
    scale = { name: 'custom', notes: n('notes', scale.notes), users: n('users', scale.users), events: n('events', scale.events) };
  }
  const seed = Number(kv.seed ?? 20_250_101);
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const only = kv.only?.split(',').map((s) => s.trim()).filter(Boolean) ?? null;
  return { quick, only, scale, seed, list: kv.list === true, ladder: ladderFor(scale, kv.ladder ?? 'all') };
}

function parseOptions(argv: readonly string[]) {
  try {
    return parseFlags({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${USAGE}`, { cause: err });
  }
}

/** `all`: every named scale below the run's; `none`: the run's alone; else the named ones below it, in ladder order. */
function ladderFor(scale: Scale, spec: string): Scale[] {
  const below = ladderTo(scale).filter((s) => s !== scale);
  if (spec === 'all') return [...below, scale];
  if (spec === 'none') return [scale];
  const names = spec.split(',').map((x) => x.trim()).filter(Boolean);
  for (const n of names) {
    const s = scaleNamed(n);
    if (s.notes >= scale.notes) throw new Error(`--ladder: '${n}' is not smaller than the run's scale '${scale.name}'`);
  }
  return [...below.filter((s) => names.includes(s.name)), scale];
}
