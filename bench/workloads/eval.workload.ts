import { runExternal } from '../lib/external-bench.ts';
import type { Workload } from '../lib/workload.ts';

export const workload: Workload = {
  name: 'eval',
  description: 'Runs `notewave eval`: trains the recommendation models and reports Recall/NDCG, time and memory (MovieLens, the two fast models with --quick; otherwise every model on MovieLens, KuaiRec and the Gowalla split)',
  run: (ctx) => {
    const datasets = ctx.quick ? ['movielens'] : ['movielens', 'kuairec', 'gowalla'];
    return runExternal(ctx, {
      // iALS and GF-CF train for minutes on a shared 2-core machine: too slow for CI.
      args: ['--import', 'tsx', '--conditions=notewave-source', 'apps/server/src/cli/main.ts', 'eval', datasets.join(','), '--seed', '1', '--threads', '2', ...(ctx.quick ? ['--model', 'pop,itemknn'] : [])],
      resultFiles: datasets.map((d) => `bench/results/eval-${d}.json`),
    });
  },
};
