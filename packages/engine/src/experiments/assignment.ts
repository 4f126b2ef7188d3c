import { EngineError } from '../errors.ts';
import type { Experiment, ExperimentVariant, LayerRange } from './experiment.ts';
import { BUCKETS, bucketOf } from './hash.ts';

/** What assignment knows of the one being served: a signed-in account, or a guest's device. */
export interface AssignmentUnit {
  /** The account id, or `device:<id>` for a guest. */
  unitId: string;
  guest: boolean;
  market?: string | null;
  signupSource?: string | null;
  segment?: string | null;
  /** Account creation time, for `newUsersOnly`. */
  createdAt?: number | null;
}

export interface Assignment {
  experiment: Experiment;
  variant: ExperimentVariant;
}

/** The layer bucket a unit falls in: the same for every experiment of the layer, so their ranges partition units. */
export function layerBucket(unitId: string, layer: string): number {
  return bucketOf(unitId, `layer:${layer}`);
}

/** The variant a unit gets in an experiment, by weight; deterministic in (unit, salt). */
export function variantOf(exp: Pick<Experiment, 'salt' | 'variants'>, unitId: string): ExperimentVariant {
  const total = exp.variants.reduce((s, v) => s + v.weight, 0);
  const b = bucketOf(unitId, `variant:${exp.salt}`);
  let upTo = 0;
  for (const v of exp.variants) {
    upTo += (v.weight / total) * BUCKETS;
    if (b < upTo) return v;
  }
  return exp.variants[exp.variants.length - 1] as ExperimentVariant;
}

/** Whether a unit meets an experiment's targeting (guests only meet experiments that target nobody in particular). */
export function isTargeted(exp: Experiment, u: AssignmentUnit): boolean {
  const t = exp.targeting;
  const restricted = !!(t.markets?.length || t.signupSources?.length || t.segments?.length || t.newUsersOnly);
  if (!restricted) return true;
  if (u.guest) return false;
  if (t.markets?.length && !t.markets.includes(u.market ?? '')) return false;
  if (t.signupSources?.length && !t.signupSources.includes(u.signupSource ?? '')) return false;
  if (t.segments?.length && !t.segments.includes(u.segment ?? '')) return false;
  if (t.newUsersOnly && !(exp.startedAt !== null && (u.createdAt ?? -Infinity) >= exp.startedAt)) return false;
  return true;
}

/**
 * The running experiment (and variant) serving a unit on a surface, or null. Within a layer a unit's bucket lies
 * in at most one experiment's range, so it is never in two experiments of one layer; should experiments of several
 * layers change the same surface, the earliest started serves.
 */
export function assign(experiments: readonly Experiment[], surface: string, unit: AssignmentUnit): Assignment | null {
  let best: Experiment | null = null;
  const buckets = new Map<string, number>();
  for (const e of experiments) {
    if (e.status !== 'running' || e.surface !== surface || e.layerRange === null) continue;
    let b = buckets.get(e.layer);
    if (b === undefined) buckets.set(e.layer, (b = layerBucket(unit.unitId, e.layer)));
    if (b < e.layerRange.start || b >= e.layerRange.end) continue;
    if (!isTargeted(e, unit)) continue;
    if (best === null || (e.startedAt ?? 0) < (best.startedAt ?? 0) || ((e.startedAt ?? 0) === (best.startedAt ?? 0) && e.id < best.id)) best = e;
  }
  return best === null ? null : { experiment: best, variant: variantOf(best, unit.unitId) };
}

/**
 * The first free range of `share` of a layer's buckets, given the ranges other live experiments of the layer hold.
 * Ranges are stored with the experiment when it starts, so later starts and stops never move a unit.
 */
export function allocateLayerRange(taken: readonly LayerRange[], share: number): LayerRange {
  const size = Math.max(1, Math.round(share * BUCKETS));
  const sorted = [...taken].sort((a, b) => a.start - b.start);
  let at = 0;
  for (const r of sorted) {
    if (r.start - at >= size) break;
    at = Math.max(at, r.end);
  }
  if (at + size > BUCKETS) {
    const free = freeBuckets(sorted);
    throw new EngineError('conflict', `the layer has no free range of ${(size / BUCKETS) * 100}% of its traffic (largest free range ${(free / BUCKETS) * 100}%)`);
  }
  return { start: at, end: at + size };
}

function freeBuckets(sorted: readonly LayerRange[]): number {
  let at = 0;
  let best = 0;
  for (const r of sorted) {
    best = Math.max(best, r.start - at);
    at = Math.max(at, r.end);
  }
  return Math.max(best, BUCKETS - at);
}
