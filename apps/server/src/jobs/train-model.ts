import {
  buildInteractions, concatRows, evaluateUsers, positiveShareWeights, SignedExposureModel, finalizeMetrics, gram, ialsSolveRows, IalsTrainer, mergeSums, trainGraphFilter, trainChebyshevFilter,
  trainIals, trainItemKnn, trainPopularity, trainRecency, usersWithPositives,
  type EvalSplit, type IalsSide, type MetricReport, type MetricSums, type ProgressFn, type RecModel, type SparseRows,
} from '@notewave/engine';
import type { Dataset } from '../datasets/index.ts';
import { balancedRanges, siblingModule, WorkerPool } from './worker-pool.ts';

/*
 * Training and evaluation jobs: the engine provides the kernels (row ranges, user ranges), this module
 * spreads them over worker threads. Used by `notewave eval` and by the worker role's model refresh.
 */

export interface TrainOptions {
  seed: number;
  /** Latent dimensions for factor models and the graph filter's spectral part. */
  dims?: number;
  epochs?: number;
}

export interface TrainContext {
  /** Worker threads for the parallel kernels; null runs everything in this thread. */
  pool: WorkerPool | null;
  progress: ProgressFn;
}

export interface ModelSpec {
  summary: string;
  train(ds: Dataset, opts: TrainOptions, ctx: TrainContext): Promise<RecModel>;
}

/** Models `notewave eval --model` accepts, by name. */
export const MODELS: Record<string, ModelSpec> = {
  pop: { summary: 'item popularity', train: async (ds) => trainPopularity(trainingMatrix(ds)) },
  recent: { summary: 'time-decayed popularity (half-life 30 days)', train: async (ds) => trainRecency(trainingMatrix(ds)) },
  itemknn: { summary: 'item-based cosine kNN with shrinkage', train: trainKnnJob },
  ials: { summary: 'implicit ALS (conjugate gradient), early-stopped on validation', train: trainIalsJob },
  gfcf: { summary: 'graph-filter CF: normalised item graph + top-k spectral filter', train: trainGraphFilterJob },
  chebycf: { summary: 'ChebyCF: Chebyshev-interpolated low-pass filter on the normalised item graph + ideal low-pass + degree normalisation', train: trainChebyshevFilterJob },
  'gfcf-signed': { summary: 'sign-aware GF-CF: the graph filter over interactions of either sign, times each item\'s positive share^0.5; without --dims, the ideal term cut-off is chosen on a published validation split', train: trainSignedGraphFilterJob },
};

/** Models without early stopping learn from every training interaction, including a carved validation. */
function trainingMatrix(ds: Dataset) {
  return ds.fullTrain ?? ds.train;
}

/** Worker threads for the training kernels when `size` > 1; null trains on the calling thread (the CLI's `--threads 1`). */
export function createPool(size: number): WorkerPool | null {
  return size > 1 ? createBackgroundPool(size) : null;
}

/**
 * Worker threads for training off the calling thread, even with one worker: a serving node trains in the background
 * without blocking its event loop (at 1M notes an in-thread ItemKNN would stall every request for minutes).
 */
export function createBackgroundPool(size: number): WorkerPool {
  return new WorkerPool(siblingModule(import.meta.url, 'model.worker'), Math.max(1, size));
}

async function trainKnnJob(ds: Dataset, _opts: TrainOptions, ctx: TrainContext): Promise<RecModel> {
  const m = trainingMatrix(ds);
  const cfg = { neighbours: 200, shrink: 10, weighting: 'binary' as const };
  if (!ctx.pool) return trainItemKnn(m, cfg, ctx.progress);
  const pool = ctx.pool;
  await pool.broadcast({ type: 'knn-init', matrix: m, cfg });
  // Cost of an item ≈ Σ over its users of their history length; balance on the item pointer as a proxy.
  const ranges = balancedRanges(m.byItem.ptr, pool.size, 1);
  const parts = await Promise.all(ranges.map(([from, to], w) => pool.call<SparseRows>(w, { type: 'knn-rows', from, to })));
  return trainItemKnn(m, cfg, ctx.progress, concatRows(parts));
}

