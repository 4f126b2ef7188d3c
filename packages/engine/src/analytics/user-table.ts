import type { DayCalendar } from './calendar.ts';

/**
 * Dimensions every analytics figure can be split by. `cohort` is the signup week (`2025-W03`-style label of
 * its Monday), `strategy` the feed strategy that first served the user, `variant` the experiment variant
 * (`experiment/variant`) that first served them; the rest come from the account.
 */
export const ANALYTICS_DIMENSIONS = ['all', 'market', 'source', 'ageBand', 'gender', 'incomeBand', 'segment', 'strategy', 'cohort', 'variant'] as const;
export type AnalyticsDimension = (typeof ANALYTICS_DIMENSIONS)[number];
export const UNKNOWN = 'unknown';

/** What analytics needs to know of an account: coarse attributes only, never names or handles. */
export interface AnalyticsUser {
  id: string;
  createdAt: number;
  market: string;
  signupSource: string;
  ageBand: string | null;
  gender: string | null;
  incomeBand: string | null;
  segment?: string | null;
}

const DIM_COUNT = ANALYTICS_DIMENSIONS.length;

/** Accounts by dense index, each attribute stored as a small code per dimension. */
export class UserTable {
  private readonly ixById = new Map<string, number>();
  private readonly dictionaries: { values: string[]; codes: Map<string, number> }[] = [];
  private codes: Uint16Array;
  private signupDays: Int32Array;
  private n = 0;

  constructor(private readonly calendar: DayCalendar) {
    for (let d = 0; d < DIM_COUNT; d++) this.dictionaries.push({ values: [], codes: new Map() });
    this.codes = new Uint16Array(1024 * DIM_COUNT);
    this.signupDays = new Int32Array(1024);
  }

  get size(): number {
    return this.n;
  }

  indexOf(id: string): number | undefined {
    return this.ixById.get(id);
  }

  /** Adds or updates an account; returns its index. */
  upsert(u: AnalyticsUser): number {
    let ix = this.ixById.get(u.id);
    if (ix === undefined) {
      ix = this.n++;
      this.ixById.set(u.id, ix);
      if (ix >= this.signupDays.length) this.grow();
      this.setCode(ix, 'strategy', UNKNOWN);
      this.setCode(ix, 'variant', UNKNOWN);
    }
    const day = this.calendar.dayOf(u.createdAt);
    this.signupDays[ix] = day;
    this.setCode(ix, 'all', 'all');
    this.setCode(ix, 'market', u.market || UNKNOWN);
    this.setCode(ix, 'source', u.signupSource || UNKNOWN);
    this.setCode(ix, 'ageBand', u.ageBand ?? UNKNOWN);
    this.setCode(ix, 'gender', u.gender ?? UNKNOWN);
    this.setCode(ix, 'incomeBand', u.incomeBand ?? UNKNOWN);
    this.setCode(ix, 'segment', u.segment ?? UNKNOWN);
    this.setCode(ix, 'cohort', weekLabel(this.calendar, this.calendar.weekOf(day)));
    return ix;
  }

  /** An account seen only through its events (created before analytics knew of it). */
  ensure(id: string, firstSeen: number): number {
    const ix = this.ixById.get(id);
    if (ix !== undefined) return ix;
    return this.upsert({ id, createdAt: firstSeen, market: UNKNOWN, signupSource: UNKNOWN, ageBand: null, gender: null, incomeBand: null });
  }

  setAttribute(ix: number, dim: AnalyticsDimension, value: string): void {
    this.setCode(ix, dim, value);
  }

  signupDay(ix: number): number {
    return this.signupDays[ix] as number;
  }

  code(ix: number, dimIx: number): number {
    return this.codes[ix * DIM_COUNT + dimIx] as number;
  }

  value(ix: number, dim: AnalyticsDimension): string {
    const d = dimIndex(dim);
    return this.dictionaries[d]!.values[this.code(ix, d)] as string;
  }

  /** The values a dimension has taken, by code. */
  values(dim: AnalyticsDimension): readonly string[] {
    return this.dictionaries[dimIndex(dim)]!.values;
  }

  codeOf(dim: AnalyticsDimension, value: string): number | undefined {
    return this.dictionaries[dimIndex(dim)]!.codes.get(value);
  }

  private setCode(ix: number, dim: AnalyticsDimension, value: string): void {
    const d = dimIndex(dim);
    const dict = this.dictionaries[d]!;
    let c = dict.codes.get(value);
    if (c === undefined) {
      c = dict.values.length;
      if (c > 0xffff) throw new RangeError(`too many distinct ${dim} values`);
      dict.values.push(value);
      dict.codes.set(value, c);
    }
    this.codes[ix * DIM_COUNT + d] = c;
  }

  private grow(): void {
    const days = new Int32Array(this.signupDays.length * 2);
    days.set(this.signupDays);
    this.signupDays = days;
    const codes = new Uint16Array(days.length * DIM_COUNT);
    codes.set(this.codes);
    this.codes = codes;
  }
}

export function dimIndex(dim: AnalyticsDimension): number {
  const i = ANALYTICS_DIMENSIONS.indexOf(dim);
  if (i < 0) throw new RangeError(`unknown dimension: ${dim}`);
  return i;
}

/** `YYYY-MM-DD` of the Monday starting a week: sorts and reads like a date. */
export function weekLabel(calendar: DayCalendar, week: number): string {
  return calendar.label(calendar.weekStart(week));
}

export const DIMENSION_COUNT = DIM_COUNT;
