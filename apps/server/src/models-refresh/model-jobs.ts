import type { Clock, Engine, Storage } from '@notewave/engine';
import type { Config } from '../config.ts';
import { createBackgroundPool } from '../jobs/train-model.ts';
import type { Job, JobLog } from '../jobs/runner.ts';
import { EventInteractions } from './event-interactions.ts';
import { readHead, refreshModel, SERVED_MODEL_HEAD } from './model-refresh.ts';
import { ModelThread, ThreadedModelLoader, type RefreshSummary } from './model-thread.ts';
import { attachServedModel, ServedModelLoader, type ModelLoader } from './served-model.ts';

/**
 * Runs between full re-reads of the event log. In between, a run reads only events after the previous one;
 * the occasional full read picks up anything a lagging writer committed under an already-read sequence number.
 */
export const FULL_READ_EVERY = 24;

/**
 * How often serving nodes look for a newer stored model (one tiny read), and the training job checks if one is due.
 * On a shared database a stored model also reaches every node through the change log, at once; the poll is the fallback.
 */
export const MODEL_POLL_MS = 60_000;

export interface ModelJobsDeps {
  config: Config;
  storage: Storage;
  engine: Engine;
  clock: Clock;
  log: JobLog;
  /**
   * The node's database URL when another thread can open it (a SQLite file, PostgreSQL): a serving node then reads
   * the log, trains, stores and reads back models on a worker thread of its own, and its main thread only attaches
   * them. Null or absent: all of that runs on the calling thread (training itself still on a worker thread).
   */
  databaseUrl?: string | null;
}

/**
 * The model's life on one node. Nodes serving the feed (`all`, `api`) load the newest stored model at
 * start-up and poll for newer ones; nodes running jobs (`all`, `worker`) retrain from the event log when
 * the stored model is older than NOTEWAVE_MODEL_REFRESH, of another kind, or missing. In `all` the trained
 * model is attached in-process; training runs on worker threads only in `worker`, where nothing else
 * competes for the cores.
 */
export class ModelJobs {
  readonly loader: ModelLoader;
  /** The model thread, once started; null while none is wanted or needed yet. */
  private thread: Promise<ModelThread> | null = null;
  private readonly threadUrl: string | null;
  /** When this node last started a training run, stored or not. */
  private lastAttemptAt = -Infinity;
  private accumulator: EventInteractions | null = null;
  private runs = 0;
  /** The load running now: the change log and the poll may both ask at once, and one load serves both. */
  private loading: Promise<void> | null = null;

  constructor(private readonly deps: ModelJobsDeps) {
    const url = deps.databaseUrl;
    // A node serving requests keeps model work off its main thread whenever another thread can open its database.
    this.threadUrl = url && url !== 'sqlite::memory:' && deps.config.role !== 'worker' ? url : null;
    this.loader = this.threadUrl
      ? new ThreadedModelLoader(deps.storage, { start: () => this.modelThread(), running: () => this.thread }, deps.engine)
      : new ServedModelLoader(deps.storage, deps.engine);
  }

  /** Starts the model thread on first use: a node with no model to load and none to train never starts one. */
  private modelThread(idle = false): Promise<ModelThread> {
    this.thread ??= ModelThread.open(this.threadUrl!, { idle }).catch((err: unknown) => {
      this.thread = null;
      throw err;
    });
    return this.thread;
  }

  /** Whether the model thread has been started. */
  get threadStarted(): boolean {
    return this.thread !== null;
  }

  private get serves(): boolean {
    return this.deps.config.role !== 'worker';
  }

  private get trains(): boolean {
    return this.deps.config.role !== 'api' && this.deps.config.modelRefreshMs > 0;
  }

  /** Whether models are read, trained and stored on this node's model thread. */
  get threaded(): boolean {
    return this.threadUrl !== null;
  }

  /**
   * Attaches the stored model, if any, before the node starts serving. A broken model is logged, not fatal.
   */
  async loadAtStart(): Promise<void> {
    if (!this.serves) return;
    // A serving node that trains uses its model thread within a minute of starting: start it now, before requests
    // arrive. Starting a thread is not free for the serving thread once it holds gigabytes (run from TypeScript
    // sources, each thread spawns the loader's compiler, and forking a process that size stops all its threads for
    // tens of milliseconds); done here, that cost is part of start-up rather than a stall of the first refresh.
    if (this.threadUrl && this.trains) {
      await this.modelThread(true).catch((err: unknown) => this.deps.log.error({ err }, 'the model thread did not start; the next run tries again'));
    }
    try {
      await this.loadNewer();
    } catch (err) {
      this.deps.log.error({ err }, 'stored model could not be loaded; the feed runs without it');
    }
  }

