import { runExternal } from '../lib/external-bench.ts';
import type { Workload } from '../lib/workload.ts';

export const workload: Workload = {
  name: 'eval',
  description: 'Runs `notewave eval`: trains the recommendation models and reports Recall/NDCG, time and memory (MovieLens; KuaiRec too when not --quick)',
  run: (ctx) => {
    const datasets = ctx.quick ? ['movielens'] : ['movielens', 'kuairec'];
    return runExternal(ctx, {
      args: ['bin/notewave.mjs', 'eval', datasets.join(','), '--seed', '1', '--threads', '2'],
      resultFiles: datasets.map((d) => `bench/results/eval-${d}.json`),
    });
  },
};
