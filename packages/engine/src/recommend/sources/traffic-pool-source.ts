import type { Candidate } from '../pipeline/candidate.ts';
import type { CandidateSource, ComponentDeps, Params } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';
import { creatorReason } from './creator-reason.ts';

/**
 * Notes in the staged traffic pools, proposed to anyone: reach does not depend on followers. A
 * stage is drawn with probability ∝ its weight × its size, then a note uniformly within it, with
 * the seeded rng; each request costs O(quota), whatever the pool sizes.
 */
export function trafficPoolSource(params: Params, deps: ComponentDeps): CandidateSource {
  const growth = numParam(params, 'stageGrowth', 2, 1);
  const pools = deps.state.traffic;
  return {
    name: 'traffic-pool',
    fetch(ctx: FeedContext, quota: number): Candidate[] {
      const weights = pools.active.map((l, s) => l.length * Math.pow(growth, s));
      const total = weights.reduce((a, b) => a + b, 0);
      const out = new Map<number, Candidate>();
      if (total === 0) return [];
      for (let tries = 0; tries < quota * 4 && out.size < quota; tries++) {
        let r = ctx.rng.next() * total;
        let s = 0;
        while (s < weights.length - 1 && r >= (weights[s] as number)) r -= weights[s++] as number;
        const list = pools.active[s] as number[];
        if (list.length === 0) continue;
        const ix = list[ctx.rng.int(list.length)] as number;
        const m = out.has(ix) ? null : ctx.admissible(ix);
        if (!m) continue;
        const reason = s > 0 ? { code: 'rising', text: 'rising: viewers are finishing it' } : creatorReason(m.authorId, deps);
        out.set(ix, { ix, retrieval: 0.5 + 0.5 * (s / pools.cfg.stages.length), reasons: [reason] });
      }
      return [...out.values()];
    },
  };
}
