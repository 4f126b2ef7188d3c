import type { Table } from './table.ts';
import type { Scale } from './scale.ts';
import type { SharedState } from './shared-state.ts';

/** A target from the product brief, reported next to what was measured; never asserted. */
export interface TargetCheck {
  metric: string;
  target: string;
  measured: string;
  met: boolean | null;
}

export interface WorkloadResult {
  tables: Table[];
  /** Flat figures for the JSON file (machine-readable; units in the key name). */
  metrics: Record<string, number>;
  targets?: TargetCheck[];
  notes?: string[];
  /** A wrapped benchmark's own printed report, shown verbatim. */
  text?: string;
  /** Result files a wrapped benchmark wrote, by path. */
  attached?: Record<string, unknown>;
}

export interface BenchContext {
  quick: boolean;
  scale: Scale;
  /** The scales memory and start-up measure, smallest first, ending with `scale` (`--ladder`). */
  ladder: readonly Scale[];
  seed: number;
  /** Repository root. */
  root: string;
  /** Where seeded databases are cached between runs. */
  cacheDir: string;
  /** Expensive state (the loaded engine, seeded databases) shared by the workloads of one run. */
  shared: SharedState;
  log(message: string): void;
}

export interface Workload {
  name: string;
  description: string;
  run(ctx: BenchContext): Promise<WorkloadResult>;
}

export function target(metric: string, targetText: string, measured: string, met: boolean | null): TargetCheck {
  return { metric, target: targetText, measured, met };
}
