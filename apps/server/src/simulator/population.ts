import { SeededRng, TAXONOMY, topCategory, type AgeBand, type Gender, type IncomeBand, type User } from '@notewave/engine';
import { LEAVES } from '@notewave/demo/content/index.ts';
import type { PopulationSpec, Scenario } from './scenario.ts';
import type { TasteState } from './user-model.ts';

/** Top-level category ids in taxonomy order: tastes are indexed by position here. */
export const TOP_IDS: readonly string[] = TAXONOMY.map((n) => n.id);
const TOP_INDEX = new Map(TOP_IDS.map((id, i) => [id, i]));
/** Leaf indices (into LEAVES) under each top-level category. */
const LEAVES_OF_TOP: readonly number[][] = TOP_IDS.map((top) => LEAVES.flatMap((l, i) => (topCategory(l) === top ? [i] : [])));

export const DAY_MS = 24 * 3600 * 1000;

/** One simulated account: who it is (the stored User) and the hidden state the user model reads and changes. */
export interface SimUser extends TasteState {
  readonly ix: number;
  readonly user: User;
  readonly pop: number;
  /** Day the account is created (negative: before the simulation starts). */
  readonly arrivalDay: number;
  /** Leaf weights behind searches and posts, in LEAVES order. */
  readonly leafWeights: Float64Array;
  readonly creator: boolean;
  /** Creator's skill: added to the quality of each note they post. */
  readonly skill: number;
  /** Minutes after midnight this user usually opens the app. */
  readonly habitMinute: number;
  satisfaction: number;
  left: boolean;
  lastActiveDay: number;
  /** Decayed views and engagements their notes received (creators). */
  exposure: number;
  engagement: number;
  readonly following: Set<number>;
}

/** Splits `total` accounts across populations by share (largest remainder), so the sizes add up exactly. */
export function populationSizes(shares: readonly number[], total: number): number[] {
  const raw = shares.map((s) => s * total);
  const sizes = raw.map(Math.floor);
  let left = total - sizes.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    sizes[i]!++;
  }
  return sizes;
}

/** Builds every account of a scenario, deterministic in `seed`; ordered by population, then index. */
export function buildPopulation(s: Scenario, seed: number, startTime: number): SimUser[] {
  const sizes = populationSizes(s.populations.map((p) => p.share), s.users);
  const out: SimUser[] = [];
  s.populations.forEach((p, pop) => {
    const rng = new SeededRng(mixSeed(seed, 101 + pop));
    for (let k = 0; k < sizes[pop]!; k++) out.push(buildUser(p, pop, out.length, rng, s.catalog.backlogDays, startTime));
  });
  return out;
}

function buildUser(p: PopulationSpec, pop: number, ix: number, rng: SeededRng, backlogDays: number, startTime: number): SimUser {
  const arrivalDay = p.arrival ? triangular(rng, p.arrival.fromDay, p.arrival.peakDay, p.arrival.toDay) : -1 - rng.int(backlogDays);
  const createdAt = startTime + arrivalDay * DAY_MS + rng.int(DAY_MS);
  const id = `u_sim${ix.toString(36).padStart(6, '0')}`;
  const user: User = {
    id,
    handle: `sim_${ix.toString(36)}`,
    displayName: `${p.name} ${ix}`,
    passwordHash: null,
    locale: p.writes === 'zh' ? 'zh-CN' : 'en-US',
    market: pickKey(rng, p.markets),
    signupSource: p.source,
    role: 'user',
    ageBand: pickBand<AgeBand>(rng, p.age),
    gender: pickBand<Gender>(rng, p.gender),
    incomeBand: pickBand<IncomeBand>(rng, p.income),
    createdAt,
  };
  const { tastes, leafWeights } = personalTastes(p, rng);
  const creator = rng.next() < p.behaviour.creatorShare;
  return {
    ix,
    user,
    pop,
    arrivalDay,
    tastes,
    leafWeights,
    tags: new Map(Object.entries(p.tastes.tags)),
    kinds: { ...p.tastes.kinds },
    languages: new Map(Object.entries(p.languages)),
    creator,
    skill: creator ? 0.3 * rng.normal() : 0,
    habitMinute: Math.floor(clamp(18 * 60 + 180 * rng.normal(), 6 * 60, 24 * 60 - 1)),
    satisfaction: 0.5,
    left: false,
    lastActiveDay: -1,
    exposure: 0,
    engagement: 0,
    following: new Set(),
  };
}

