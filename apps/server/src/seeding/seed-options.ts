import { EngineError } from '@notewave/engine';
import { parseFlags } from '../cli/flags.ts';

const DAY_MS = 86_400_000;

export interface SeedOptions {
  users: number;
  notes: number;
  seed: number;
  days: number;
  /** Start of the generated history (ms); by default the history ends at today's UTC midnight. */
  startTime: number;
}

export const SEED_USAGE = `options:
  --users N     users to generate (default 2000: enough for the arrival wave to show in the analytics)
  --notes N     notes to generate (default 3000)
  --seed N      generator seed (default 7); the same seed gives the same community
  --days N      days of activity history (default 30)
  --start DATE  first day of the history, YYYY-MM-DD (default: so that it ends today)`;

/** Parses seed flags strictly: unknown flags and malformed numbers are errors, not silent defaults. */
export function parseSeedOptions(argv: string[], now: number): SeedOptions {
  let values: Record<string, string | undefined>;
  try {
    values = parseFlags(argv, ['users', 'notes', 'seed', 'days', 'start']);
  } catch (e) {
    throw new EngineError('validation_failed', `${(e as Error).message}\n${SEED_USAGE}`);
  }
  const days = count('days', values.days, 30, 1, 3650);
  let startTime = Math.floor(now / DAY_MS) * DAY_MS - days * DAY_MS;
  if (values.start !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.start) || Number.isNaN(Date.parse(`${values.start}T00:00:00Z`))) {
      throw new EngineError('validation_failed', `--start must be a date like 2025-01-01, got '${values.start}'`);
    }
    startTime = Date.parse(`${values.start}T00:00:00Z`);
  }
  return {
    users: count('users', values.users, 2000, 1, 10_000_000),
    notes: count('notes', values.notes, 3000, 0, 100_000_000),
    seed: count('seed', values.seed, 7, 0, 2 ** 32 - 1),
    days,
    startTime,
  };
}

function count(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new EngineError('validation_failed', `--${name} must be a whole number, got '${raw}'`);
  const n = Number(raw);
  if (n < min || n > max) throw new EngineError('validation_failed', `--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}
