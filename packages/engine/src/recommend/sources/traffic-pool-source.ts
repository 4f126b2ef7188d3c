import { NOTE_KINDS } from '../../domain/note.ts';
import type { Candidate } from '../pipeline/candidate.ts';
import type { CandidateSource, ComponentDeps, Params } from '../pipeline/components.ts';
import type { FeedContext } from '../pipeline/feed-context.ts';
import { numParam } from '../pipeline/params.ts';
import { creatorReason } from './creator-reason.ts';

/**
 * Notes in the staged traffic pools of the served kinds, proposed to anyone: reach does not depend
 * on followers. A stage is drawn with probability ∝ stageGrowth^stage × its size, then a note
 * uniformly within it, with the seeded rng; each request costs O(quota), whatever the pool sizes.
 *
 * Retrieval is the note's need for audience: highest for a note no one has seen yet in its stage,
 * falling with its distinct viewers (scaled by stageGrowth^stage, the larger stages' larger share).
 * Reserved slots ordered by retrieval thus hand the pool's places to the least-shown notes in
 * turn, so each note gets its stage's audience whatever its early score: a stage exists to measure
 * a note, and a note shown only while it scores well is never measured.
 */
export function trafficPoolSource(params: Params, deps: ComponentDeps): CandidateSource {
  const growth = numParam(params, 'stageGrowth', 2, 1);
  const pools = deps.state.traffic;
  return {
    name: 'traffic-pool',
    fetch(ctx: FeedContext, quota: number): Candidate[] {
      const lists: { list: readonly number[]; stage: number; weight: number }[] = [];
      for (const kind of ctx.kinds ?? NOTE_KINDS) {
        pools.stages(kind).forEach((list, stage) => {
          if (list.length > 0) lists.push({ list, stage, weight: list.length * Math.pow(growth, stage) });
        });
      }
      const total = lists.reduce((a, l) => a + l.weight, 0);
      const out = new Map<number, Candidate>();
      if (total === 0) return [];
      for (let tries = 0; tries < quota * 4 && out.size < quota; tries++) {
        let r = ctx.rng.next() * total;
        let i = 0;
        while (i < lists.length - 1 && r >= (lists[i] as { weight: number }).weight) r -= (lists[i++] as { weight: number }).weight;
        const { list, stage } = lists[i] as { list: readonly number[]; stage: number };
        const ix = list[ctx.rng.int(list.length)] as number;
        const m = out.has(ix) ? null : ctx.admissible(ix);
        if (!m) continue;
        const reason = stage > 0 ? { code: 'rising', text: 'rising: viewers are finishing it' } : creatorReason(m.authorId, deps);
        out.set(ix, { ix, retrieval: 0.5 + 0.5 / (1 + pools.impressionsOf(ix) / Math.pow(growth, stage)), reasons: [reason] });
      }
      return [...out.values()];
    },
  };
}
