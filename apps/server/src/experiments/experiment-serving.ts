import { assign, type Clock, type Engine, type Experiment, type ExperimentStore, type Exposure, type User } from '@notewave/engine';
import { variantPipeline } from './experiment-admin.ts';

/** How long a node serves from its copy of the live experiments before reading them again. */
export const DEFAULT_REFRESH_MS = 5_000;

/** The experiment arm a feed request is served by. */
export interface Arm {
  experiment: Experiment;
  variant: string;
  /** The pipeline to run: the variant's strategy, or its derived pipeline. */
  strategy: string;
  unitId: string;
  userId: string | null;
}

/**
 * Assignment on the feed path. Each node keeps the running and paused experiments read from storage for a few
 * seconds (a change made on another node is served everywhere within `refreshMs`; on this node at once) and
 * builds the pipelines of variants that override one. Assignment itself is a pure hash, so every node agrees.
 */
export class ExperimentServing {
  private live: Experiment[] = [];
  private readAt = -Infinity;
  private reading: Promise<void> | null = null;
  private readonly built = new Set<string>();

  constructor(
    private readonly store: ExperimentStore,
    private readonly engine: Engine,
    private readonly clock: Clock,
    private readonly refreshMs = DEFAULT_REFRESH_MS,
  ) {}


  /** The arm serving this viewer (or guest device) on a surface, or null when no running experiment takes them. */
  async arm(viewer: User | null, deviceId: string | undefined, surface: string): Promise<Arm | null> {
    if (!viewer && !deviceId) return null;
    const live = await this.current();
    if (live.length === 0) return null;
    const unitId = viewer ? viewer.id : `device:${deviceId}`;
    const got = assign(live, surface, {
      unitId,
      guest: viewer === null,
      market: viewer?.market ?? null,
      signupSource: viewer?.signupSource ?? null,
      segment: viewer ? this.segmentOf(viewer.id) : null,
      createdAt: viewer?.createdAt ?? null,
    });
    if (!got) return null;
    return { experiment: got.experiment, variant: got.variant.name, strategy: variantPipeline(got.experiment, got.variant), unitId, userId: viewer?.id ?? null };
  }

  /** Stores what a served page showed in its arm, and tells this node's analytics. */
  async recordExposure(arm: Arm, page: { sessionId: string; surface: string; items: { recId: string; noteId: string }[] }): Promise<void> {
    const x = exposureOf(arm, { ...page, ts: this.clock.now() });
    await this.store.recordExposures([x]);
    this.engine.applyExposure(x);
  }

  /** Forgets the copy so the next request reads storage (after a change made through this node). */
  invalidate(): void {
    this.readAt = -Infinity;
  }

  private async current(): Promise<Experiment[]> {
    if (this.clock.now() - this.readAt >= this.refreshMs) {
      this.reading ??= this.read().finally(() => {
        this.reading = null;
      });
      await this.reading;
    }
    return this.live;
  }

  private async read(): Promise<void> {
    const stored = await this.store.listLiveExperiments();
    const live: Experiment[] = [];
    const wanted = new Set<string>();
    const rec = this.engine.recommender;
    for (const e of stored) {
      try {
        for (const v of e.variants) {
          const name = variantPipeline(e, v);
          if (v.override && !this.built.has(name)) {
            rec.addPipeline(name, rec.derivePipeline(v.strategy, v.override));
            this.built.add(name);
          } else if (!v.override && !rec.strategies().includes(v.strategy)) {
            throw new Error(`unknown strategy '${v.strategy}'`);
          }
          if (v.override) wanted.add(name);
        }
        live.push(e);
      } catch {
        // Checked at creation, but this node's configuration may differ (another version): its users then get the
        // default feed here rather than an error, and are not exposed.
      }
    }
    for (const name of this.built) {
      if (wanted.has(name)) continue;
      rec.removePipeline(name);
      this.built.delete(name);
    }
    this.live = live;
    this.readAt = this.clock.now();
  }

  private segmentOf(userId: string): string | null {
    const users = this.engine.analytics.users;
    const ix = users.indexOf(userId);
    return ix === undefined ? null : users.value(ix, 'segment');
  }
}

/** A page served by an experiment's arm, as the exposure the readout counts. */
export function exposureOf(
  arm: Arm,
  page: { ts: number; sessionId: string; surface: string; items: readonly { recId: string; noteId: string }[] },
): Exposure {
  return {
    experimentId: arm.experiment.id, experimentName: arm.experiment.name, variant: arm.variant, unitId: arm.unitId, userId: arm.userId,
    ts: page.ts, surface: page.surface, sessionId: page.sessionId,
    recIds: page.items.map((i) => i.recId), noteIds: page.items.map((i) => i.noteId),
  };
}
