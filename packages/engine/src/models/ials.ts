import { SeededRng } from '../runtime/rng.ts';
import type { InteractionMatrix, SparseRows } from './interactions.ts';
import { gram } from './linalg.ts';
import { MatrixFactorization } from './factorization.ts';
import type { ProgressFn } from './model.ts';

/*
 * Implicit ALS (Hu, Koren & Volinsky, ICDM 2008) in the form of "Revisiting the Performance of iALS on Item
 * Recommendation Benchmarks" (Rendle, Krichene, Zhang & Koren, RecSys 2022):
 *   L = Σ_(u,i)∈S c_ui (⟨w_u,h_i⟩ − 1)² + α₀ Σ_u Σ_i ⟨w_u,h_i⟩² + λ Σ_u (|I_u| + α₀|I|)^ν ‖w_u‖² + (same for items)
 * with frequency-scaled regularisation (ν = 1), small initialisation (σ/√d) and many dimensions. Each row is
 * solved by a few warm-started conjugate-gradient steps (Takács, Pilászy & Tikk, RecSys 2011) instead of a
 * d³ Cholesky, which keeps d = 128–256 affordable.
 */

export interface IalsConfig {
  dims: number;
  epochs: number;
  /** α₀: weight of the unobserved pairs. */
  unobservedWeight: number;
  /** λ, scaled per row by (|row| + α₀·|other side|)^ν. */
  regularization: number;
  regExponent: number;
  /** c_ui = 1 + confidence · log(1 + value); 0 treats every interaction alike. */
  confidence: number;
  /** Initial factors ~ N(0, initScale² / d). */
  initScale: number;
  cgSteps: number;
  seed: number;
}

export const IALS_DEFAULTS: IalsConfig = {
  dims: 128, epochs: 12, unobservedWeight: 0.02, regularization: 0.002, regExponent: 1, confidence: 0, initScale: 0.1, cgSteps: 3, seed: 1,
};

export type IalsSide = 'users' | 'items';

/** The row-range kernel: solves rows [from, to) of one side against the fixed other side. Safe to run on disjoint ranges in parallel. */
export function ialsSolveRows(
  rows: SparseRows,
  solved: Float32Array,
  fixed: Float32Array,
  fixedGram: Float64Array,
  nOther: number,
  cfg: IalsConfig,
  from: number,
  to: number,
): void {
  const d = cfg.dims, a0 = cfg.unobservedWeight;
  const x = new Float64Array(d), r = new Float64Array(d), p = new Float64Array(d), ap = new Float64Array(d);
  for (let row = from; row < to; row++) {
    const start = rows.ptr[row]!, end = rows.ptr[row + 1]!;
    const reg = cfg.regularization * Math.pow(end - start + a0 * nOther, cfg.regExponent);
    const xo = row * d;
    for (let f = 0; f < d; f++) x[f] = solved[xo + f]!;
    // A·v = α₀ G v + Σ c_e ⟨y_e, v⟩ y_e + reg·v, with b = Σ c_e y_e.
    const applyA = (v: Float64Array, out: Float64Array): void => {
      for (let f = 0; f < d; f++) {
        let s = 0;
        const go = f * d;
        for (let g = 0; g < d; g++) s += fixedGram[go + g]! * v[g]!;
        out[f] = a0 * s + reg * v[f]!;
      }
      for (let e = start; e < end; e++) {
        const yo = rows.idx[e]! * d;
        let dot = 0;
        for (let f = 0; f < d; f++) dot += fixed[yo + f]! * v[f]!;
        dot *= confidenceOf(cfg, rows.val[e]!);
        for (let f = 0; f < d; f++) out[f]! += dot * fixed[yo + f]!;
      }
    };
    applyA(x, ap);
    for (let f = 0; f < d; f++) r[f] = -ap[f]!;
    for (let e = start; e < end; e++) {
      const yo = rows.idx[e]! * d;
      const c = confidenceOf(cfg, rows.val[e]!);
      for (let f = 0; f < d; f++) r[f]! += c * fixed[yo + f]!;
    }
    let rr = 0;
    for (let f = 0; f < d; f++) {
      p[f] = r[f]!;
      rr += r[f]! * r[f]!;
    }
    for (let step = 0; step < cfg.cgSteps && rr > 1e-20; step++) {
      applyA(p, ap);
      let pap = 0;
      for (let f = 0; f < d; f++) pap += p[f]! * ap[f]!;
      if (!(pap > 0)) break;
      const alpha = rr / pap;
      let rrNew = 0;
      for (let f = 0; f < d; f++) {
        x[f]! += alpha * p[f]!;
        r[f]! -= alpha * ap[f]!;
        rrNew += r[f]! * r[f]!;
      }
      const beta = rrNew / rr;
      rr = rrNew;
      for (let f = 0; f < d; f++) p[f] = r[f]! + beta * p[f]!;
    }
    for (let f = 0; f < d; f++) solved[xo + f] = x[f]!;
  }
}

function confidenceOf(cfg: IalsConfig, value: number): number {
  return cfg.confidence === 0 ? 1 : 1 + cfg.confidence * Math.log1p(Math.max(0, value));
}

/** Solves one side's rows; the job runner swaps in a worker-pool version that splits the range. */
export type SideSolver = (side: IalsSide, trainer: IalsTrainer) => Promise<void>;

/**
 * Holds the factors and runs epochs. `alloc` lets the caller place the factors and the Gram matrix in shared
 * memory so worker threads can solve row ranges in place.
 */
export class IalsTrainer {
  readonly cfg: IalsConfig;
  readonly userFactors: Float32Array;
  readonly itemFactors: Float32Array;
  /** Gram matrix of the side held fixed in the current half-epoch. */
  readonly fixedGram: Float64Array;

