import type { Candidate } from '../pipeline/candidate.ts';
import type { CandidateSource, ComponentDeps, Params } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';

/**
 * A small uniformly random slice of the catalog, flagged `exploration` so its impressions can serve
 * as unbiased (known-propensity) logs for offline evaluation, and so profiles can widen. Sampling
 * random indices costs O(quota), not a scan.
 */
export function explorationSource(params: Params, deps: ComponentDeps): CandidateSource {
  const attempts = numParam(params, 'attemptsFactor', 8, 1);
  return {
    name: 'exploration',
    fetch(ctx: FeedContext, quota: number): Candidate[] {
      const n = deps.catalog.size;
      const out = new Map<number, Candidate>();
      for (let i = 0; i < quota * attempts && out.size < quota && n > 0; i++) {
        const ix = ctx.rng.int(n);
        if (out.has(ix) || !ctx.admissible(ix)) continue;
        out.set(ix, { ix, retrieval: 0, reasons: [{ code: 'explore', text: 'exploring' }], exploration: true });
      }
      return [...out.values()];
    },
  };
}
