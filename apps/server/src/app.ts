import { SeededRng, TimeRandomIds, type Clock, type Engine, type Segmenter, type Storage } from '@notewave/engine';
import { openStorage } from '@notewave/storage';
import type { Config } from './config.ts';
import { createWakeBus } from './bus/wake-bus.ts';
import { ChangeFollower } from './engine/change-follower.ts';
import { EngineSync } from './engine/engine-sync.ts';
import { ExposureTail } from './experiments/exposure-tail.ts';
import { JiebaSegmenter } from './engine/jieba-segmenter.ts';
import { PinyinRomanizer } from './engine/pinyin-romanizer.ts';
import { StoreFollower } from './engine/store-follower.ts';
import { loadEngine, type LoadReport } from './engine/load-engine.ts';
import { loadFromSnapshot, snapshotPath, writeSnapshotFile, type SnapshotPosition } from './engine/snapshot-file.ts';
import type { Api } from './http/api-types.ts';
import { buildHttp } from './http/build-http.ts';
import { Metrics } from './http/metrics.ts';
import { JobRunner } from './jobs/runner.ts';
import { ModelJobs } from './models-refresh/model-jobs.ts';
import { metricsAccess } from './routes/metrics-access.ts';
import { SharedCounters } from './limits/shared-counters.ts';
import { CachedStorage } from './services/cached-storage.ts';
import { applyConfiguredOperators } from './services/operators.ts';
import { createServices, type Services } from './services/services.ts';

export interface NodeOptions {
  /** An already open storage (tests, tools); otherwise `config.databaseUrl` is opened. */
  storage?: Storage;
  clock?: Clock;
  /**
   * The engine's word segmenter; a new `JiebaSegmenter` by default. Nodes in one process (tests) may share one: its
   * dictionary is fixed once built.
   */
  segmenter?: Segmenter;
  /** Called while the engine is rebuilt from storage, which takes a while on large databases. */
  onLoadProgress?: (r: LoadReport) => void;
  /**
   * Called once when changes this node had not read were pruned from the change log: it can no longer catch up by
   * reading the log and must be rebuilt from storage. `notewave serve` restarts the process (see there).
   */
  onMissedChanges?: (missed: { after: number; oldest: number }) => void;
}

/** One running Notewave process: the composition root's output. */
export interface NotewaveNode {
  readonly config: Config;
  readonly storage: Storage;
  readonly engine: Engine;
  readonly sync: EngineSync;
  /** What keeps this node in step with others sharing its store; runs by itself only on a multi-node store. */
  readonly follower: StoreFollower;
  readonly http: Api;
  readonly services: Services | null;
  readonly jobs: JobRunner;
  /** Loading, polling and retraining the model behind the feed's collaborative source. */
  readonly models: ModelJobs;
  readonly loaded: LoadReport;
  /** Whether the engine was restored from its snapshot (then the log after it read) or rebuilt from storage. */
  readonly loadedFrom: 'snapshot' | 'storage';
  /** Reads /metrics when NOTEWAVE_METRICS_ADDRESS moves it to a listener of its own (null until started). */
  metricsUrl(): string | null;
  /** Listens (unless `listen` is false) and starts jobs and event tailing; returns the URL when listening. */
  start(listen?: boolean): Promise<string | null>;
  /** Stops accepting requests, lets in-flight ones finish, stops jobs, then closes storage. */
  close(): Promise<void>;
}

const systemClock: Clock = { now: () => Date.now() };

/** How often the jobs role prunes change-log entries past NOTEWAVE_CHANGE_LOG_RETENTION. */
const CHANGE_LOG_PRUNE_MS = 3_600_000;

/** config → storage → engine (rebuilt from storage) → services → HTTP routes + jobs, according to the role. */
export async function createNode(config: Config, opts: NodeOptions = {}): Promise<NotewaveNode> {
  // With another bus carrying the wake-ups, PostgreSQL is spared a notification per commit and a listener per node.
  const storage = opts.storage ?? (await openStorage(config.databaseUrl, { notify: config.eventBus === 'postgres' }));
  try {
    // Storage opened here from the configured URL can be opened again by the model thread; storage handed in may not be.
    const databaseUrl = opts.storage ? null : config.databaseUrl;
    return await assemble(config, storage, databaseUrl, opts.clock ?? systemClock, opts.segmenter ?? new JiebaSegmenter(), opts);
  } catch (e) {
    await storage.close();
    throw e;
  }
}

