/**
 * The simulated user's decisions as plain functions of their state, so each piece can be checked by hand: how well an
 * item fits (match), which item of a page is picked, how much of it is read or watched, how a session's satisfaction
 * budget runs down, whether the user comes back tomorrow or leaves for good, and how tastes drift. The shape follows
 * the research simulators (RecSim's interest-evolution budget, KuaiSim's leave model) at a size a CLI can run.
 */

/** What a user sees of an item when deciding. */
export interface ItemFeatures {
  /** Index of the top-level category (see `TOP_IDS`). */
  top: number;
  kind: 'image' | 'video';
  language: string;
  tags: readonly string[];
  /** The note's intrinsic appeal, around 0. */
  quality: number;
}

/** What of a user the decisions read. Tastes are weights per top-level category (max 1). */
export interface TasteState {
  tastes: Float64Array;
  tags: ReadonlyMap<string, number>;
  kinds: { image: number; video: number };
  languages: ReadonlyMap<string, number>;
}

/** Weights of the utility an item has for a user; the defaults put a good fit around 0.75 and a poor one below 0.2. */
export const MATCH = { taste: 2.5, tag: 0.5, kind: 1.2, language: 2, center: 2 } as const;

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** Utility of an item for a user: category taste, tag bonus, kind and language preference, the item's quality. */
export function utility(u: TasteState, it: ItemFeatures): number {
  let tag = 0;
  for (const t of it.tags) tag = Math.max(tag, u.tags.get(t) ?? 0);
  const kindPref = it.kind === 'video' ? u.kinds.video : u.kinds.image;
  const readable = u.languages.get(it.language) ?? 0;
  return (
    MATCH.taste * (u.tastes[it.top] ?? 0) +
    MATCH.tag * Math.min(1, tag) +
    MATCH.kind * (2 * kindPref - 1) +
    MATCH.language * (readable - 1) +
    it.quality -
    MATCH.center
  );
}

/** How well an item fits, in (0, 1): the logistic of its utility. */
export function match(u: TasteState, it: ItemFeatures): number {
  return sigmoid(utility(u, it));
}

/**
 * Multinomial logit over a page's items plus an outside choice (keep scrolling / stop) of utility `outside`:
 * the probability of each item, then of the outside choice last. Sums to 1.
 */
export function choiceProbabilities(utilities: readonly number[], outside: number): number[] {
  const m = Math.max(outside, ...utilities);
  const ex = utilities.map((x) => Math.exp(x - m));
  const o = Math.exp(outside - m);
  const total = ex.reduce((s, x) => s + x, o);
  return [...ex.map((x) => x / total), o / total];
}

/** Probability a reader opens a card from a grid: the base rate scaled by fit (twice the base for a perfect fit). */
export function openProbability(base: number, m: number): number {
  return Math.min(0.95, 2 * base * m);
}

/** Portion of an item read or watched: completion drive times fit, plus noise `z` (standard normal). */
export function portionRead(completion: number, m: number, z: number): number {
  const p = completion * (0.3 + 1.2 * m) + 0.12 * z;
  return p < 0.02 ? 0.02 : p > 1 ? 1 : p;
}

/**
 * Satisfaction budget: a session starts with `sessionItems` units; each item costs one unit less its fit above a
 * fifth (a good item nearly pays for itself), never less than a quarter, so sessions that serve well last longer.
 */
export function itemCost(m: number): number {
  return Math.max(0.25, 1.2 - m);
}

/** Satisfaction kept across sessions: an exponential average with weight `memory` on the latest session. */
export function updateSatisfaction(previous: number, session: number, memory: number): number {
  return (1 - memory) * previous + memory * session;
}

export interface ReturnParams {
  returnBase: number;
  returnSatisfaction: number;
  leave: number;
}

/** Probability of coming back on a day: logistic in satisfaction against the outside option's pull. */
export function returnProbability(p: ReturnParams, satisfaction: number, pull: number): number {
  return sigmoid(p.returnBase + p.returnSatisfaction * satisfaction - pull);
}

/** Probability that a user who did not come back today leaves for good: `leave` times the chance of staying away. */
export function leaveProbability(p: ReturnParams, satisfaction: number, pull: number): number {
  return p.leave * (1 - returnProbability(p, satisfaction, pull));
}

/**
 * Tastes drift towards what is consumed: the consumed category gains `rate × portion × fit` (capped at 1) and every
 * other category loses a little of the same, so interests follow what a user keeps reading or watching.
 */
export function driftTastes(tastes: Float64Array, top: number, rate: number, portion: number, m: number): void {
  const gain = rate * portion * m;
  if (gain <= 0) return;
  for (let c = 0; c < tastes.length; c++) {
    const t = tastes[c]!;
    tastes[c] = c === top ? t + gain * (1 - t) : t * (1 - gain * 0.1);
  }
}

/**
 * A creator's posts per day: the base rate scaled by the response to what their recent notes received. No exposure
 * halves it; each doubling of views (per ten) and of engagements adds a quarter and a half; the factor stays in [0.2, 3].
 */
export function postRate(basePerDay: number, exposure: number, engagement: number): number {
  const f = 0.5 + 0.25 * Math.log2(1 + exposure / 10) + 0.5 * Math.log2(1 + engagement);
  return basePerDay * Math.min(3, Math.max(0.2, f));
}