  /** Attaches the newest stored model if it is newer than the one served (one load at a time). */
  loadNewer(): Promise<void> {
    this.loading ??= this.loader
      .refresh()
      .then((attached) => {
        if (attached) this.deps.log.info({ version: this.loader.version, kind: this.loader.kind }, 'model attached');
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  /** The change log says these models were stored (on any node): a serving node loads the served model's new version. */
  onStored(names: readonly string[]): void {
    if (!this.serves || !names.includes(SERVED_MODEL_HEAD)) return;
    this.loadNewer().catch((err: unknown) => this.deps.log.error({ err }, 'a newly stored model could not be loaded; the next poll tries again'));
  }

  jobs(): Job[] {
    const out: Job[] = [];
    if (this.serves) {
      out.push({ name: 'model-load', everyMs: MODEL_POLL_MS, run: () => this.loadNewer() });
    }
    if (this.trains) {
      // Checked often but trained only when due, so a fresh node trains within a minute and a restart does not retrain.
      out.push({ name: 'model-refresh', everyMs: Math.min(MODEL_POLL_MS, this.deps.config.modelRefreshMs), run: (signal) => this.refreshIfDue(signal) });
    }
    return out;
  }

  /** Whether the stored model should be replaced now. */
  async due(): Promise<boolean> {
    const { config, storage, clock } = this.deps;
    // A run that stored nothing (too few interactions) or failed is not repeated every minute: each reads the whole log.
    if (clock.now() - this.lastAttemptAt < config.modelRefreshMs) return false;
    const head = await readHead(storage);
    if (!head || head.kind !== config.model) return true;
    if (clock.now() - head.trainedAt < config.modelRefreshMs) return false;
    return (await storage.events.lastSeq()) > head.lastSeq;
  }

  async refreshIfDue(signal?: AbortSignal): Promise<void> {
    if (!(await this.due())) return;
    await this.refreshNow(signal);
  }

  /** Trains, stores and (on serving nodes) attaches one model. */
  async refreshNow(signal?: AbortSignal): Promise<void> {
    if (this.threadUrl) return this.refreshOnThread(await this.modelThread(), signal);
    const { config, storage, engine, clock, log } = this.deps;
    // A worker node may use both cores; a serving node trains on one worker thread so requests keep the main thread.
    const pool = createBackgroundPool(config.role === 'worker' ? 2 : 1);
    const started = (this.lastAttemptAt = clock.now());
    if (this.runs++ % FULL_READ_EVERY === 0 || !this.accumulator) {
      this.accumulator = new EventInteractions(engine.recommender.config.profile.completePortion);
    }
    try {
      const r = await refreshModel(storage, {
        model: config.model, seed: config.seed ?? 1, minInteractions: config.modelMinInteractions, now: () => clock.now(), pool,
        accumulator: this.accumulator,
        ...(signal ? { signal } : {}),
      });
      if (!r.stored) {
        log.info({ model: config.model, events: r.events }, `model not trained: ${r.reason}`);
        return;
      }
      if (this.serves) {
        attachServedModel(engine, r.model, r.meta);
        this.loader.attached(r.version, r.meta.kind);
      }
      log.info({
        model: config.model, version: r.version, users: r.meta.userIds.length, notes: r.meta.noteIds.length,
        interactions: r.meta.interactions, events: r.events, ms: clock.now() - started,
      }, 'model trained and stored');
    } catch (err) {
      // Shutdown stops a run between pages of the log; that is not a failure worth reporting.
      if (signal?.aborted) return;
      throw err;
    } finally {
      await pool.close();
    }
  }

  /** The whole run on the model thread; the main thread then attaches what it stored (handed over in shared memory, ids already indexed). */
  private async refreshOnThread(thread: ModelThread, signal?: AbortSignal): Promise<void> {
    const { config, engine, clock, log } = this.deps;
    const started = (this.lastAttemptAt = clock.now());
    const run = thread.refresh({
      model: config.model, seed: config.seed ?? 1, minInteractions: config.modelMinInteractions,
      completePortion: engine.recommender.config.profile.completePortion, fullRead: this.runs++ % FULL_READ_EVERY === 0, now: started,
    });
    // Shutdown does not wait for a run in progress: closing the thread stops it, and nodes keep following the last head.
    const stopped = new Promise<null>((resolve) => signal?.addEventListener('abort', () => resolve(null), { once: true }));
    let r: RefreshSummary | null;
    try {
      r = await Promise.race([run, stopped]);
    } catch (err) {
      if (signal?.aborted) return;
      throw err;
    }
    if (!r) return;
    if (!r.stored) {
      log.info({ model: config.model, events: r.events }, `model not trained: ${r.reason}`);
      return;
    }
    await this.loader.refresh();
    log.info({
      model: config.model, version: r.version, users: r.users, notes: r.notes, interactions: r.interactions, events: r.events,
      ms: clock.now() - started, thread: true,
    }, 'model trained and stored');
  }

  /** Stops the model thread, if any (after the job runner stopped). */
  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = null;
    if (thread) await (await thread.catch(() => null))?.close();
  }
}
