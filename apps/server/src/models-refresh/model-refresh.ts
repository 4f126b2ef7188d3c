import type { MetricReport, ProgressFn, RecModel, Storage } from '@notewave/engine';
import type { WorkerPool } from '../jobs/worker-pool.ts';
import { evaluateModel, MODELS, testSplit } from '../jobs/train-model.ts';
import { readEventMatrix, type EventInteractions } from './event-interactions.ts';
import { leaveLatestOut, liveDataset } from './live-holdout.ts';

/** Name the model is stored and attached under: the feed's `model` source looks up `collaborative`. */
export const SERVED_MODEL = 'collaborative';
/**
 * A tiny record written after each model, holding its version: API nodes poll this instead of the model,
 * whose bytes (neighbour lists, factors, the id arrays) can run to many megabytes.
 */
export const SERVED_MODEL_HEAD = `${SERVED_MODEL}.head`;

/** What is stored beside the model's bytes, so any node maps its dense indices back to ids. */
export interface ServedModelMeta {
  /** Registry name the model was trained with (`itemknn`, `ials`, …). */
  kind: string;
  userIds: string[];
  noteIds: string[];
  trainedAt: number;
  /** Positive (user, note) pairs trained on. */
  interactions: number;
  /** The model reflects the event log up to this sequence number. */
  lastSeq: number;
  seed: number;
  /** Leave-latest-out Recall/NDCG of the same trainer, when the run evaluated before training on everything. */
  metrics?: MetricReport;
}

export interface HeadMeta {
  version: number;
  kind: string;
  trainedAt: number;
  lastSeq: number;
}

export interface RefreshOptions {
  /** A name in the training registry (`MODELS`). */
  model: string;
  seed: number;
  minInteractions: number;
  /** Wall-clock time recorded as `trainedAt`. */
  now: () => number;
  completePortion?: number;
  /** Worker threads for the parallel kernels; null trains in this thread. */
  pool?: WorkerPool | null;
  signal?: AbortSignal;
  /** Interactions kept from the previous run on this node: only newer events are read. */
  accumulator?: EventInteractions;
  /** First train with each user's latest positive held out and record how well it is predicted (twice the work). */
  evaluate?: boolean;
  /** Reading the log (`read`) and training epochs (`train`), for the CLI's progress display. */
  onRead?: (events: number, lastSeq: number) => void;
  onTrain?: ProgressFn;
}

export type RefreshResult =
  | { stored: true; version: number; model: RecModel; meta: ServedModelMeta; events: number }
  | { stored: false; reason: string; interactions: number; events: number };

/** Reads the event log, trains the configured model on its positives, and stores it for every node. */
export async function refreshModel(storage: Storage, opts: RefreshOptions): Promise<RefreshResult> {
  const spec = MODELS[opts.model];
  if (!spec) throw new RangeError(`unknown model '${opts.model}' (known: ${Object.keys(MODELS).join(', ')})`);
  const data = await readEventMatrix(storage.events, {
    ...(opts.completePortion !== undefined ? { completePortion: opts.completePortion } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.accumulator ? { into: opts.accumulator } : {}),
    ...(opts.onRead ? { onPage: opts.onRead } : {}),
  });
  const interactions = data.matrix.nnz;
  if (interactions < opts.minInteractions) {
    return { stored: false, reason: `${interactions} positive interactions, fewer than the ${opts.minInteractions} required`, interactions, events: data.events };
  }
  const ctx = { pool: opts.pool ?? null, progress: opts.onTrain ?? (() => {}) };
  let metrics: MetricReport | undefined;
  if (opts.evaluate) {
    opts.signal?.throwIfAborted();
    const held = leaveLatestOut(data.matrix);
    metrics = await evaluateModel(await spec.train(held, { seed: opts.seed }, ctx), testSplit(held), ctx.pool);
  }
  opts.signal?.throwIfAborted();
  const model = await spec.train(liveDataset(data.matrix), { seed: opts.seed }, ctx);
  const meta: ServedModelMeta = {
    kind: opts.model, userIds: data.userIds, noteIds: data.noteIds, trainedAt: opts.now(), interactions, lastSeq: data.lastSeq, seed: opts.seed,
    ...(metrics ? { metrics } : {}),
  };
  const version = await storage.models.putModel(SERVED_MODEL, model.serialize(), { ...meta }, meta.trainedAt);
  const head: HeadMeta = { version, kind: meta.kind, trainedAt: meta.trainedAt, lastSeq: meta.lastSeq };
  await storage.models.putModel(SERVED_MODEL_HEAD, new Uint8Array(0), { ...head }, meta.trainedAt);
  // Nodes always load the latest version; one older model is kept so a rollback is one delete away.
  await storage.models.pruneModels(SERVED_MODEL, 2);
  await storage.models.pruneModels(SERVED_MODEL_HEAD, 1);
  return { stored: true, version, model, meta, events: data.events };
}

/** The latest head record, or null before the first model was stored. */
export async function readHead(storage: Storage): Promise<HeadMeta | null> {
  const head = await storage.models.getModel(SERVED_MODEL_HEAD);
  return head ? (head.meta as unknown as HeadMeta) : null;
}
