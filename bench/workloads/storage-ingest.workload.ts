import { runExternal } from '../lib/external-bench.ts';
import type { Workload } from '../lib/workload.ts';

export const workload: Workload = {
  name: 'storage-ingest',
  description: 'Runs bench/storage-ingest.bench.ts: raw event-log append and replay speed per backend and batch size',
  run: (ctx) =>
    runExternal(ctx, {
      args: ['--import', 'tsx', '--conditions=notewave-source', 'bench/storage-ingest.bench.ts', `--events=${ctx.quick ? 20_000 : 200_000}`],
    }),
};
