import { loadCommunity, type LoadedCommunity } from './community.ts';
import type { BenchContext } from './workload.ts';

/** The in-process engine at the run's scale, loaded once and shared by the in-process workloads. */
export function loadedEngine(ctx: BenchContext): Promise<LoadedCommunity> {
  return ctx.shared.once('engine', async () => {
    ctx.log(`loading ${ctx.scale.notes.toLocaleString('en-US')} notes, ${ctx.scale.users.toLocaleString('en-US')} users, ~${ctx.scale.events.toLocaleString('en-US')} events into an in-process engine`);
    return loadCommunity(ctx.scale, ctx.seed);
  });
}
