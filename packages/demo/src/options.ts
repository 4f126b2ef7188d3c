export const DAY_MS = 24 * 3600 * 1000;
export const HOUR_MS = 3600 * 1000;

/** The TikTok-refugee wave: US users arrive around `day`, and most leave once the ban is paused on `pauseDay`. */
export interface WaveOptions {
  /** Day (0-based, relative to startTime) the wave peaks. */
  day: number;
  /** Day the ban is paused; most refugees churn that day, the rest of the leavers within a week. */
  pauseDay: number;
  /** Share of all generated users who are refugees. */
  refugeeShare: number;
  /** Share of refugees who stay after the pause. */
  retained: number;
}

export type ProgressPhase = 'plan' | 'users' | 'notes' | 'follows' | 'events';

export interface CommunityOptions {
  seed: number;
  users: number;
  notes: number;
  /** Length of the event history; default 30. */
  days?: number;
  /** Mean events of a user present for the whole window; default 120. Users who join late or churn produce fewer. */
  eventsPerUser?: number;
  /** Start of the event history (ms). Default 2025-01-01 UTC, so the default wave lands on 13 Jan and the pause on 19 Jan. */
  startTime?: number;
  wave?: Partial<WaveOptions>;
  onProgress?: (done: number, total: number, phase: ProgressPhase) => void;
}

export interface ResolvedOptions {
  seed: number;
  users: number;
  notes: number;
  days: number;
  eventsPerUser: number;
  startTime: number;
  endTime: number;
  wave: WaveOptions;
  onProgress: (done: number, total: number, phase: ProgressPhase) => void;
}

export const DEFAULT_START_TIME = Date.UTC(2025, 0, 1);

/** The size the `demo` command seeds: big enough for the arrival wave to show in the analytics (~240 arrivals), seeded in about 20 s. */
export const DEMO_DEFAULTS = { seed: 42, users: 2000, notes: 3000, days: 30, eventsPerUser: 120 } as const;
/** Note history reaching back before the event window, so day one already has something to read. */
export const BACKLOG_DAYS = 60;

/** Fills defaults and rejects impossible sizes, so the generators can trust their options. */
export function resolveOptions(o: CommunityOptions): ResolvedOptions {
  const int = (name: string, v: number, min: number): number => {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${v}`);
    return v;
  };
  const days = int('days', o.days ?? 30, 1);
  const startTime = o.startTime ?? DEFAULT_START_TIME;
  if (!Number.isFinite(startTime)) throw new RangeError('startTime must be a finite number of milliseconds');
  const day = Math.min(12, Math.floor(days * 0.4));
  const wave: WaveOptions = { day, pauseDay: day + 6, refugeeShare: 0.12, retained: 0.3, ...o.wave };
  if (!(wave.refugeeShare >= 0 && wave.refugeeShare < 1)) throw new RangeError('wave.refugeeShare must be in [0, 1)');
  if (!(wave.retained >= 0 && wave.retained <= 1)) throw new RangeError('wave.retained must be in [0, 1]');
  if (!(wave.pauseDay >= wave.day)) throw new RangeError('wave.pauseDay must not come before wave.day');
  const eventsPerUser = o.eventsPerUser ?? 120;
  if (!(eventsPerUser >= 0)) throw new RangeError('eventsPerUser must be >= 0');
  return {
    seed: o.seed >>> 0,
    users: int('users', o.users, 1),
    notes: int('notes', o.notes, 0),
    days,
    eventsPerUser,
    startTime,
    endTime: startTime + days * DAY_MS,
    wave,
    onProgress: o.onProgress ?? (() => {}),
  };
}
