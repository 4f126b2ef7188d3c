import type { EngineEvent } from '../domain/event.ts';

/** Metrics an experiment can be read out on; all are higher-is-better. */
export const EXPERIMENT_METRICS = [
  'ctr', 'complete_rate', 'saves_per_impression', 'comments_per_impression', 'shares_per_impression', 'follows_per_impression',
  'session_length', 'sessions_per_user', 'd1_retention', 'd7_retention', 'search_next_feed',
] as const;
export type ExperimentMetric = (typeof EXPERIMENT_METRICS)[number];

export const METRIC_DESCRIPTIONS: Readonly<Record<ExperimentMetric, string>> = {
  ctr: 'opens per impression shown',
  complete_rate: 'complete reads or watches per impression shown',
  saves_per_impression: 'saves per impression shown',
  comments_per_impression: 'comments per impression shown',
  shares_per_impression: 'shares per impression shown',
  follows_per_impression: 'follows of shown authors per impression shown',
  session_length: 'mean session length in minutes',
  sessions_per_user: 'sessions per exposed user',
  d1_retention: 'share of users active the day after their first exposure',
  d7_retention: 'share of users active on the seventh day after their first exposure',
  search_next_feed: 'share of users whose next feed followed a search',
};

/** One served feed page of an experiment: who saw it, in which variant, and what was on it. */
export interface Exposure {
  experimentId: string;
  experimentName: string;
  variant: string;
  /** Account id, or `device:<id>` for a guest. */
  unitId: string;
  /** The signed-in account, null for a guest. */
  userId: string | null;
  ts: number;
  surface: string;
  sessionId: string;
  recIds: string[];
  noteIds: string[];
}

/**
 * A unit's value of a metric as a ratio: `y / n` during the experiment, `x / m` in the pre-period before it (the
 * CUPED covariate). Mean metrics have n = 1; binary ones y ∈ {0, 1}.
 */
export interface UnitValue {
  y: number;
  n: number;
  x: number;
  m: number;
}

export interface MetricOptions {
  /** When the experiment started, and the end of the data (now, or when it stopped). */
  start: number;
  end: number;
  /** The surface the experiment serves: pre-period events are read from it. */
  surface: string;
  /** Days before the start whose behaviour is the CUPED covariate. */
  preDays: number;
  completePortion: number;
  sessionGapMs: number;
  /** A note's author, for follows of shown authors; null when unknown. */
  authorOf: (noteId: string) => string | null;
}

const DAY_MS = 86_400_000;

type Action = 'impression' | 'open' | 'complete' | 'save' | 'comment' | 'share' | 'follow';

/** What is accumulated per signed-in unit, during the experiment and in the pre-period. */
interface UnitAcc {
  variant: string;
  first: number;
  exposures: number[];
  recIds: Set<string>;
  noteIds: Set<string>;
  authors: Set<string>;
  counts: Record<Action, number>;
  pre: Record<Action, number>;
  /** Activity times (events and served pages) from the first exposure on, and in the pre-period. */
  activity: number[];
  preActivity: number[];
  searches: number[];
  preSearched: boolean;
}

export interface UnitMetrics {
  /** Exposed units per variant, guests included (what the sample-ratio check counts). */
  exposedUnits: Map<string, number>;
  /** Signed-in units per variant with their value of each metric. */
  values: Map<string, Map<ExperimentMetric, UnitValue[]>>;
}

function zeroCounts(): Record<Action, number> {
  return { impression: 0, open: 0, complete: 0, save: 0, comment: 0, share: 0, follow: 0 };
}

/**
 * Per-unit metric values from an experiment's exposures and the event log. Only what was shown counts: an event
 * is attributed when it carries the rec id of a served item, or (without one) names a served note (or follows a
 * served note's author) after it was first shown. A unit's variant is that of its first exposure.
 */