async function trainGraphFilterJob(ds: Dataset, opts: TrainOptions, ctx: TrainContext): Promise<RecModel> {
  return trainGraphFilter(trainingMatrix(ds), { dims: opts.dims ?? 256, seed: opts.seed }, ctx.progress);
}

/** ChebyCF with the published Gowalla setting; `--dims` sets the ideal low-pass term's singular vectors. */
async function trainChebyshevFilterJob(ds: Dataset, opts: TrainOptions, ctx: TrainContext): Promise<RecModel> {
  return trainChebyshevFilter(trainingMatrix(ds), { ...(opts.dims ? { dims: opts.dims } : {}), seed: opts.seed }, ctx.progress);
}

/** Cut-offs of the ideal low-pass term compared on a published validation split (see `trainSignedGraphFilterJob`). */
const SIGNED_DIMS = [32, 64, 128, 256];

/**
 * GF-CF over every training interaction, positive or negative (what users were shown and tried), its scores weighted
 * by each item's smoothed positive share (how it was received). On unsigned data every interaction is positive and
 * the weight only favours items with more of them. Without `--dims`, and when the data comes with its own validation
 * split, the ideal term keeps the number of leading singular vectors (of 32, 64, 128, 256) that ranks best there by
 * NDCG@20: short-video logs concentrate on few directions (KuaiRand's validation peaks at 64, Gowalla's setting is
 * 256). A carved validation is not used: the filter is built from rows that still hold its items.
 */
async function trainSignedGraphFilterJob(ds: Dataset, opts: TrainOptions, ctx: TrainContext): Promise<RecModel> {
  const seen = ds.seen;
  const users: number[] = [];
  for (let u = 0; u + 1 < seen.ptr.length; u++) for (let e = seen.ptr[u]!; e < seen.ptr[u + 1]!; e++) users.push(u);
  const all = buildInteractions(ds.nUsers, ds.nItems, { users, items: seen.idx });
  const weights = positiveShareWeights(trainingMatrix(ds), seen, ds.nItems, 0.5);
  const choose = opts.dims === undefined && ds.valid !== undefined && ds.fullTrain === undefined;
  const inner = trainGraphFilter(all, { dims: opts.dims ?? Math.max(...SIGNED_DIMS), seed: opts.seed }, ctx.progress);
  if (!choose) return new SignedExposureModel(inner, weights);
  const split = validationSplit(ds, 2000);
  let best: { model: SignedExposureModel; ndcg: number; dims: number } | null = null;
  // A small matrix may give fewer vectors than asked: its whole basis is then the last candidate.
  for (const dims of [...SIGNED_DIMS.filter((d) => d < inner.dims), inner.dims]) {
    const model = new SignedExposureModel(inner.withLeading(dims), weights);
    const ndcg = evaluateSequential(model, split)['ndcg@20'] ?? 0;
    ctx.progress?.({ epoch: 1, epochs: 1, note: `${dims} singular vectors: validation NDCG@20 ${ndcg.toFixed(4)}` });
    if (best === null || ndcg > best.ndcg) best = { model, ndcg, dims };
  }
  ctx.progress?.({ epoch: 1, epochs: 1, note: `kept ${best!.dims} singular vectors` });
  return best!.model;
}

