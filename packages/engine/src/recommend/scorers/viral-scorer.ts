import type { RankedItem } from '../pipeline/candidate.ts';
import type { ComponentDeps, Params, Scorer } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam, numRecordParam } from '../pipeline/params.ts';
import { engagementQuality } from '../state/note-quality.ts';

/**
 * TikTok-style scoring: completion leads, calibrated by duration (a note's completion rate is
 * compared with the expected rate for videos of its length, so short clips do not win by being
 * short), then instant feedback (CES per impression), interest match, and fast skips subtracting.
 * Notes promoted through the traffic pools and trending ones get a lift.
 */
export function viralScorer(params: Params, deps: ComponentDeps): Scorer {
  const w = numRecordParam(params, 'weights', { completion: 0.4, engagement: 0.2, affinity: 0.2, retrieval: 0.1, skip: 0.3, promoted: 0.05 });
  const prior = numParam(params, 'completionPriorViews', 20, 0);
  const { counters } = deps.state;
  const { affinity } = deps;
  return {
    name: 'viral',
    score(items: RankedItem[], ctx: FeedContext): void {
      const aff = ctx.profile ? affinity.model(ctx.profile, ctx.now) : null;
      for (const it of items) {
        const ix = it.ix;
        const expected = counters.expectedCompletion(it.meta.durationSec);
        const views = counters.get('views', ix);
        const rate = (counters.get('completes', ix) + prior * expected) / (views + prior);
        const lift = rate / expected;
        const exposure = Math.max(counters.get('impressions', ix), views);
        // Negative feedback: fast skips, and "not interested" counted as several skips.
        const skipRate = (counters.get('skips', ix) + 3 * counters.get('notInterested', ix) + 1) / (exposure + 10);
        let retrieval = 0;
        const { sources, retrievals } = it;
        for (let i = 0; i < sources.length; i++) if (sources[i] !== 'exploration') retrieval = Math.max(retrieval, retrievals[i] as number);
        const stage = deps.state.traffic.stageOf(ix);
        it.score =
          w.completion * (lift / (lift + 1)) +
          w.engagement * engagementQuality(counters, ix, deps.state.cfg.quality) +
          w.affinity * (aff ? aff.score(it.meta) : 0) +
          w.retrieval * retrieval -
          w.skip * skipRate +
          w.promoted * Math.max(0, stage);
      }
    },
  };
}