  constructor(
    readonly matrix: InteractionMatrix,
    cfg: Partial<IalsConfig> = {},
    alloc: { f32(n: number): Float32Array; f64(n: number): Float64Array } = { f32: (n) => new Float32Array(n), f64: (n) => new Float64Array(n) },
  ) {
    this.cfg = { ...IALS_DEFAULTS, ...cfg };
    const d = this.cfg.dims;
    this.userFactors = alloc.f32(matrix.nUsers * d);
    this.itemFactors = alloc.f32(matrix.nItems * d);
    this.fixedGram = alloc.f64(d * d);
    const rng = new SeededRng(this.cfg.seed);
    const sd = this.cfg.initScale / Math.sqrt(d);
    for (let e = 0; e < this.userFactors.length; e++) this.userFactors[e] = sd * rng.normal();
    for (let e = 0; e < this.itemFactors.length; e++) this.itemFactors[e] = sd * rng.normal();
  }

  /** Solves rows [from, to) of a side in this thread, against the current fixed Gram matrix. */
  solveRange(side: IalsSide, from: number, to: number): void {
    const m = this.matrix;
    if (side === 'users') ialsSolveRows(m.byUser, this.userFactors, this.itemFactors, this.fixedGram, m.nItems, this.cfg, from, to);
    else ialsSolveRows(m.byItem, this.itemFactors, this.userFactors, this.fixedGram, m.nUsers, this.cfg, from, to);
  }

  /** Prepares the Gram matrix of the side held fixed before its rows are solved. */
  prepare(side: IalsSide): void {
    const d = this.cfg.dims;
    if (side === 'users') gram(this.itemFactors, this.matrix.nItems, d, this.fixedGram);
    else gram(this.userFactors, this.matrix.nUsers, d, this.fixedGram);
  }

  /** One alternating epoch (users, then items); returns the training loss per observed pair. */
  async epoch(solve?: SideSolver): Promise<number> {
    for (const side of ['users', 'items'] as const) {
      this.prepare(side);
      if (solve) await solve(side, this);
      else this.solveRange(side, 0, side === 'users' ? this.matrix.nUsers : this.matrix.nItems);
    }
    return this.loss();
  }

  /** Objective value divided by the number of observed pairs. */
  loss(): number {
    const { cfg, matrix: m, userFactors: w, itemFactors: h } = this;
    const d = cfg.dims;
    let observed = 0;
    for (let u = 0; u < m.nUsers; u++) {
      for (let e = m.byUser.ptr[u]!; e < m.byUser.ptr[u + 1]!; e++) {
        const i = m.byUser.idx[e]!;
        let s = 0;
        for (let f = 0; f < d; f++) s += w[u * d + f]! * h[i * d + f]!;
        observed += confidenceOf(cfg, m.byUser.val[e]!) * (s - 1) * (s - 1);
      }
    }
    // Σ_u Σ_i ⟨w_u,h_i⟩² = trace(WᵀW · HᵀH).
    const gw = gram(w, m.nUsers, d), gh = gram(h, m.nItems, d);
    let all = 0;
    for (let e = 0; e < d * d; e++) all += gw[e]! * gh[e]!;
    let reg = 0;
    for (let u = 0; u < m.nUsers; u++) reg += regOf(cfg, m.byUser, u, m.nItems) * sq(w, u, d);
    for (let i = 0; i < m.nItems; i++) reg += regOf(cfg, m.byItem, i, m.nUsers) * sq(h, i, d);
    return (observed + cfg.unobservedWeight * all + reg) / Math.max(1, m.nnz);
  }

  /** A serving model over copies of the current factors. */
  model(): MatrixFactorization {
    const { cfg, matrix: m } = this;
    return new MatrixFactorization('ials', m.nUsers, m.nItems, cfg.dims, Float32Array.from(this.userFactors), Float32Array.from(this.itemFactors), {
      unobservedWeight: cfg.unobservedWeight, regularization: cfg.regularization, regExponent: cfg.regExponent,
    });
  }
}

function regOf(cfg: IalsConfig, rows: SparseRows, r: number, nOther: number): number {
  return cfg.regularization * Math.pow(rows.ptr[r + 1]! - rows.ptr[r]! + cfg.unobservedWeight * nOther, cfg.regExponent);
}

function sq(x: Float32Array, r: number, d: number): number {
  let s = 0;
  for (let f = 0; f < d; f++) s += x[r * d + f]! * x[r * d + f]!;
  return s;
}

/** Options for the generic train loop with validation-based early stopping. */
export interface TrainLoopOptions {
  progress?: ProgressFn;
  /** Validation metric of a candidate model (higher is better). */
  validate?: (model: MatrixFactorization) => number;
  /** Epochs without improvement before stopping. */
  patience?: number;
  solve?: SideSolver;
}

/** Trains iALS for cfg.epochs epochs, keeping the epoch with the best validation metric when one is given. */
export async function trainIals(m: InteractionMatrix, cfg: Partial<IalsConfig> = {}, opts: TrainLoopOptions = {}, trainer = new IalsTrainer(m, cfg)): Promise<MatrixFactorization> {
  let best: MatrixFactorization | null = null;
  let bestScore = -Infinity, since = 0;
  const epochs = trainer.cfg.epochs;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const loss = await trainer.epoch(opts.solve);
    if (!opts.validate) {
      opts.progress?.({ epoch, epochs, loss });
      continue;
    }
    const candidate = trainer.model();
    const score = opts.validate(candidate);
    opts.progress?.({ epoch, epochs, loss, validation: score });
    if (score > bestScore) {
      bestScore = score;
      best = candidate;
      since = 0;
    } else if (++since >= (opts.patience ?? 2)) break;
  }
  return best ?? trainer.model();
}