/**
 * A user's own tastes: the population's category weights with log-normal individual variation, spread over leaves
 * (a top-level weight is shared by its leaves, a leaf weight goes to that leaf), then top-level tastes scaled to max 1.
 */
function personalTastes(p: PopulationSpec, rng: SeededRng): { tastes: Float64Array; leafWeights: Float64Array } {
  const leafWeights = new Float64Array(LEAVES.length);
  for (const [cat, w] of Object.entries(p.tastes.categories)) {
    const jitter = Math.exp(0.5 * rng.normal());
    const top = TOP_INDEX.get(cat);
    if (top !== undefined) {
      const leaves = LEAVES_OF_TOP[top]!;
      for (const l of leaves) leafWeights[l]! += (w * jitter) / leaves.length;
    } else {
      const l = LEAVES.indexOf(cat);
      if (l >= 0) leafWeights[l]! += w * jitter;
    }
  }
  const tastes = new Float64Array(TOP_IDS.length);
  leafWeights.forEach((w, l) => (tastes[TOP_INDEX.get(topCategory(LEAVES[l]!))!]! += w));
  const max = Math.max(...tastes);
  if (max > 0) for (let c = 0; c < tastes.length; c++) tastes[c]! /= max;
  return { tastes, leafWeights };
}

/** A leaf index drawn by the user's leaf weights, leaning towards what their tastes have drifted to. */
export function pickLeaf(u: SimUser, rng: SeededRng): number {
  let total = 0;
  for (let l = 0; l < LEAVES.length; l++) total += u.leafWeights[l]! * (0.2 + (u.tastes[topIndexOfLeaf(l)] ?? 0));
  let r = rng.next() * total;
  for (let l = 0; l < LEAVES.length; l++) {
    r -= u.leafWeights[l]! * (0.2 + (u.tastes[topIndexOfLeaf(l)] ?? 0));
    if (r < 0) return l;
  }
  return LEAVES.length - 1;
}

const LEAF_TOP = LEAVES.map((l) => TOP_INDEX.get(topCategory(l))!);
export function topIndexOfLeaf(leaf: number): number {
  return LEAF_TOP[leaf]!;
}
export function topIndexOf(category: string): number {
  return TOP_INDEX.get(topCategory(category)) ?? TOP_INDEX.get('other')!;
}

function triangular(rng: SeededRng, a: number, c: number, b: number): number {
  if (a === b) return a;
  const u = rng.next();
  const f = (c - a) / (b - a);
  const x = u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
  return Math.min(b, Math.max(a, Math.round(x)));
}

function pickKey(rng: SeededRng, weights: Record<string, number>): string {
  const entries = Object.entries(weights);
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let r = rng.next() * total;
  for (const [k, w] of entries) {
    r -= w;
    if (r < 0) return k;
  }
  return entries[entries.length - 1]![0];
}

function pickBand<T extends string>(rng: SeededRng, weights: Partial<Record<T, number>>): T | null {
  const w = weights as Record<string, number>;
  return Object.values(w).some((x) => x > 0) ? (pickKey(rng, w) as T) : null;
}

export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/** Derives a stream seed from the run seed and a stream number (murmur3 finaliser). */
export function mixSeed(seed: number, stream: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x9e3779b9, 0x85ebca6b);
  h ^= stream;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
