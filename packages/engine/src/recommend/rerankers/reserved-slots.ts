import { EngineError } from '../../errors.ts';
import { retrievalOf, type RankedItem } from '../pipeline/candidate.ts';
import type { Params, Reranker } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';

interface SlotSpec {
  source: string;
  share: number;
  /** Which of the source's items fill the slots: the best ranked (default) or the highest retrieval the source gave. */
  order: 'rank' | 'retrieval';
}

/**
 * Guarantees a share of each page to given sources (traffic pools, trending, exploration) whatever
 * their scores: these exist to reach users the scorer would not pick them for. share × limit slots
 * (fractions rounded by the seeded rng) go to each source's best items (best ranked, or with
 * `order: 'retrieval'` those the source itself put first), spread evenly down the page, never
 * placed lower than they ranked on their own.
 */
export function reservedSlots(params: Params): Reranker {
  const slots = parseSlots(params.slots);
  return {
    name: 'reserved-slots',
    rerank(items: RankedItem[], ctx: FeedContext): RankedItem[] {
      const limit = Math.min(ctx.limit, items.length);
      const placed: (RankedItem | undefined)[] = new Array(limit);
      const used = new Set<RankedItem>();
      for (const slot of slots) {
        const exact = slot.share * ctx.limit;
        const n = Math.floor(exact) + (ctx.rng.next() < exact - Math.floor(exact) ? 1 : 0);
        const { picks, ranks } = slot.order === 'rank' ? firstRanked(items, used, slot.source, n) : mostRetrieved(items, used, slot.source, n);
        picks.forEach((it, j) => {
          const spread = Math.floor(((j + 0.5) * limit) / Math.max(1, n));
          let pos = Math.min(ranks[j] as number, spread, limit - 1);
          while (pos < limit && placed[pos]) pos++;
          if (pos >= limit) return;
          placed[pos] = it;
          used.add(it);
        });
      }
      // The page: reserved picks where they were placed, the other items in order around them; then the rest.
      const out: RankedItem[] = [];
      let r = 0;
      const next = (): RankedItem | undefined => {
        while (r < items.length && used.has(items[r] as RankedItem)) r++;
        return items[r++];
      };
      for (let i = 0; i < limit; i++) {
        const it = placed[i] ?? next();
        if (it) out.push(it);
      }
      for (let it = next(); it; it = next()) out.push(it);
      return out;
    },
  };
}

/** The source's first n unused items in page order, with their rank; the scan stops at the n-th. */
function firstRanked(items: RankedItem[], used: Set<RankedItem>, source: string, n: number): { picks: RankedItem[]; ranks: number[] } {
  const picks: RankedItem[] = [];
  const ranks: number[] = [];
  for (let i = 0; i < items.length && picks.length < n; i++) {
    const it = items[i] as RankedItem;
    if (!used.has(it) && it.sources.includes(source)) {
      picks.push(it);
      ranks.push(i);
    }
  }
  return { picks, ranks };
}

/** The source's n unused items of highest retrieval (page order among equals), in page order, with their rank. */
function mostRetrieved(items: RankedItem[], used: Set<RankedItem>, source: string, n: number): { picks: RankedItem[]; ranks: number[] } {
  const found: { rank: number; r: number }[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i] as RankedItem;
    const r = used.has(it) ? undefined : retrievalOf(it, source);
    if (r !== undefined) found.push({ rank: i, r });
  }
  const ranks = found.sort((a, b) => b.r - a.r || a.rank - b.rank).slice(0, n).map((f) => f.rank).sort((a, b) => a - b);
  return { picks: ranks.map((i) => items[i] as RankedItem), ranks };
}

function parseSlots(v: unknown): SlotSpec[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new EngineError('config_invalid', 'reserved-slots.slots must be an array');
  return v.map((s: unknown) => {
    const o = s as Partial<SlotSpec>;
    if (typeof o?.source !== 'string' || typeof o.share !== 'number' || o.share < 0 || o.share > 1) {
      throw new EngineError('config_invalid', 'each reserved slot needs a source name and a share in [0, 1]');
    }
    const order = o.order ?? 'rank';
    if (order !== 'rank' && order !== 'retrieval') throw new EngineError('config_invalid', `reserved slot order must be 'rank' or 'retrieval', not '${String(order)}'`);
    return { source: o.source, share: o.share, order };
  });
}
