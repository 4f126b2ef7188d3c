import { EngineError } from '../../errors.ts';
import type { RankedItem } from '../pipeline/candidate.ts';
import type { ComponentDeps, Params, Reranker } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';

/**
 * Caps the page's share of items that are there only for being new: every source that proposed
 * them is one of `sources` (fresh notes, first-stage traffic pools), and no ranked source wanted
 * them for the user. A user with no history otherwise gets a page that is mostly whatever was
 * posted last, ahead of what the community already liked. Items over the cap move below the page,
 * in order; new posts still reach their first audience through the pools' reserved slots (which
 * count towards the cap) and through later pages. Notes promoted past the first stage are there
 * for how they did, not for being new.
 */
export function noveltyCap(params: Params, deps: ComponentDeps): Reranker {
  const share = numParam(params, 'share', 0.2, 0, 1);
  const sources = parseSources(params.sources);
  const pools = deps.state.traffic;
  const onlyNew = (it: RankedItem): boolean => {
    for (const s of it.sources) if (s !== 'exploration' && !sources.has(s)) return false;
    return it.sources.some((s) => sources.has(s)) && pools.stageOf(it.ix) <= 0;
  };
  return {
    name: 'novelty-cap',
    rerank(items: RankedItem[], ctx: FeedContext): RankedItem[] {
      const limit = Math.min(ctx.limit, items.length);
      const exact = share * ctx.limit;
      let budget = Math.floor(exact) + (ctx.rng.next() < exact - Math.floor(exact) ? 1 : 0);
      const page: RankedItem[] = [];
      const over: RankedItem[] = [];
      let i = 0;
      for (; i < items.length && page.length < limit; i++) {
        const it = items[i] as RankedItem;
        if (!onlyNew(it)) page.push(it);
        else if (budget > 0) {
          budget--;
          page.push(it);
        } else over.push(it);
      }
      return [...page, ...over, ...items.slice(i)];
    },
  };
}

function parseSources(v: unknown): ReadonlySet<string> {
  if (v === undefined) return new Set(['fresh', 'traffic-pool']);
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new EngineError('config_invalid', 'novelty-cap.sources must be an array of source names');
  return new Set(v as string[]);
}
