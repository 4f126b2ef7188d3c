import { runExternal } from '../lib/external-bench.ts';
import { eventsPerUser } from '../lib/scale.ts';
import type { Workload } from '../lib/workload.ts';

export const workload: Workload = {
  name: 'generate',
  description: 'Runs bench/generate.bench.ts: demo community generation speed and streaming memory at the run\'s scale',
  run: (ctx) =>
    runExternal(ctx, {
      args: ['--import', 'tsx', '--conditions=notewave-source', 'bench/generate.bench.ts', `--users=${ctx.scale.users}`, `--notes=${ctx.scale.notes}`, `--events-per-user=${Math.round(eventsPerUser(ctx.scale))}`],
    }),
};
