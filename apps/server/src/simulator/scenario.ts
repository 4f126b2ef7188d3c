import { AGE_BANDS, GENDERS, INCOME_BANDS, SIGNUP_SOURCES, TAXONOMY, type AgeBand, type Gender, type IncomeBand, type RecommendConfigOverrides, type SignupSource } from '@notewave/engine';

/**
 * A simulation scenario: who uses the product, when they arrive, what they like, how they behave and what pulls
 * them away. Scenarios are JSON files (see `scenarios/` and the README's "Simulation" section); `parseScenario`
 * checks one and names every problem by its path, so a typo fails before anything runs.
 */
export interface Scenario {
  name: string;
  description: string;
  /** First simulated day, `YYYY-MM-DD` (UTC). */
  startDate: string;
  days: number;
  /** Total accounts across populations, split by each population's share. */
  users: number;
  /** Strategies compared by default: each run serves the populations without a fixed strategy with one of them. */
  strategies: string[];
  /** A day of note: the comparison summary measures each population's DAU against the day before it. */
  milestone: { day: number; label: string } | null;
  catalog: CatalogSpec;
  /** Extra pipelines (e.g. a blend of funnel and viral) merged into the engine's recommendation config. */
  recommend: RecommendConfigOverrides;
  /**
   * How a strategy's pages are shown: `grid` (cards, the reader picks what to open) or `swipe` (one item at a time,
   * each plays). Unlisted strategies: swipe when their pipeline serves videos only, else grid.
   */
  presentation: Record<string, 'grid' | 'swipe'>;
  populations: PopulationSpec[];
}

export interface CatalogSpec {
  /** Notes published before day 0, per account present at the start. */
  notesPerUser: number;
  /** How far back before day 0 that backlog reaches. */
  backlogDays: number;
}

export interface PopulationSpec {
  name: string;
  share: number;
  /** Market code → weight. */
  markets: Record<string, number>;
  source: SignupSource;
  /** Fixed strategy for this population, or null: served the strategy under comparison. */
  strategy: string | null;
  /** Null: present from the start; otherwise accounts are created between these days (triangular around `peakDay`). */
  arrival: { fromDay: number; toDay: number; peakDay: number } | null;
  age: Partial<Record<AgeBand, number>>;
  gender: Partial<Record<Gender, number>>;
  income: Partial<Record<IncomeBand, number>>;
  /** Note language → how readable it is for this population, 0..1. */
  languages: Record<string, number>;
  /** The language this population writes in. */
  writes: string;
  tastes: TasteSpec;
  behaviour: BehaviourSpec;
  /** Pull of the outside option (another app) by day: `pull` until the first change, then each change's value. */
  outside: { pull: number; changes: { day: number; pull: number }[] };
}

export interface TasteSpec {
  /** Top-level or leaf category id → weight. */
  categories: Record<string, number>;
  /** Tag → extra weight for notes carrying it. */
  tags: Record<string, number>;
  /** Preference for image and video notes, 0..1. */
  kinds: { image: number; video: number };
}

export interface BehaviourSpec {
  /** Feed items a session lasts on average when every item is neutral (the satisfaction budget). */
  sessionItems: number;
  /** Probability a session starts with a search. */
  search: number;
  /** `read`: open cards from a grid; `scroll`: every served item plays (swipe feed). */
  mode: 'read' | 'scroll';
  /** Base probability of opening a card (read mode). */
  open: number;
  /** How much of an item that fits is read or watched (0..1). */
  completion: number;
  like: number;
  save: number;
  comment: number;
  share: number;
  follow: number;
  /** Logistic return model: p = sigmoid(returnBase + returnSatisfaction * satisfaction - pull). */
  returnBase: number;
  returnSatisfaction: number;
  /** Probability that a day away becomes leaving for good, scaled by the probability of staying away. */
  leave: number;
  /** Weight of the latest session in the satisfaction average. */
  memory: number;
  /** How far consumed items pull tastes towards their category, per complete read. */
  drift: number;
  /** Share of the population who post, and their base posts per week. */
  creatorShare: number;
  postsPerWeek: number;
  /** Share of their posts that are videos. */
  videoShare: number;
}