export function unitMetrics(exposures: readonly Exposure[], events: Iterable<EngineEvent>, opts: MetricOptions): UnitMetrics {
  const exposedUnits = new Map<string, number>();
  const units = new Map<string, UnitAcc>();
  const firstVariant = new Map<string, string>();
  const sorted = [...exposures].sort((a, b) => a.ts - b.ts);
  for (const x of sorted) {
    if (!firstVariant.has(x.unitId)) {
      firstVariant.set(x.unitId, x.variant);
      exposedUnits.set(x.variant, (exposedUnits.get(x.variant) ?? 0) + 1);
    }
    if (x.userId === null || x.ts >= opts.end) continue;
    let u = units.get(x.userId);
    if (u === undefined) {
      units.set(x.userId, (u = {
        variant: firstVariant.get(x.unitId) as string, first: x.ts, exposures: [], recIds: new Set(), noteIds: new Set(), authors: new Set(),
        counts: zeroCounts(), pre: zeroCounts(), activity: [], preActivity: [], searches: [], preSearched: false,
      }));
    }
    u.exposures.push(x.ts);
    u.activity.push(x.ts);
    for (const r of x.recIds) u.recIds.add(r);
    for (const id of x.noteIds) {
      u.noteIds.add(id);
      const a = opts.authorOf(id);
      if (a !== null) u.authors.add(a);
    }
  }
  const preStart = opts.start - opts.preDays * DAY_MS;
  for (const e of events) {
    const u = units.get(e.userId);
    if (u === undefined || e.ts >= opts.end) continue;
    const action = actionOf(e, opts.completePortion);
    if (e.ts >= preStart && e.ts < opts.start) {
      u.preActivity.push(e.ts);
      if (e.type === 'search') u.preSearched = true;
      if (action !== null && e.surface === opts.surface) u.pre[action]++;
      continue;
    }
    if (e.ts < u.first) continue;
    u.activity.push(e.ts);
    if (e.type === 'search') u.searches.push(e.ts);
    if (action !== null && attributed(e, u)) u.counts[action]++;
  }

  const values = new Map<string, Map<ExperimentMetric, UnitValue[]>>();
  for (const u of units.values()) {
    let byMetric = values.get(u.variant);
    if (byMetric === undefined) values.set(u.variant, (byMetric = new Map()));
    const row = metricRow(u, opts);
    for (const [m, v] of Object.entries(row) as [ExperimentMetric, UnitValue][]) {
      let list = byMetric.get(m);
      if (list === undefined) byMetric.set(m, (list = []));
      list.push(v);
    }
  }
  return { exposedUnits, values };
}

function actionOf(e: EngineEvent, completePortion: number): Action | null {
  switch (e.type) {
    case 'impression':
    case 'open':
    case 'save':
    case 'comment':
    case 'share':
    case 'follow':
      return e.type;
    case 'view':
      return e.portion >= completePortion ? 'complete' : null;
    default:
      return null;
  }
}

function attributed(e: EngineEvent, u: UnitAcc): boolean {
  if (e.recId !== undefined) return u.recIds.has(e.recId);
  if (e.type === 'follow') return u.authors.has(e.targetUserId);
  return 'noteId' in e && u.noteIds.has(e.noteId);
}

function metricRow(u: UnitAcc, opts: MetricOptions): Record<ExperimentMetric, UnitValue> {
  const c = u.counts;
  const p = u.pre;
  const per = (a: Action): UnitValue => ({ y: c[a], n: c.impression, x: p[a], m: p.impression });
  const during = sessions(u.activity, opts.sessionGapMs);
  const before = sessions(u.preActivity, opts.sessionGapMs);
  const minutes = 60_000;
  const firstDay = Math.floor(u.first / DAY_MS);
  const preDays = new Set(u.preActivity.map((t) => Math.floor(t / DAY_MS))).size;
  const preShare = opts.preDays > 0 ? preDays / opts.preDays : 0;
  const retained = (k: number): UnitValue => {
    // Only units whose day k has ended count, so a young experiment does not read as unretained.
    const eligible = (firstDay + k + 1) * DAY_MS <= opts.end;
    const day = firstDay + k;
    const active = eligible && u.activity.some((t) => Math.floor(t / DAY_MS) === day);
    return { y: active ? 1 : 0, n: eligible ? 1 : 0, x: eligible ? preShare : 0, m: eligible ? 1 : 0 };
  };
  return {
    ctr: per('open'),
    complete_rate: per('complete'),
    saves_per_impression: per('save'),
    comments_per_impression: per('comment'),
    shares_per_impression: per('share'),
    follows_per_impression: per('follow'),
    session_length: { y: during.ms / minutes, n: during.count, x: before.ms / minutes, m: before.count },
    sessions_per_user: { y: during.count, n: 1, x: before.count, m: 1 },
    d1_retention: retained(1),
    d7_retention: retained(7),
    search_next_feed: { y: searchLedFeed(u) ? 1 : 0, n: 1, x: u.preSearched ? 1 : 0, m: 1 },
  };
}

/** Whether some feed page after the first was served after a search made since the page before it. */
function searchLedFeed(u: UnitAcc): boolean {
  const xs = u.exposures;
  let s = 0;
  const searches = [...u.searches].sort((a, b) => a - b);
  for (let i = 1; i < xs.length; i++) {
    const from = xs[i - 1] as number;
    const to = xs[i] as number;
    while (s < searches.length && (searches[s] as number) < from) s++;
    if (s < searches.length && (searches[s] as number) <= to) return true;
  }
  return false;
}

/** Sessions in a list of activity times: a gap longer than `gapMs` starts a new one; length is last − first. */
export function sessions(times: readonly number[], gapMs: number): { count: number; ms: number } {
  if (times.length === 0) return { count: 0, ms: 0 };
  const t = [...times].sort((a, b) => a - b);
  let count = 1;
  let ms = 0;
  let start = t[0] as number;
  let last = start;
  for (let i = 1; i < t.length; i++) {
    const v = t[i] as number;
    if (v - last > gapMs) {
      ms += last - start;
      count++;
      start = v;
    }
    last = v;
  }
  return { count, ms: ms + (last - start) };
}
