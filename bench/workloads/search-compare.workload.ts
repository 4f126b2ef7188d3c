import { runExternal } from '../lib/external-bench.ts';
import type { Workload } from '../lib/workload.ts';

export const workload: Workload = {
  name: 'search-compare',
  description: 'Runs bench/search.bench.ts: Notewave\'s search index against MiniSearch, Orama and FlexSearch, then a synthetic scale run',
  run: (ctx) =>
    runExternal(ctx, {
      args: ['--import', 'tsx', '--conditions=notewave-source', 'bench/search.bench.ts', ...(ctx.quick ? ['--quick', '--scale', String(ctx.scale.notes)] : ['--scale', String(ctx.scale.notes)])],
      resultFiles: ['bench/results/search.json'],
    }),
};