async function trainIalsJob(ds: Dataset, opts: TrainOptions, ctx: TrainContext): Promise<RecModel> {
  const cfg = { dims: opts.dims ?? 128, epochs: opts.epochs ?? 10, seed: opts.seed };
  const shared = ctx.pool
    ? { f32: (n: number) => new Float32Array(new SharedArrayBuffer(n * 4)), f64: (n: number) => new Float64Array(new SharedArrayBuffer(n * 8)) }
    : undefined;
  const trainer = new IalsTrainer(ds.train, cfg, shared);
  let solve: ((side: IalsSide) => Promise<void>) | undefined;
  const pool = ctx.pool;
  if (pool) {
    await pool.broadcast({
      type: 'ials-init', byUser: ds.train.byUser, byItem: ds.train.byItem, nUsers: ds.nUsers, nItems: ds.nItems,
      userFactors: trainer.userFactors, itemFactors: trainer.itemFactors, gram: trainer.fixedGram, cfg: trainer.cfg,
    });
    solve = async (side) => {
      const rows = side === 'users' ? ds.train.byUser : ds.train.byItem;
      const ranges = balancedRanges(rows.ptr, pool.size, trainer.cfg.dims / 2);
      await Promise.all(ranges.map(([from, to], w) => pool.call(w, { type: 'ials-solve', side, from, to })));
    };
  }
  const validSplit = ds.valid ? validationSplit(ds, 1000) : null;
  const model = await trainIals(ds.train, trainer.cfg, {
    progress: ctx.progress,
    patience: 2,
    ...(solve ? { solve: (side: IalsSide) => solve(side) } : {}),
    ...(validSplit ? { validate: (m: RecModel) => evaluateSequential(m, validSplit)['recall@20']! } : {}),
  }, trainer);
  if (ds.fullTrain) {
    // The validation carve hid a few items from some users; one more user solve brings them back.
    const full = ds.fullTrain;
    ialsSolveRows(full.byUser, model.userFactors, model.itemFactors, gram(model.itemFactors, ds.nItems, model.dims), ds.nItems,
      { ...trainer.cfg, cgSteps: trainer.cfg.cgSteps * 2 }, 0, ds.nUsers);
  }
  return model;
}

/** Validation split over at most `maxUsers` users (evenly spaced, so the sample is deterministic). */
export function validationSplit(ds: Dataset, maxUsers = Infinity): EvalSplit {
  const all = usersWithPositives(ds.valid!.positives);
  const stride = Math.max(1, Math.ceil(all.length / maxUsers));
  return {
    nItems: ds.nItems,
    users: all.filter((_, i) => i % stride === 0),
    // A carved validation hides items inside the full training rows, so only the carved rows count as seen.
    seen: ds.fullTrain ? ds.train.byUser : ds.seen,
    positives: ds.valid!.positives,
    ...(ds.valid!.negatives ? { negatives: ds.valid!.negatives } : {}),
  };
}

/** The test split: candidates exclude everything seen in training and the validation items. */
/**
 * The test split of a dataset. By default a published validation file's items are masked too (the user has
 * interacted with them); `maskValidation: false` masks training items only, as SIGformer's protocol does.
 */
export function testSplit(ds: Dataset, opts: { maskValidation?: boolean } = {}): EvalSplit {
  const maskValidation = opts.maskValidation ?? true;
  return {
    nItems: ds.nItems,
    users: usersWithPositives(ds.test.positives),
    seen: ds.seen,
    ...(maskValidation && ds.valid && !ds.fullTrain ? { alsoSeen: [ds.valid.positives, ...(ds.valid.negatives ? [ds.valid.negatives] : [])] } : {}),
    positives: ds.test.positives,
    ...(ds.test.negatives ? { negatives: ds.test.negatives } : {}),
  };
}

export function evaluateSequential(model: RecModel, split: EvalSplit, ks = [10, 20]): MetricReport {
  return finalizeMetrics(evaluateUsers((u, out) => model.scoreItems(u, out), split, 0, split.users.length, ks), !!split.negatives);
}

/** Full-ranking evaluation spread over the pool's workers by user range. */
export async function evaluateModel(model: RecModel, split: EvalSplit, pool: WorkerPool | null, ks = [10, 20], onProgress?: (done: number, total: number) => void): Promise<MetricReport> {
  if (!pool) return evaluateSequential(model, split, ks);
  const bytes = model.serialize();
  await pool.broadcast({ type: 'eval-init', bytes, split });
  // Small chunks let the two workers share the load evenly and the progress bar move.
  const n = split.users.length, chunk = Math.max(50, Math.ceil(n / 40));
  let next = 0, done = 0;
  let total: MetricSums | null = null;
  await Promise.all(Array.from({ length: pool.size }, async (_, w) => {
    while (next < n) {
      const from = next, to = Math.min(n, from + chunk);
      next = to;
      const sums = await pool.call<MetricSums>(w, { type: 'eval-range', from, to, ks });
      total = total ? mergeSums(total, sums) : sums;
      done += to - from;
      onProgress?.(done, n);
    }
  }));
  return finalizeMetrics(total!, !!split.negatives);
}
