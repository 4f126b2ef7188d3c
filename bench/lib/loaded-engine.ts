import { loadCommunity, type LoadedCommunity, type LoadPhase } from './community.ts';
import { memorySnapshot, type MemorySnapshot } from './memory.ts';
import type { BenchContext } from './workload.ts';

export interface EngineAtScale extends LoadedCommunity {
  /** Memory before loading and after each phase, read after a full collection. */
  memory: { before: MemorySnapshot } & Record<LoadPhase, MemorySnapshot>;
}

/** The in-process engine at the run's scale, loaded once and shared by the in-process workloads. */
export function loadedEngine(ctx: BenchContext): Promise<EngineAtScale> {
  return ctx.shared.once('engine', async () => {
    ctx.log(`loading ${ctx.scale.notes.toLocaleString('en-US')} notes, ${ctx.scale.users.toLocaleString('en-US')} users, ~${ctx.scale.events.toLocaleString('en-US')} events into an in-process engine`);
    const memory = { before: memorySnapshot() } as EngineAtScale['memory'];
    const loaded = await loadCommunity(ctx.scale, ctx.seed, (phase) => void (memory[phase] = memorySnapshot()));
    return { ...loaded, memory };
  });
}