async function assemble(config: Config, storage: Storage, databaseUrl: string | null, clock: Clock, segmenter: Segmenter, opts: NodeOptions): Promise<NotewaveNode> {
  if (config.autoMigrate) await storage.migrate();
  const rng = new SeededRng(config.seed ?? Math.floor(Math.random() * 2 ** 32));
  const ids = new TimeRandomIds(clock, rng);
  const deps = { clock, rng, ids, segmenter, romanizer: new PinyinRomanizer() };
  const engineOptions = { timeZone: config.timeZone };
  const snapshotFile = snapshotPath(config.engineSnapshot, config.databaseUrl);
  const loadStart = performance.now();
  const restored = snapshotFile ? await loadFromSnapshot(snapshotFile, storage, deps, engineOptions) : null;
  let engine: Engine, report: LoadReport, exposureSeq: number, changeSeq: number;
  if (restored?.ok) {
    // The log after the snapshot is read below, by the same pass that keeps a node in step with others.
    ({ engine, report } = restored);
    ({ exposureSeq, changeSeq } = restored.position);
  } else {
    // Read before the load: exposures stored meanwhile are applied twice, which changes nothing.
    exposureSeq = await storage.experiments.lastExposureSeq();
    changeSeq = await storage.changes.latestSeq();
    ({ engine, report } = await loadEngine(storage, deps, opts.onLoadProgress, { engine: engineOptions }));
  }
  const sync = new EngineSync(engine, storage.events, storage.capabilities.multiNode, report.lastSeq);
  const metrics = new Metrics();
  const serveApi = config.role !== 'worker';
  // Request handlers and the change follower share one set of per-node read caches (users and notes by id).
  const served = new CachedStorage(storage, clock);
  // Request limits and the event quota, counted per node and shared through the store.
  const counters = serveApi && config.rateLimits ? new SharedCounters(storage.rateLimits, clock) : null;
  const services = serveApi ? createServices({ config, storage: served, engine, sync, clock, ids, counter: metrics, counters }) : null;
  const access = metricsAccess(config);
  // On a shared store other nodes change entities and append events too; follow both so this engine and these
  // caches see every node's writes. Built on every node, so tools and tests can run a pass by hand.
  const tailing = storage.capabilities.multiNode && config.eventTailMs > 0;
  let modelJobs: ModelJobs | null = null;
  const exposures = new ExposureTail(storage.experiments, engine, exposureSeq);
  const follower = new StoreFollower({
    changes: storage.changes,
    events: storage.events,
    follower: new ChangeFollower(engine, storage.changes, storage.notes, storage.users, {
      forgetNotes: (ids) => served.notes.forget(ids),
      forgetUsers: (ids) => served.users.forget(...ids),
      forgetSessions: (hashes) => services?.auth.forgetSessions(hashes),
      // Built below, once the HTTP layer's log exists; a model stored before then is loaded at start-up anyway.
      modelsStored: (names) => modelJobs?.onStored(names),
      missedChanges: (after, oldest) => {
        http.log.error({ after, oldest }, 'changes this node had not read were pruned from the change log; it may serve stale notes or sessions, reports itself degraded and must be rebuilt from storage (restarted)');
        opts.onMissedChanges?.({ after, oldest });
      },
    }, changeSeq),
    sync,
    exposures,
    bus: createWakeBus(config, {
      changes: storage.changes,
      onError: (err) => http.log.warn({ err, bus: config.eventBus }, 'the event bus cannot be reached; nodes catch up by seq on the slow poll meanwhile'),
    }),
    onError: (err) => http.log.warn({ err }, 'following the shared store failed; the next poll tries again'),
  });
  const http = await buildHttp({ config, storage, metrics, services, metricsAccess: access, counters, lag: tailing ? () => follower.lag() : null });
  counters?.onError((err) => http.log.warn({ err }, 'rate-limit counters could not be written; kept for the next try'));
  const operators = await applyConfiguredOperators(storage.users, config.operatorIds);
  if (operators.granted.length > 0) http.log.info({ granted: operators.granted }, 'configured operators granted');
  if (operators.missing.length > 0) http.log.warn({ missing: operators.missing }, 'NOTEWAVE_OPERATOR_IDS names accounts that do not exist; skipped');

  let lastBeat = clock.now();
  metrics.gauge('notewave_engine_notes', 'Notes known to the engine, deleted ones included.', () => engine.catalog.size);
  metrics.gauge('notewave_engine_applied_seq', 'Highest event-log sequence number applied to the engine.', () => sync.appliedSeq);
  metrics.gauge('notewave_changes_applied_seq', 'Highest change-log sequence number applied to this node.', () => follower.appliedChangeSeq);
  metrics.gauge('notewave_event_bus_connected', 'Whether this node receives wake-ups from the event bus (1) or relies on its slow poll (0).', () => (tailing && follower.bus.connected() ? 1 : 0));
  metrics.gauge('notewave_jobs_last_heartbeat_seconds', 'When the job runner last ran its heartbeat (Unix time).', () => Math.floor(lastBeat / 1000));
  metrics.gauge('process_resident_memory_bytes', 'Resident memory of the process.', () => process.memoryUsage.rss());
  metrics.gauge('nodejs_heap_used_bytes', 'V8 heap in use.', () => process.memoryUsage().heapUsed);
  metrics.caches(() => ({
    ...engine.recommender.cacheCounts(),
    notes: served.notes.cacheCounts(),
    users: served.users.cacheCounts(),
    ...(services ? { sessions: services.auth.sessionCacheCounts() } : {}),
  }));

  const jobs = new JobRunner(http.log);
  if (config.role !== 'api') {
    jobs.add({ name: 'heartbeat', everyMs: 30_000, run: async () => void (lastBeat = clock.now()) });
  }
  if (tailing) jobs.add({ name: 'store-follow', everyMs: config.eventTailMs, run: () => follower.pass() });
  if (storage.capabilities.multiNode && config.role !== 'api' && config.changeLogRetentionMs > 0) {
    jobs.add({
      name: 'change-log-prune',
      everyMs: CHANGE_LOG_PRUNE_MS,
      run: async () => {
        const pruned = await storage.changes.prune(clock.now() - config.changeLogRetentionMs);
        if (pruned > 0) http.log.info({ pruned }, 'change-log entries past their retention pruned');
      },
    });
  }
  if (restored?.ok) {
    await follower.pass();
    report.events = sync.appliedSeq - restored.position.eventSeq;
    report.lastSeq = sync.appliedSeq;
    http.log.info({ file: snapshotFile, ms: Math.round(performance.now() - loadStart), eventsAfter: report.events, changesAfter: follower.appliedChangeSeq - changeSeq }, 'engine restored from its snapshot and the log after it');
  } else if (restored) {
    http.log.info({ file: snapshotFile, reason: restored.reason }, 'engine rebuilt from storage: its snapshot was not used');
  }

  /** Written at shutdown, once nothing is served: the next start restores it and reads only the log after it. */
  const saveSnapshot = async (file: string): Promise<void> => {
    try {
      if (storage.capabilities.multiNode) await follower.pass();
      const [users, notes, eventSeq, latestChange, lastExposure] = await Promise.all([
        storage.users.countUsers(),
        storage.notes.countNotes(),
        storage.events.lastSeq(),
        storage.changes.latestSeq(),
        storage.experiments.lastExposureSeq(),
      ]);
      // A single node wrote every change and event itself and applied each as it went; on a shared store, the last
      // pass read what the others wrote, and exactly the events up to its watermark must be applied.
      const position: SnapshotPosition = storage.capabilities.multiNode
        ? { eventSeq: sync.appliedSeq, changeSeq: follower.appliedChangeSeq, exposureSeq: exposures.appliedSeq, users, notes }
        : { eventSeq, changeSeq: latestChange, exposureSeq: lastExposure, users, notes };
      if (!sync.exact || (!storage.capabilities.multiNode && eventSeq !== sync.appliedSeq)) {
        http.log.warn({ file }, 'engine snapshot not written: the engine is not exactly at one log position');
        return;
      }
      const t0 = performance.now();
      const bytes = writeSnapshotFile(file, engine, position);
      http.log.info({ file, bytes, ms: Math.round(performance.now() - t0), ...position }, 'engine snapshot written');
    } catch (err) {
      http.log.warn({ err, file }, 'engine snapshot not written; the next start rebuilds from storage');
    }
  };

  const models = new ModelJobs({ config, storage, engine, clock, log: http.log, databaseUrl });
  modelJobs = models;
  await models.loadAtStart();
  for (const job of models.jobs()) jobs.add(job);

  let closing: Promise<void> | null = null;
  let metricsUrl: string | null = null;
  return {
    config, storage, engine, sync, follower, http, services, jobs, models, loaded: report, loadedFrom: restored?.ok ? 'snapshot' : 'storage',
    metricsUrl: () => metricsUrl,
    async start(listen = true) {
      jobs.start();
      if (tailing) await follower.watch();
      counters?.start();
      if (!listen) return null;
      // Workers listen too, for /health and /metrics only.
      const url = await http.listen({ port: config.port, host: config.host });
      metricsUrl = await access.listen(http);
      if (metricsUrl) http.log.info({ url: metricsUrl }, 'metrics served on a separate address');
      return url;
    },
    close() {
      closing ??= (async () => {
        await access.close();
        await http.close();
        await counters?.stop();
        await follower.stop();
        await jobs.stop();
        if (snapshotFile) await saveSnapshot(snapshotFile);
        await models.close();
        await storage.close();
      })();
      return closing;
    },
  };
}
