import { setTimeout as delay } from 'node:timers/promises';
import { deserializeModel, recModelCandidates, type Engine, type ModelIndexMap, type Storage } from '@notewave/engine';
import { siblingModule, WorkerPool } from '../jobs/worker-pool.ts';
import { readHead, SERVED_MODEL, type ServedModelMeta } from './model-refresh.ts';
import { PackedIdIndex, type PackedIds } from './id-index.ts';
import { checkModelShape, indexMapOver, type ModelLoader } from './served-model.ts';

/** What the serving thread asks the model thread to train. */
export interface RefreshTask {
  model: string;
  seed: number;
  minInteractions: number;
  completePortion: number;
  /** Read the whole log again instead of only what the previous run did not see. */
  fullRead: boolean;
  /** Recorded as the model's `trainedAt`. */
  now: number;
}

export type RefreshSummary =
  | { stored: true; version: number; kind: string; users: number; notes: number; interactions: number; events: number }
  | { stored: false; reason: string; interactions: number; events: number };

/**
 * A stored model as the model thread hands it over: its bytes and its ids packed for lookup, all in shared memory, so the
 * serving thread receives them without a copy and has nothing left to build.
 */
export interface LoadedModelMessage {
  version: number;
  /** Spans its whole (shared) buffer, so the model is decoded in place. */
  bytes: Uint8Array;
  meta: Omit<ServedModelMeta, 'userIds' | 'noteIds'>;
  /** Model user index ↔ user id. */
  userIds: PackedIds;
  /** Model item index ↔ note id. */
  noteIds: PackedIds;
}

/** The model thread's nice value on Linux: a lower priority than the serving thread's (nice 0), as background work should have. */
export const MODEL_THREAD_NICE = 10;

/** How long closing waits for the thread to close its database before stopping it (it is busy while training). */
const CLOSE_WAIT_MS = 2_000;

/**
 * A worker thread with its own database connection that reads the event log, trains and stores models, and reads stored
 * models back, so a serving node's main thread only attaches them. Needs a database another thread can open:
 * a SQLite file or PostgreSQL, not `sqlite::memory:`.
 */
export class ModelThread {
  private constructor(private readonly pool: WorkerPool) {}

  /**
   * Starts the thread and opens its database. `idle` also moves it to Linux's idle scheduling class (see the worker),
   * for a thread that will train: that spawns a process, so it is asked for only by a node opening the thread before it
   * serves.
   */
  static async open(databaseUrl: string, opts: { idle?: boolean } = {}): Promise<ModelThread> {
    const pool = new WorkerPool(siblingModule(import.meta.url, 'model-thread.worker'), 1);
    try {
      await pool.call(0, { type: 'open', databaseUrl, idle: opts.idle ?? false });
    } catch (e) {
      await pool.close();
      throw e;
    }
    return new ModelThread(pool);
  }

  refresh(task: RefreshTask): Promise<RefreshSummary> {
    return this.pool.call<RefreshSummary>(0, { type: 'refresh', ...task });
  }

  /** The stored model if it is newer than `sinceVersion`, else null. */
  load(sinceVersion: number): Promise<LoadedModelMessage | null> {
    return this.pool.call<LoadedModelMessage | null>(0, { type: 'load', sinceVersion });
  }

  /**
   * Closes the thread's database and stops it. A training run still going is cut short: the model row and its head
   * are separate writes, and nodes follow the head, so an interrupted run leaves the previous model in service.
   */
  async close(): Promise<void> {
    const closed = this.pool.call(0, { type: 'close' }).catch(() => undefined);
    await Promise.race([closed, delay(CLOSE_WAIT_MS, undefined, { ref: false })]);
    await this.pool.close();
  }
}

/**
 * The id ↔ index mapping of `idIndexMap` over ids the model thread packed. Model item → catalog note is looked up per
 * request (notes may reach this node's catalog after training), so only the ids and their reverse lookups are needed.
 */
export function packedIdIndexMap(engine: Engine, m: Pick<LoadedModelMessage, 'userIds' | 'noteIds'>): ModelIndexMap {
  const notes = new PackedIdIndex(m.noteIds);
  return indexMapOver(engine, (i) => notes.id(i), notes, new PackedIdIndex(m.userIds));
}

/** Attaches a model handed over by the model thread as the feed's collaborative source (no work per id or per byte). */
export function attachLoadedModel(engine: Engine, m: LoadedModelMessage): void {
  const model = deserializeModel(m.bytes);
  checkModelShape(model, m.userIds.count, m.noteIds.count);
  engine.recommender.attachModel(SERVED_MODEL, recModelCandidates(model, packedIdIndexMap(engine, m)));
}

/** How a `ThreadedModelLoader` reaches the model thread. */
export interface ModelThreadAccess {
  /** The thread, started if it is not running yet. */
  start(): Promise<ModelThread>;
  /** The thread if it was started, else null. */
  running(): Promise<ModelThread> | null;
}

/**
 * A `ModelLoader` whose model reads happen on the model thread, which hands over what it packed for the serving thread
 * to attach. Until the thread runs, the serving thread reads the tiny head record to learn whether there is a model to
 * load at all (the thread is started only then); once it runs, the thread reads the head too, so the serving thread
 * reads nothing from storage here (a head read just after the thread stored a full-scale model held it for ~110 ms).
 */
export class ThreadedModelLoader implements ModelLoader {
  version = 0;
  kind: string | null = null;

  constructor(private readonly storage: Storage, private readonly thread: ModelThreadAccess, private readonly engine: Engine) {}

  async refresh(): Promise<boolean> {
    let thread = this.thread.running();
    if (!thread) {
      const head = await readHead(this.storage);
      if (!head || head.version <= this.version) return false;
      thread = this.thread.start();
    }
    const loaded = await (await thread).load(this.version);
    if (!loaded || loaded.version <= this.version) return false;
    attachLoadedModel(this.engine, loaded);
    this.version = loaded.version;
    this.kind = loaded.meta.kind;
    return true;
  }

  /** A model the thread stored is not attached yet: the next `refresh` loads it, so nothing is recorded here. */
  attached(): void {}
}
