import { topK } from '../eval/top-k.ts';
import { decodeModel, encodeModel, requireArray } from './codec.ts';
import type { InteractionMatrix } from './interactions.ts';
import type { RecModel, ScoredItems } from './model.ts';

/**
 * Non-personalised baselines: every user gets the same item scores. `pop` counts interactions; `recent`
 * decays each interaction by its age relative to the newest event (half-life in the data's time unit),
 * the "trending now" list of a feed. Without timestamps `recent` equals `pop`.
 */
export class PopularityModel implements RecModel {
  constructor(readonly kind: string, readonly nUsers: number, readonly itemScores: Float32Array) {}

  get nItems(): number {
    return this.itemScores.length;
  }

  scoreItems(_userIx: number, out: Float32Array): void {
    out.set(this.itemScores);
  }

  scoreHistory(_itemIxs: ArrayLike<number>, _weights: ArrayLike<number> | undefined, out: Float32Array): void {
    out.set(this.itemScores);
  }

  /** No notion of similarity: the most popular other items. */
  similarItems(itemIx: number, k: number): ScoredItems {
    const s = Float32Array.from(this.itemScores);
    s[itemIx] = -Infinity;
    const items = topK(s, k);
    return { items, scores: Float32Array.from(items, (i) => s[i]!) };
  }

  serialize(): Uint8Array {
    return encodeModel(this.kind, { nUsers: this.nUsers }, { itemScores: this.itemScores });
  }

  static deserialize(bytes: Uint8Array): PopularityModel {
    const d = decodeModel(bytes);
    return new PopularityModel(d.kind, (d.meta as { nUsers: number }).nUsers, requireArray(d, 'itemScores', Float32Array));
  }
}

/** Interaction counts per item. */
export function trainPopularity(m: InteractionMatrix): PopularityModel {
  const s = new Float32Array(m.nItems);
  for (let i = 0; i < m.nItems; i++) s[i] = m.byItem.ptr[i + 1]! - m.byItem.ptr[i]!;
  return new PopularityModel('pop', m.nUsers, s);
}

/** Exponentially time-decayed counts; `halfLife` in the unit of the timestamps (seconds for most logs). */
export function trainRecency(m: InteractionMatrix, halfLife = 30 * 86400): PopularityModel {
  const times = m.userTimes;
  if (!times) return new PopularityModel('recent', m.nUsers, trainPopularity(m).itemScores);
  let newest = -Infinity;
  for (let e = 0; e < times.length; e++) newest = Math.max(newest, times[e]!);
  const s = new Float32Array(m.nItems);
  // Popularity breaks ties so items with equal decayed weight stay in a stable order.
  for (let e = 0; e < times.length; e++) s[m.byUser.idx[e]!]! += Math.pow(0.5, (newest - times[e]!) / halfLife) + 1e-6;
  return new PopularityModel('recent', m.nUsers, s);
}