export class ScenarioError extends Error {
  constructor(readonly problems: string[], name = 'scenario') {
    super(`${name} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

const TOP_CATEGORIES = new Set(TAXONOMY.map((n) => n.id));
const LEAF_CATEGORIES = new Set(TAXONOMY.flatMap((n) => n.children.map((c) => c.id)));
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MARKET = /^[A-Z]{2}$/;

type Raw = Record<string, unknown>;

/** Checks a parsed JSON scenario and fills defaults; throws a ScenarioError listing every problem found. */
export function parseScenario(raw: unknown, label = 'scenario'): Scenario {
  const v = new Checker();
  const root = v.object(raw, '');
  const out = {
    name: v.string(root.name, 'name'),
    description: v.optString(root.description, 'description') ?? '',
    startDate: v.date(root.startDate, 'startDate'),
    days: v.int(root.days, 'days', 1, 365),
    users: v.int(root.users, 'users', 1, 10_000_000),
    strategies: v.stringList(root.strategies ?? ['funnel', 'viral'], 'strategies'),
    milestone: null as Scenario['milestone'],
    catalog: { notesPerUser: 2, backlogDays: 30 },
    recommend: (root.recommend === undefined ? {} : v.object(root.recommend, 'recommend')) as RecommendConfigOverrides,
    presentation: {} as Record<string, 'grid' | 'swipe'>,
    populations: [] as PopulationSpec[],
  };
  if (root.milestone !== undefined) {
    const m = v.object(root.milestone, 'milestone');
    out.milestone = { day: v.int(m.day, 'milestone.day', 1, out.days - 1), label: v.optString(m.label, 'milestone.label') ?? 'milestone' };
  }
  for (const [name, how] of Object.entries(root.presentation === undefined ? {} : v.object(root.presentation, 'presentation'))) {
    if (how === 'grid' || how === 'swipe') out.presentation[name] = how;
    else v.fail(`presentation.${name} must be 'grid' or 'swipe', got ${JSON.stringify(how)}`);
  }
  if (root.catalog !== undefined) {
    const c = v.object(root.catalog, 'catalog');
    out.catalog = {
      notesPerUser: v.num(c.notesPerUser ?? 2, 'catalog.notesPerUser', 0, 1000),
      backlogDays: v.int(c.backlogDays ?? 30, 'catalog.backlogDays', 1, 3650),
    };
  }
  const pops = Array.isArray(root.populations) ? root.populations : (v.fail('populations must be a non-empty array'), []);
  if (Array.isArray(root.populations) && pops.length === 0) v.fail('populations must be a non-empty array');
  pops.forEach((p, i) => out.populations.push(parsePopulation(v, p, `populations[${i}]`, out.days)));
  const names = out.populations.map((p) => p.name);
  names.forEach((n, i) => names.indexOf(n) !== i && v.fail(`populations: name '${n}' is used twice`));
  const shares = out.populations.reduce((s, p) => s + p.share, 0);
  if (out.populations.length > 0 && Math.abs(shares - 1) > 1e-6) v.fail(`populations: shares must add up to 1, got ${round(shares)}`);
  if (out.populations.length > 0 && out.populations.every((p) => p.arrival !== null)) v.fail('populations: at least one population must be present from the start (no arrival)');
  if (v.problems.length > 0) throw new ScenarioError(v.problems, label);
  return out;
}

function parsePopulation(v: Checker, raw: unknown, at: string, days: number): PopulationSpec {
  const p = v.object(raw, at);
  const b = v.object(p.behaviour ?? {}, `${at}.behaviour`);
  const t = v.object(p.tastes, `${at}.tastes`);
  const o = v.object(p.outside ?? {}, `${at}.outside`);
  const num = (obj: Raw, key: string, def: number, min: number, max: number, path: string) => v.num(obj[key] ?? def, `${path}.${key}`, min, max);
  const bh = (key: string, def: number, min = 0, max = 1) => num(b, key, def, min, max, `${at}.behaviour`);
  let arrival: PopulationSpec['arrival'] = null;
  if (p.arrival !== undefined && p.arrival !== null) {
    const a = v.object(p.arrival, `${at}.arrival`);
    const fromDay = v.int(a.fromDay, `${at}.arrival.fromDay`, 0, days - 1);
    const toDay = v.int(a.toDay, `${at}.arrival.toDay`, 0, days - 1);
    const peakDay = v.int(a.peakDay ?? Math.floor((fromDay + toDay) / 2), `${at}.arrival.peakDay`, 0, days - 1);
    if (toDay < fromDay) v.fail(`${at}.arrival: toDay must not come before fromDay`);
    if (peakDay < fromDay || peakDay > toDay) v.fail(`${at}.arrival: peakDay must lie between fromDay and toDay`);
    arrival = { fromDay, toDay, peakDay };
  }
  const mode = b.mode ?? 'read';
  if (mode !== 'read' && mode !== 'scroll') v.fail(`${at}.behaviour.mode must be 'read' or 'scroll', got ${JSON.stringify(mode)}`);
  const source = p.source ?? 'organic';
  if (!(SIGNUP_SOURCES as readonly unknown[]).includes(source)) v.fail(`${at}.source must be one of ${SIGNUP_SOURCES.join(', ')}, got ${JSON.stringify(source)}`);
  const changes = Array.isArray(o.changes ?? []) ? (o.changes as unknown[] | undefined ?? []) : (v.fail(`${at}.outside.changes must be an array`), []);
  const kinds = v.object(t.kinds ?? { image: 0.5, video: 0.5 }, `${at}.tastes.kinds`);
  const categories = v.weights(t.categories, `${at}.tastes.categories`, (k) => TOP_CATEGORIES.has(k) || LEAF_CATEGORIES.has(k), 'a category id such as beauty or beauty/skincare');
  return {
    name: v.string(p.name, `${at}.name`),
    share: v.num(p.share, `${at}.share`, 0, 1),
    markets: v.weights(p.markets ?? { US: 1 }, `${at}.markets`, (k) => MARKET.test(k), 'a two-letter market code such as US'),
    source: source as SignupSource,
    strategy: p.strategy === undefined || p.strategy === null ? null : v.string(p.strategy, `${at}.strategy`),
    arrival,
    age: v.weights(p.age ?? {}, `${at}.age`, (k) => (AGE_BANDS as readonly string[]).includes(k), `one of ${AGE_BANDS.join(', ')}`, true),
    gender: v.weights(p.gender ?? {}, `${at}.gender`, (k) => (GENDERS as readonly string[]).includes(k), `one of ${GENDERS.join(', ')}`, true),
    income: v.weights(p.income ?? {}, `${at}.income`, (k) => (INCOME_BANDS as readonly string[]).includes(k), `one of ${INCOME_BANDS.join(', ')}`, true),
    languages: v.weights(p.languages ?? { en: 1 }, `${at}.languages`, (k) => /^[a-z]{2}$/.test(k), 'a two-letter language code such as en'),
    writes: v.optString(p.writes, `${at}.writes`) ?? 'en',
    tastes: {
      categories,
      tags: v.weights(t.tags ?? {}, `${at}.tastes.tags`, (k) => k.length > 0 && k.length <= 40, 'a tag of 1-40 characters', true),
      kinds: { image: num(kinds, 'image', 0.5, 0, 1, `${at}.tastes.kinds`), video: num(kinds, 'video', 0.5, 0, 1, `${at}.tastes.kinds`) },
    },
    behaviour: {
      sessionItems: bh('sessionItems', 30, 1, 1000),
      search: bh('search', 0.2),
      mode: mode as 'read' | 'scroll',
      open: bh('open', 0.3),
      completion: bh('completion', 0.6),
      like: bh('like', 0.05),
      save: bh('save', 0.03),
      comment: bh('comment', 0.01),
      share: bh('share', 0.01),
      follow: bh('follow', 0.01),
      returnBase: bh('returnBase', 0, -20, 20),
      returnSatisfaction: bh('returnSatisfaction', 3, 0, 50),
      leave: bh('leave', 0.1),
      memory: bh('memory', 0.3),
      drift: bh('drift', 0.02),
      creatorShare: bh('creatorShare', 0.1),
      postsPerWeek: bh('postsPerWeek', 2, 0, 100),
      videoShare: bh('videoShare', 0.3),
    },
    outside: {
      pull: num(o, 'pull', 0, -20, 20, `${at}.outside`),
      changes: changes.map((c, i) => {
        const cc = v.object(c, `${at}.outside.changes[${i}]`);
        return { day: v.int(cc.day, `${at}.outside.changes[${i}].day`, 0, days - 1), pull: v.num(cc.pull, `${at}.outside.changes[${i}].pull`, -20, 20) };
      }).sort((x, y) => x.day - y.day),
    },
  };
}

/** Collects problems instead of stopping at the first, and returns a harmless value for a bad field. */
class Checker {
  readonly problems: string[] = [];
  fail(message: string): void {
    this.problems.push(message);
  }
  object(x: unknown, at: string): Raw {
    if (typeof x === 'object' && x !== null && !Array.isArray(x)) return x as Raw;
    this.fail(`${at || 'the scenario'} must be an object`);
    return {};
  }
  string(x: unknown, at: string): string {
    if (typeof x === 'string' && x.trim().length > 0) return x;
    this.fail(`${at} must be a non-empty string`);
    return '';
  }
  optString(x: unknown, at: string): string | undefined {
    return x === undefined ? undefined : this.string(x, at);
  }
  date(x: unknown, at: string): string {
    if (typeof x === 'string' && DATE.test(x) && !Number.isNaN(Date.parse(`${x}T00:00:00Z`))) return x;
    this.fail(`${at} must be a date YYYY-MM-DD, got ${JSON.stringify(x)}`);
    return '2025-01-01';
  }
  num(x: unknown, at: string, min: number, max: number): number {
    if (typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max) return x;
    this.fail(`${at} must be a number between ${min} and ${max}, got ${JSON.stringify(x)}`);
    return min;
  }
  int(x: unknown, at: string, min: number, max: number): number {
    if (typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max) return x;
    this.fail(`${at} must be a whole number between ${min} and ${max}, got ${JSON.stringify(x)}`);
    return min;
  }
  stringList(x: unknown, at: string): string[] {
    if (Array.isArray(x) && x.length > 0 && x.every((s) => typeof s === 'string' && s.length > 0)) return x as string[];
    this.fail(`${at} must be a non-empty array of names`);
    return [];
  }
  /** A map of names to non-negative weights; unless `mayBeEmpty`, at least one weight must be positive. */
  weights(x: unknown, at: string, validKey: (k: string) => boolean, expected: string, mayBeEmpty = false): Record<string, number> {
    const o = this.object(x, at);
    const out: Record<string, number> = {};
    for (const [k, w] of Object.entries(o)) {
      if (!validKey(k)) this.fail(`${at}: '${k}' is not ${expected}`);
      else if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) this.fail(`${at}.${k} must be a non-negative number, got ${JSON.stringify(w)}`);
      else out[k] = w;
    }
    if (!mayBeEmpty && !Object.values(out).some((w) => w > 0)) this.fail(`${at} needs at least one positive weight`);
    return out;
  }
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** The outside option's pull for a population on a day. */
export function outsidePull(p: PopulationSpec, day: number): number {
  let pull = p.outside.pull;
  for (const c of p.outside.changes) if (c.day <= day) pull = c.pull;
  return pull;
}
