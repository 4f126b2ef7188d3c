import { EngineError, type Experiment, type User } from '@notewave/engine';
import type { ExperimentInput, ExperimentList, ExperimentReadout, ExperimentView } from '@notewave/api-client';
import type { ExperimentAdmin } from '../experiments/experiment-admin.ts';
import type { ExperimentServing } from '../experiments/experiment-serving.ts';
import { requireOperator } from './operators.ts';

/** Operators define, run and read out experiments; everyone else is refused. */
export class ExperimentsService {
  constructor(private readonly admin: ExperimentAdmin, private readonly serving: ExperimentServing) {}

  async create(viewer: User | null, input: ExperimentInput): Promise<ExperimentView> {
    const op = requireExperimentViewer(viewer);
    return view(await this.admin.create(input, op.id));
  }

  async list(viewer: User | null): Promise<ExperimentList> {
    requireExperimentViewer(viewer);
    return { items: (await this.admin.list()).map(view) };
  }

  async get(viewer: User | null, name: string): Promise<ExperimentView> {
    requireExperimentViewer(viewer);
    return view(await this.admin.get(name));
  }

  async change(viewer: User | null, name: string, verb: 'start' | 'pause' | 'stop'): Promise<ExperimentView> {
    requireExperimentViewer(viewer);
    const e = await this.admin[verb](name);
    this.serving.invalidate();
    return view(e);
  }

  async readout(viewer: User | null, name: string): Promise<ExperimentReadout> {
    requireExperimentViewer(viewer);
    return (await this.admin.readout(name)) as ExperimentReadout;
  }
}

function requireExperimentViewer(viewer: User | null): User {
  if (!viewer) throw new EngineError('unauthenticated', 'sign in as an operator');
  return requireOperator(viewer);
}

function view(e: Experiment): ExperimentView {
  return e as ExperimentView;
}
